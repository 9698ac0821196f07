// tree-sitter-python through web-tree-sitter: one parser per process, loaded once.
// Positions and indices are UTF-16 code units (web-tree-sitter parses JavaScript strings), as in LSP.
import type { Range, Tree } from 'web-tree-sitter';
import { locateWasm } from './wasmLocator';

// require(), not import: bundlers then pick web-tree-sitter's CommonJS build, whose loader works in a
// CommonJS bundle (the ES build reads import.meta.url, which a CommonJS bundle does not have)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Edit, Language, Parser }: typeof import('web-tree-sitter') = require('web-tree-sitter');

export type { Tree, Node as SyntaxNode } from 'web-tree-sitter';

export interface PythonParser {
  parse(text: string, previous?: Tree): Tree;
  /**
   * Parses `text` as if the characters of each gap ([start, end), sorted, apart) were not there for the lexer, while
   * every position still counts them: a blanked body's literal is lexed as `""""""` yet keeps its extent.
   */
  parseOmitting(text: string, gaps: ReadonlyArray<readonly [number, number]>): Tree;
}

let loading: Promise<PythonParser> | undefined;

export function loadPythonParser(): Promise<PythonParser> {
  loading ??= (async () => {
    const wasm = locateWasm();
    await Parser.init({ locateFile: () => wasm.runtime });
    const language = await Language.load(wasm.python);
    const parser = new Parser();
    parser.setLanguage(language);
    const treeOf = (tree: Tree | null) => {
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    };
    return {
      parse: (text, previous) => treeOf(parser.parse(text, previous ?? null)),
      parseOmitting(text, gaps) {
        if (gaps.length === 0) return treeOf(parser.parse(text));
        const includedRanges = rangesBetween(text, gaps);
        const bounds = includedRanges.flatMap((range) => [range.startIndex, range.endIndex]);
        // the lexer asks for text where it stands; a chunk up to the next bound copies none of a gap into wasm
        const chunk = (index: number) => text.slice(index, nextBound(bounds, index) ?? text.length);
        // the ranges are the parser's until its next parse, which sets them again (web-tree-sitter passes none: all)
        return treeOf(parser.parse(chunk, null, { includedRanges }));
      },
    };
  })();
  return loading;
}

/** The first bound after `index` (bounds ascending). */
function nextBound(bounds: number[], index: number): number | undefined {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bounds[middle] <= index) low = middle + 1;
    else high = middle;
  }
  return bounds[low];
}

/** The ranges of `text` around the gaps, with their points (rows and UTF-16 columns). */
function rangesBetween(text: string, gaps: ReadonlyArray<readonly [number, number]>): Range[] {
  let row = 0;
  let lineStart = 0;
  let counted = 0;
  const pointOf = (index: number) => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
      row++;
      lineStart = i + 1;
    }
    counted = index;
    return { row, column: index - lineStart };
  };
  const ranges: Range[] = [];
  let start = 0;
  for (const [gapStart, gapEnd] of [...gaps, [text.length, text.length] as const]) {
    ranges.push({ startIndex: start, startPosition: pointOf(start), endIndex: gapStart, endPosition: pointOf(gapStart) });
    start = gapEnd;
  }
  return ranges;
}

export interface TextChange {
  /** Offsets in the old text, UTF-16 code units. */
  startIndex: number;
  oldEndIndex: number;
  newText: string;
}

function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/** Tells the old tree about one edit so the next parse reuses what did not change. */
export function applyEdit(tree: Tree, oldText: string, change: TextChange): string {
  const newText = oldText.slice(0, change.startIndex) + change.newText + oldText.slice(change.oldEndIndex);
  const newEndIndex = change.startIndex + change.newText.length;
  tree.edit(new Edit({
    startIndex: change.startIndex,
    oldEndIndex: change.oldEndIndex,
    newEndIndex,
    startPosition: pointAt(oldText, change.startIndex),
    oldEndPosition: pointAt(oldText, change.oldEndIndex),
    newEndPosition: pointAt(newText, newEndIndex),
  }));
  return newText;
}
