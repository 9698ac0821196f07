// Bundled and run by run.js: where a cold lint's time goes, in one process on one thread, phase by phase
// (tree-sitter's wasm loaded and compiled, files read, unread bodies skimmed, parsed, summarised, rules run), every
// file parsed as a closed file is (closedFileSummary.ts); and how many of them the lint itself parses (the others
// fail its textual pre-pass), and which. Prints JSON, times in wall ms.
import * as fs from 'fs';
import { WorkspaceIndex } from '../../src/core/analysis';
import { lintableFiles } from '../../src/core/analysis/lintableFiles';
import { mentionsConnectorVocabulary } from '../../src/core/analysis/prepass';
import { parseSkimmed, skimmedText } from '../../src/core/analysis/closedFileSummary';
import { loadPythonParser } from '../../src/core/analysis/pythonParser';
import { summarize } from '../../src/core/analysis/summarize';

async function main(): Promise<void> {
  const phases: Record<string, number> = {};
  let last = process.hrtime.bigint();
  const phase = (name: string) => {
    const now = process.hrtime.bigint();
    phases[name] = Number(now - last) / 1e6;
    last = now;
  };
  const files = await lintableFiles([process.argv[2]]);
  const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
  phase('walk and read');
  const parser = await loadPythonParser();
  phase('wasm load');
  const skimmed = texts.map((text) => skimmedText(text));
  phase('skim');
  const trees = skimmed.map((result, i) => (result ? parseSkimmed(parser, result) : parser.parse(texts[i])));
  phase('parse');
  const summaries = trees.map((tree, i) => summarize(files[i], texts[i], tree));
  phase('summaries');
  for (const tree of trees) tree.delete();
  const index = await WorkspaceIndex.create();
  files.forEach((file, i) => index.setFile(file, texts[i], summaries[i]));
  index.diagnostics();
  phase('rules');
  const picked = files.filter((_, i) => mentionsConnectorVocabulary(texts[i]));
  const chars = (list: string[]) => list.reduce((sum, file) => sum + texts[files.indexOf(file)].length, 0);
  process.stdout.write(`${JSON.stringify({ phases, files: files.length, lintParses: picked, lintParsedShare: chars(picked) / chars(files) })}\n`);
}

void main();
