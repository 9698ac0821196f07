// A cheap textual look at a Python file, so files that cannot hold or feed a connector class are never
// parsed. A file is parsed when it mentions pyinfra's connector vocabulary, or later, when it refers
// (in a class's bases, an import or a module-level alias) to a connector class found elsewhere.

const SEED = /pyinfra|Connector|run_shell_command|put_file|get_file|make_names_data|split_combined_output|return_combined_output|EXECUTION_CONNECTOR/;

export function mentionsConnectorVocabulary(text: string): boolean {
  return SEED.test(text);
}

const CLASS_BASES = /^[ \t]*class[ \t]+\w+[ \t]*(?:\[[^\]]*\])?[ \t]*\(([^)]*)\)/gm;
const FROM_IMPORT = /^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([^\n]*)/gm;
const ALIAS = /^(\w+)[ \t]*=[ \t]*([\w.]+)[ \t]*$/gm;
const WORD = /[A-Za-z_]\w*/g;

/** Identifiers a file uses where a connector class could enter it: bases, imports, module-level aliases. */
export function referencedNames(text: string): Set<string> {
  const names = new Set<string>();
  const addWords = (fragment: string) => {
    for (const word of fragment.match(WORD) ?? []) names.add(word);
  };
  for (const pattern of [CLASS_BASES, FROM_IMPORT, IMPORT]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) addWords(match[1]);
  }
  ALIAS.lastIndex = 0;
  for (let match = ALIAS.exec(text); match; match = ALIAS.exec(text)) addWords(match[2]);
  return names;
}
