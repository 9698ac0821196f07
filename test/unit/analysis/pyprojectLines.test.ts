// Entry points written as an inline table under [project.entry-points] get their diagnostics on their
// own line and entry, as the [project.entry-points.'pyinfra.connectors'] form does.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../../src/core/analysis';

const pyproject = path.resolve('/ws/pyproject.toml');

describe('pyproject.toml inline entry-point table', () => {
  it('reports each broken entry on its own key = value in the inline table', async () => {
    const inline = `  "pyinfra.connectors" = { gone = "nowhere.mod:Gone", 'old' = 'legacy_mod' }  # two entries`;
    const toml = ['[project]', 'name = "demo"', '', '[project.entry-points]', '"console_scripts" = { demo = "demo:main" }', inline, '[other]', 'x = 1', ''].join('\n');
    const diagnostics = await analyzeFiles([{ path: pyproject, text: toml }]);
    const on = (entry: string) => ({ start: { line: 5, character: inline.indexOf(entry) }, end: { line: 5, character: inline.indexOf(entry) + entry.length } });
    const gone = on('gone = "nowhere.mod:Gone"');
    const old = on("'old' = 'legacy_mod'");
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message.match(/entry point '(\w+)'/)?.[1], d.range]).sort(),
      [['PCK007', 'gone', gone], ['PCK007', 'old', old], ['PCK008', 'old', old]],
    );
  });

  it('reads no inline table outside [project.entry-points]', async () => {
    const toml = `[tool.other]\n"pyinfra.connectors" = { gone = "nowhere.mod:Gone" }\n`;
    assert.deepEqual(await analyzeFiles([{ path: pyproject, text: toml }]), []);
  });
});
