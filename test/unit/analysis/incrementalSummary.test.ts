// Re-summarising after an edit (the shortcut for one-line edits, the statement cache) must give exactly
// what summarising the new text from scratch gives. Random one-character edits; an edit that makes the
// text unparsable is undone (with errors, tree-sitter's incremental recovery may legitimately differ from
// a fresh parse, so only error-free texts are compared).
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { TextChange, WorkspaceIndex } from '../../../src/core/analysis';
import { lintFixtures } from './corpus';

const ALPHABET = ['a', 'b', '_', '1', '(', ')', ':', ',', '"', ' ', '=', '@', '*', '#', '\n', 'x', 'T'];

describe('incremental summaries', () => {
  it('match a fresh summary after 2,000 random one-character edits', async () => {
    const file = path.resolve('/inc/conn.py');
    const sources = ['single/signatures.py', 'single/data_meta.py', 'single/make_names_data_kinds.py', 'project/pkg/conn.py']
      .map((name) => fs.readFileSync(path.join(lintFixtures(), name), 'utf8'));
    const index = await WorkspaceIndex.create(() => undefined);
    const fresh = await WorkspaceIndex.create(() => undefined);
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let compared = 0;
    for (const source of sources) {
      let text = source;
      index.openDocument(file, text);
      const apply = (change: TextChange) => {
        index.changeDocument(file, [change]);
        text = text.slice(0, change.startIndex) + change.newText + text.slice(change.oldEndIndex);
        fresh.openDocument(file, text);
      };
      for (let i = 0; i < 500; i++) {
        const at = Math.floor(next() * text.length);
        const removed = next() < 0.4 ? text.slice(at, at + 1) : '';
        const inserted = removed && next() < 0.5 ? '' : ALPHABET[Math.floor(next() * ALPHABET.length)];
        apply({ startIndex: at, oldEndIndex: at + removed.length, newText: inserted });
        if (fresh.summary(file)?.hasErrors) {
          apply({ startIndex: at, oldEndIndex: at + inserted.length, newText: removed });
          if (fresh.summary(file)?.hasErrors) continue;
        }
        compared++;
        assert.deepEqual(index.summary(file), fresh.summary(file), `edit ${i} at ${at}: ${JSON.stringify(removed)} -> ${JSON.stringify(inserted)}`);
      }
    }
    assert.ok(compared > 1000, `only ${compared} error-free texts compared`);
  });
});
