// The positions quick fixes are placed by: a cursor inside a range (both ends included), a class's end
// in a file with CRLF line ends.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { contains, lineLength, samePosition } from '../../../src/core/analysis/fixEdits';
import { quickFixesFor } from '../../../src/core/analysis/quickFixes';

const at = (line: number, character: number) => ({ line, character });

describe('fix positions', () => {
  it('a range contains its ends and what lies between them, across lines', () => {
    const range = { start: at(2, 4), end: at(4, 6) };
    const inside = [at(2, 4), at(2, 100), at(3, 0), at(3, 100), at(4, 0), at(4, 6)];
    const outside = [at(2, 3), at(1, 10), at(4, 7), at(5, 0), at(0, 5)];
    assert.deepEqual(inside.map((p) => contains(range, p)), inside.map(() => true));
    assert.deepEqual(outside.map((p) => contains(range, p)), outside.map(() => false));
  });

  it('a one-line range contains only its own columns of that line', () => {
    const range = { start: at(3, 6), end: at(3, 10) };
    const probes = [at(3, 5), at(3, 6), at(3, 10), at(3, 11), at(2, 8), at(4, 8)];
    assert.deepEqual(probes.map((p) => contains(range, p)), [false, true, true, false, false, false]);
  });

  it('positions are the same only on the same line and column', () => {
    assert.equal(samePosition(at(3, 6), at(3, 6)), true);
    assert.equal(samePosition(at(3, 6), at(4, 6)), false);
    assert.equal(samePosition(at(3, 6), at(3, 7)), false);
  });

  it('a line\'s length leaves out its carriage return; past the last line it is 0', () => {
    assert.equal(lineLength('ab\r\ncde\r\n', 1), 3);
    assert.equal(lineLength('ab\ncde', 1), 3);
    assert.equal(lineLength('ab\n', 5), 0);
  });

  it('inserts a missing method before the carriage return of a CRLF file\'s last class line', async () => {
    const file = path.resolve('/crlf/conn.py');
    const text = 'from pyinfra.connectors.base import BaseConnector\r\n\r\n\r\nclass C(BaseConnector):\r\n    x = 1\r\n';
    const index = await WorkspaceIndex.create(() => undefined);
    index.openDocument(file, text);
    const [diagnostic] = index.diagnostics().get(file) ?? [];
    const [fix] = quickFixesFor(index, diagnostic, () => undefined);
    assert.deepEqual(fix?.edits.map((e) => e.range), [{ start: at(4, 9), end: at(4, 9) }]);
  });
});
