// Completion and hover of host data keys inside what make_names_data yields, from data_cls/data_meta or @ssh.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { connectorDataSchema, dataKeyCompletions, dataKeyHover } from '../../../src/core/analysis/hostDataAssist';

const file = path.resolve('/assist/conn.py');

const executing = `from typing_extensions import NotRequired, TypedDict

from pyinfra.connectors.base import BaseConnector, DataMeta


class RackData(TypedDict):
    rack_name: str
    rack_slot: NotRequired[int]


class RackConnector(BaseConnector):
    handles_execution = True
    data_cls = RackData
    data_meta = {"rack_name": DataMeta("Name of the rack", "r1"), "rack_slot": DataMeta("Slot in the rack", 0)}

    @staticmethod
    def make_names_data(name=None):
        yield "rack-1", {"rack_name": "r1", }, []
`;

async function indexOf(text: string): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create(() => undefined);
  index.openDocument(file, text);
  return index;
}

function positionAfter(text: string, marker: string): { line: number; character: number } {
  const offset = text.indexOf(marker) + marker.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('host data completion and hover', () => {
  it('completes the data_cls keys not yet written, with data_meta description and default', async () => {
    const index = await indexOf(executing);
    const completions = dataKeyCompletions(index, file, positionAfter(executing, '"rack_name": "r1", '), executing);
    assert.deepEqual(completions.map((c) => [c.key, c.insertText]), [['rack_slot', '"rack_slot": ']]);
    assert.equal(completions[0].doc.type, 'int');
    assert.match(completions[0].documentation, /\*\*rack_slot\*\*: `int` — data_cls key\n\nSlot in the rack\n\nDefault: `0`/);
  });

  it('completes while the key is half-typed and the dict does not parse', async () => {
    const typing = executing.replace('{"rack_name": "r1", }', '{"rack_name": "r1", "ra');
    const index = await indexOf(typing);
    const completions = dataKeyCompletions(index, file, positionAfter(typing, '"r1", "ra'), typing);
    assert.deepEqual(completions.map((c) => [c.key, c.insertText]), [['rack_slot', 'rack_slot']]);
  });

  it("offers @ssh's keys in an inventory-only connector, read from pyinfra", async () => {
    const text = 'from pyinfra.connectors.base import BaseConnector\n\n\nclass Inv(BaseConnector):\n'
      + '    @staticmethod\n    def make_names_data(name=None):\n        yield "web", {"ssh_hostname": "h", }, []\n';
    const index = await indexOf(text);
    const completions = dataKeyCompletions(index, file, positionAfter(text, '"ssh_hostname": "h", '), text);
    const port = completions.find((c) => c.key === 'ssh_port');
    assert.equal(port?.doc.description, 'SSH port');
    assert.ok(!completions.some((c) => c.key === 'ssh_hostname'), 'a key already written is not offered');
    assert.match(completions.find((c) => c.key === 'ssh_strict_host_key_checking')?.documentation ?? '', /Default: `"accept-new"`/);
    assert.deepEqual(dataKeyCompletions(index, file, { line: 0, character: 0 }, text), [], 'nothing outside the dict');
  });

  it('hover on a key shows its type, description and default', async () => {
    const index = await indexOf(executing);
    const hover = dataKeyHover(index, file, positionAfter(executing, 'yield "rack-1", {"rack_'));
    assert.equal(hover?.markdown, '**rack_name**: `str` — data_cls key\n\nName of the rack\n\nDefault: `"r1"`');
    assert.equal(dataKeyHover(index, file, positionAfter(executing, 'yield "rack')), undefined);
  });

  it("exposes a connector's data keys for other views", async () => {
    const index = await indexOf(executing);
    const schema = connectorDataSchema(index, file, 'RackConnector');
    assert.equal(schema?.source, 'data_cls');
    assert.deepEqual([...schema!.keys.keys()], ['rack_name', 'rack_slot']);
    assert.equal(schema!.keys.get('rack_slot')?.description, 'Slot in the rack');
  });
});
