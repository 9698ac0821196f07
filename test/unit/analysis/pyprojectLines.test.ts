// Entry points written as an inline table under [project.entry-points] get their diagnostics on their
// own line, as the [project.entry-points.'pyinfra.connectors'] form does.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../../src/core/analysis';

const pyproject = path.resolve('/ws/pyproject.toml');

describe('pyproject.toml inline entry-point table', () => {
  it('reports each broken entry on the line of the inline table', async () => {
    const inline = `  "pyinfra.connectors" = { gone = "nowhere.mod:Gone", 'old' = 'legacy_mod' }  # two entries`;
    const toml = ['[project]', 'name = "demo"', '', '[project.entry-points]', '"console_scripts" = { demo = "demo:main" }', inline, '[other]', 'x = 1', ''].join('\n');
    const diagnostics = await analyzeFiles([{ path: pyproject, text: toml }]);
    const lineRange = { start: { line: 5, character: 2 }, end: { line: 5, character: inline.length } };
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range, d.message.match(/entry point '(\w+)'/)?.[1]]).sort(),
      [['PCK007', lineRange, 'gone'], ['PCK007', lineRange, 'old'], ['PCK008', lineRange, 'old']],
    );
  });

  it('reads no inline table outside [project.entry-points]', async () => {
    const toml = `[tool.other]\n"pyinfra.connectors" = { gone = "nowhere.mod:Gone" }\n`;
    assert.deepEqual(await analyzeFiles([{ path: pyproject, text: toml }]), []);
  });
});
