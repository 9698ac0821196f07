// The lint rules at their edges: quick fixes asked for a diagnostic without data or whose range no
// longer holds the method, PCK009 for classes that set no data_cls, inherit data_meta or have a base the
// analysis cannot see, PCK010 on a make_names_data that is not the class's first method, and a union
// written after Union[...].
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { Diagnostic, WorkspaceIndex } from '../../../src/core/analysis';
import { tableEdit } from '../../../src/core/analysis/pyproject';
import { quickFixesFor } from '../../../src/core/analysis/quickFixes';
import { literalSatisfies } from '../../../src/core/analysis/rules/hostData';
import { EXECUTES, NAMES } from './connectorSources';

const file = path.resolve('/edges/conn.py');
const noRead = () => undefined;

async function indexed(text: string): Promise<{ index: WorkspaceIndex; diagnostics: Diagnostic[] }> {
  const index = await WorkspaceIndex.create(noRead);
  index.openDocument(file, text);
  return { index, diagnostics: index.diagnostics().get(file) ?? [] };
}

const header = 'from typing_extensions import TypedDict\n\nfrom pyinfra.connectors.base import BaseConnector, DataMeta\n\nfrom elsewhere import Unseen\n\n\n';

describe('quick fixes for diagnostics that no longer fit', () => {
  it('offer nothing for a diagnostic without its data or whose range holds no method', async () => {
    const text = `${header}class C(BaseConnector):\n    handles_execution = True\n\n    def make_names_data(self, name=None):\n        yield "h", {"ssh_usr": "x"}, []\n\n`
      + '    def run_shell_command(self, command, print_output=False, print_input=False):\n        return True, None\n\n'
      + '    def put_file(self, remote_path, local_path, **arguments):\n        return True\n\n'
      + '    def get_file(self, remote_filename, filename_or_io, remote_temp_filename=None, print_output=False, print_input=False, **arguments):\n        return True\n';
    const { index, diagnostics } = await indexed(text);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['PCK003', 'PCK005', 'PCK005']);
    const nowhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    for (const diagnostic of diagnostics) {
      assert.ok(quickFixesFor(index, diagnostic, noRead).length > 0, `${diagnostic.code} has a fix as reported`);
      assert.deepEqual(quickFixesFor(index, { ...diagnostic, range: nowhere }, noRead), [], `${diagnostic.code} on a moved range`);
      assert.deepEqual(quickFixesFor(index, { ...diagnostic, data: undefined }, noRead).filter((f) => f.code === 'PCK005'), [], `${diagnostic.code} without data`);
    }
    const inventoryOnly = `${header}class I(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        yield "h", {"ssh_usr": "x"}, []\n`;
    const near = await indexed(inventoryOnly);
    const [pck010] = near.diagnostics;
    assert.equal(pck010.code, 'PCK010');
    assert.deepEqual(quickFixesFor(near.index, { ...pck010, data: undefined }, noRead), []);
  });
});

describe('PCK009 and PCK010 on the classes around them', () => {
  it('PCK009 skips a class with no data_cls of its own or a base it cannot see, and one that only inherits data_meta', async () => {
    const text = `${header}class RackData(TypedDict):\n    rack_name: str\n    rack_slot: int\n\n\n`
      + `class NoDataCls(BaseConnector):\n    handles_execution = True\n    data_meta = {"x": DataMeta("X")}\n\n${NAMES}${EXECUTES}\n\n`
      + `class HiddenDataCls(Unseen, BaseConnector):\n    handles_execution = True\n    data_meta = {"x": DataMeta("X")}\n\n${NAMES}${EXECUTES}\n\n`
      + `class PartMeta(BaseConnector):\n    handles_execution = True\n    data_cls = RackData\n    data_meta = {"rack_name": DataMeta("Name")}\n\n${NAMES}${EXECUTES}\n\n`
      + 'class GrandChild(PartMeta):\n    pass\n';
    const { diagnostics } = await indexed(text);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'PCK009').map((d) => d.message.match(/ of (\w+) /)?.[1]), ['PartMeta']);
  });

  it('PCK010 reads make_names_data wherever it is in the class', async () => {
    const text = `${header}class Later(BaseConnector):\n    def helper(self):\n        return 1\n\n    @staticmethod\n    def make_names_data(name=None):\n        yield "h", {"ssh_usr": "x"}, []\n`;
    const { diagnostics } = await indexed(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line + 1]), [['PCK010', 14]]);
  });

  it('a union after Union[...] is still a union', () => {
    assert.equal(literalSatisfies('Union[int, str] | None', 'None'), true);
    assert.equal(literalSatisfies('Optional[int] | None', 'None'), true);
  });
});

describe('the entry-point edit beside other inline tables', () => {
  it('adds a table of its own instead of extending an inline table of another key', () => {
    const text = '[project]\nname = "x"\nurls = { home = "https://example.org" }\n';
    const change = tableEdit(text, [['project', 'entry-points', 'pyinfra.connectors']], ['a = "m:A"']);
    assert.deepEqual(change, {
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      newText: "\n[project.entry-points.'pyinfra.connectors']\na = \"m:A\"\n",
    });
  });
});
