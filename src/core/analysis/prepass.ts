// A cheap textual look at a Python file, so files that cannot hold or feed a connector class are never
// parsed. A file is parsed when it mentions pyinfra's connector vocabulary, or later, when it refers
// (in a class's bases, an import or a module-level alias) to a connector class found elsewhere.
import { BUILTIN_CONNECTORS, LEGACY_FUNCTIONS, LEGACY_NAMES } from './pyinfraModel';

// A connector class reaches pyinfra through a chain of bases whose first workspace link names one of pyinfra's
// connector classes (however it is imported, the class's name is written). A file that only imports other parts
// of pyinfra (a deploy, an operation, a fact) holds no connector: it is parsed only if a connector class reaches it.
// The 2.x API has its own names, and module-level functions taking `state` first.
const SEED = new RegExp([
  ...new Set([...BUILTIN_CONNECTORS.map((connector) => connector.name), ...LEGACY_NAMES]),
].concat(String.raw`def\s+(?:${[...LEGACY_FUNCTIONS].join('|')})\s*\(\s*state\b`).join('|'));

export function mentionsConnectorVocabulary(text: string): boolean {
  return SEED.test(text);
}

// one pass over the text: class headers with bases (a call or a parenthesised comment among them), imports (continued
// lines too), and `Name = dotted.name`, annotated or not, at any indentation (the summary reads them under `if`/`try`)
const LOGICAL_LINE = String.raw`[^\\\n]*(?:\\(?:\r\n|[\s\S])[^\\\n]*)*`;
const REFERENCES = new RegExp(String.raw`^[ \t]*(?:class[ \t]+\w+[ \t]*(?:\[[^\]\n]*\])?[ \t]*\(((?:[^()]|\([^()]*\))*)\)`
  + String.raw`|from[ \t]+[\w.]+[ \t]+import[ \t]+(\([^)]*\)|${LOGICAL_LINE})|import[ \t]+(${LOGICAL_LINE})`
  + String.raw`|\w+[ \t]*(?::[^=\n]*)?=[ \t]*([\w.]+)[ \t]*(?:[#;][^\n]*)?$)`, 'gm');
const WORD = /[A-Za-z_]\w*/g;

/** Identifiers a file uses where a connector class could enter it: bases, imports, module-level aliases. */
export function referencedNames(text: string): Set<string> {
  const names = new Set<string>();
  const addWords = (fragment: string) => {
    for (const word of fragment.match(WORD) ?? []) names.add(word);
  };
  REFERENCES.lastIndex = 0;
  for (let match = REFERENCES.exec(text); match; match = REFERENCES.exec(text)) {
    addWords(match[1] ?? match[2] ?? match[3] ?? match[4]);
  }
  return names;
}
