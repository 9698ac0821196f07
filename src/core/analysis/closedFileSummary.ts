// A file that is not open in the editor is summarised from a parse whose unread function bodies are blanked
// (bodySkimmer.ts): the same summary for a fraction of the parse. An open document keeps its full incremental tree.
import { blankFunctionBodies } from './bodySkimmer';
import { BODY_READ_METHODS } from './classBody';
import { ModuleSummary } from './moduleSummary';
import { PythonParser } from './pythonParser';
import { LEGACY_NAMES, summarize } from './summarize';

const keepBody = (name: string) => BODY_READ_METHODS.has(name);

/** The text the parser is given for a closed file: bodies blanked, unless the summary reads names anywhere (2.x names). */
export function skimmedText(text: string): string | undefined {
  if (LEGACY_NAMES.some((name) => text.includes(name))) return undefined;
  return blankFunctionBodies(text, keepBody);
}

export function summarizeClosedFile(parser: PythonParser, file: string, text: string): ModuleSummary {
  const skimmed = skimmedText(text);
  let tree = parser.parse(skimmed ?? text);
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
