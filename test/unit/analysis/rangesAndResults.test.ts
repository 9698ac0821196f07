// Where diagnostics land, what the connector class list says, and how the index follows edits.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { analyzeFiles, WorkspaceIndex } from '../../../src/core/analysis';

const file = path.resolve('/ws/conn.py');
const pyproject = path.resolve('/ws/pyproject.toml');

const source = `from pyinfra.connectors.base import BaseConnector


class Half(BaseConnector):
    handles_execution = True

    def make_names_data(self):
        return []
`;

describe('diagnostic ranges', () => {
  it('missing methods on the class name, signatures on the def name', async () => {
    const diagnostics = await analyzeFiles([{ path: file, text: source }]);
    const pck002 = diagnostics.filter((d) => d.code === 'PCK002');
    assert.deepEqual(pck002.map((d) => d.message.match(/has no (\w+)/)?.[1]), ['run_shell_command', 'put_file', 'get_file']);
    for (const d of pck002) assert.deepEqual(d.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 10 } });
    const pck003 = diagnostics.find((d) => d.code === 'PCK003');
    assert.deepEqual(pck003?.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 23 } });
    assert.match(pck003!.message, /pyinfra calls Half\.make_names_data\(arg\)/);
  });

  it('pyproject entries on their line, either quote style', async () => {
    const toml = `[project.entry-points."pyinfra.connectors"]\n  gone = "nowhere.mod:Gone"\n[other]\n`;
    const diagnostics = await analyzeFiles([{ path: pyproject, text: toml }]);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'PCK007');
    assert.deepEqual(diagnostics[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 27 } });
    assert.match(diagnostics[0].message, /ModuleNotFoundError/);
  });
});

describe('WorkspaceIndex', () => {
  it('lists connector classes with entry-point names and follows incremental edits', async () => {
    const index = await WorkspaceIndex.create(() => undefined);
    index.setFile(pyproject, `[project.entry-points.'pyinfra.connectors']\nhalf = 'conn:Half'\n`);
    index.openDocument(file, source);
    assert.deepEqual(index.listConnectorClasses(), [{
      file, name: 'Half', range: { start: { line: 3, character: 6 }, end: { line: 3, character: 10 } },
      handlesExecution: true, isBase: false, entryPointName: 'half',
      methods: [{ name: 'make_names_data', range: { start: { line: 6, character: 8 }, end: { line: 6, character: 23 } } }],
    }]);
    assert.equal(index.diagnostics().get(file)?.filter((d) => d.code === 'PCK002').length, 3);
    // True -> False, one edit: the execution methods are no longer required
    const at = source.indexOf('True');
    index.changeDocument(file, [{ startIndex: at, oldEndIndex: at + 4, newText: 'False' }]);
    assert.equal(index.diagnostics().get(file)?.filter((d) => d.code === 'PCK002').length, 0);
    assert.equal(index.listConnectorClasses()[0].handlesExecution, false);
    assert.equal(index.documentText(file), source.replace('True', 'False'));
  });

  it('a subclass in a file that never names pyinfra makes its base a base', async () => {
    const texts = new Map([
      [path.resolve('/ws/pkg/base.py'), 'from pyinfra.connectors.base import BaseConnector\n\nclass Company(BaseConnector):\n    pass\n'],
      [path.resolve('/ws/pkg/__init__.py'), ''],
      [path.resolve('/ws/app.py'), 'from pkg.base import Company\n\nclass App(Company):\n    pass\n'],
    ]);
    const index = await WorkspaceIndex.create((f) => texts.get(f));
    for (const [name, text] of texts) index.setFile(name, text);
    const classes = index.listConnectorClasses().map((c) => `${c.name}:${c.isBase}`).sort();
    assert.deepEqual(classes, ['App:false', 'Company:true']);
    assert.deepEqual([...index.diagnostics().values()].flat().map((d) => `${path.basename(d.file)} ${d.code}`), ['app.py PCK001']);
  });
});
