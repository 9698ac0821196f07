// A file that is not open in the editor is summarised from a parse whose unread function bodies are blanked
// (bodySkimmer.ts): the same summary for a fraction of the parse. An open document keeps its full incremental tree.
import { blankFunctionBodies, SkimmedText } from './bodySkimmer';
import { BODY_READ_METHODS } from './classBody';
import { ModuleSummary } from './moduleSummary';
import { PythonParser, Tree } from './pythonParser';
import { LEGACY_NAMES } from './pyinfraModel';
import { summarize } from './summarize';

const keepBody = (name: string) => BODY_READ_METHODS.has(name);

/**
 * The lexer skips the largest blanks, not all: it looks for its place among the gaps anew at each token, so many
 * small gaps would cost more than lexing their spaces.
 */
const SKIPPED_GAPS = 32;
const SKIPPED_GAP_LENGTH = 200;

/** The text the parser is given for a closed file: bodies blanked, unless the summary reads names anywhere (2.x names). */
export function skimmedText(text: string): SkimmedText | undefined {
  if (LEGACY_NAMES.some((name) => text.includes(name))) return undefined;
  return blankFunctionBodies(text, keepBody);
}

/** The skimmed text's tree, the largest blanks left out of the lexer's sight. */
export function parseSkimmed(parser: PythonParser, { text, blanks }: SkimmedText): Tree {
  const gaps = blanks.filter(([start, end]) => end - start >= SKIPPED_GAP_LENGTH);
  if (gaps.length > SKIPPED_GAPS) gaps.sort((a, b) => (b[1] - b[0]) - (a[1] - a[0])).splice(SKIPPED_GAPS);
  return parser.parseOmitting(text, gaps.sort((a, b) => a[0] - b[0]));
}

export function summarizeClosedFile(parser: PythonParser, file: string, text: string): ModuleSummary {
  const skimmed = skimmedText(text);
  let tree = skimmed ? parseSkimmed(parser, skimmed) : parser.parse(text);
  // a syntax error outside the blanked bodies turns on text recovery, which reads the whole text: parse it all
  if (skimmed !== undefined && tree.rootNode.hasError) {
    tree.delete();
    tree = parser.parse(text);
  }
  try {
    return summarize(file, text, tree);
  } finally {
    tree.delete();
  }
}
