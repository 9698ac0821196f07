// tree-sitter-python through web-tree-sitter: one parser per process, loaded once.
// Positions and indices are UTF-16 code units (web-tree-sitter parses JavaScript strings), as in LSP.
import type { Tree } from 'web-tree-sitter';
import { locateWasm } from './wasmLocator';

// require(), not import: bundlers then pick web-tree-sitter's CommonJS build, whose loader works in a
// CommonJS bundle (the ES build reads import.meta.url, which a CommonJS bundle does not have)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Edit, Language, Parser }: typeof import('web-tree-sitter') = require('web-tree-sitter');

export type { Tree, Node as SyntaxNode } from 'web-tree-sitter';

export interface PythonParser {
  parse(text: string, previous?: Tree): Tree;
}

let loading: Promise<PythonParser> | undefined;

export function loadPythonParser(): Promise<PythonParser> {
  loading ??= (async () => {
    const wasm = locateWasm();
    await Parser.init({ locateFile: () => wasm.runtime });
    const language = await Language.load(wasm.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      parse(text: string, previous?: Tree): Tree {
        const tree = parser.parse(text, previous ?? null);
        if (!tree) throw new Error('tree-sitter returned no tree');
        return tree;
      },
    };
  })();
  return loading;
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
