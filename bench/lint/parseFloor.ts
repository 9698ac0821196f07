// Bundled and run by run.js as a fresh process: what a lint of these files costs before it reads anything from
// the trees — Node's start-up, loading tree-sitter's wasm, and the parse the lint does of each closed file (unread
// bodies skimmed, closedFileSummary.ts); no summaries, no rules.
import * as fs from 'fs';
import { parseSkimmed, skimmedText } from '../../src/core/analysis/closedFileSummary';
import { loadPythonParser } from '../../src/core/analysis/pythonParser';

async function main(): Promise<void> {
  const parser = await loadPythonParser();
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, 'utf8');
    const skimmed = skimmedText(text);
    (skimmed ? parseSkimmed(parser, skimmed) : parser.parse(text)).delete();
  }
}

void main();
