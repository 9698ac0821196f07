// PCK010 and PCK011 word for word, and what they are made of: nearMiss (the key a typed key most likely
// meant) and literalSatisfies (whether a literal's type can satisfy a data_cls annotation).
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import type { LiteralKind } from '../../../src/core/analysis/moduleSummary';
import { quickFixesFor } from '../../../src/core/analysis/quickFixes';
import { literalSatisfies, nearMiss } from '../../../src/core/analysis/rules/hostData';
import { EXECUTES } from './connectorSources';

const file = path.resolve('/hd/conn.py');
const noRead = () => undefined;
const SOURCE = `from typing import Optional, overload

from typing_extensions import NotRequired, TypedDict

from pyinfra.connectors.base import BaseConnector, DataMeta

FLAG = True


class RackData(TypedDict):
    rack_name: str
    rack_slot: NotRequired[int]
    rack_label: Optional[str]


class Undecided(BaseConnector):
    handles_execution = FLAG

    @staticmethod
    def make_names_data(name=None):
        yield "u", {"ssh_usr": "x", "ssh_port": "22"}, []


class RackConnector(BaseConnector):
    handles_execution = True
    data_cls = RackData
    data_meta = {
        "rack_name": DataMeta("Name"),
        "rack_slot": DataMeta("Slot", 0),
        "rack_label": DataMeta("Label"),
    }

    @overload
    @staticmethod
    def make_names_data(name: None = None) -> list: ...

    @staticmethod
    def make_names_data(name=None):
        slot = "3"
        yield "rack-1", {"rack_nmae": "r1", "rack_slot": "3", "rack_label": None, "Rack_Name": "r", "owner": "ops"}, []
        yield "rack-2", {"rack_slot": slot, "rack_label": 5}, []

${EXECUTES}

class InventoryOnly(BaseConnector):
    @staticmethod
    def make_names_data(name=None):
        yield "web", {"ssh_usr": "deploy", "ssh_port": "22", "ssh_user": "ok"}, []
`;

async function indexed(): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create(noRead);
  index.openDocument(file, SOURCE);
  return index;
}

const SSH = '@ssh (which pyinfra uses for the hosts of the inventory-only InventoryOnly)';
const ignored = (key: string, whose: string, meant: string) => `host data key '${key}' is not a key of ${whose}; did you mean '${meant}'? pyinfra ignores '${key}', so ${meant} keeps its default`;
const mistyped = (key: string, written: string, whose: string, declared: string, instantiated: string) =>
  `host data '${key}' is ${written}, but ${whose} declares ${key}: ${declared}: pyinfra will fail with ConnectorDataTypeError when it instantiates ${instantiated}`;

describe('PCK010 and PCK011', () => {
  it('name the key, whose key it is not (the data_cls, or @ssh for an inventory-only connector) and what pyinfra does', async () => {
    const index = await indexed();
    const found = (index.diagnostics().get(file) ?? []).filter((d) => d.code === 'PCK010' || d.code === 'PCK011')
      .map((d) => ({ line: d.range.start.line + 1, character: d.range.start.character, code: d.code, message: d.message }));
    // Undecided (handles_execution not a literal) has no schema; a non-literal value and None for Optional are fine
    assert.deepEqual(found, [
      { line: 40, character: 26, code: 'PCK010', message: ignored('rack_nmae', "RackConnector's data_cls", 'rack_name') },
      { line: 40, character: 57, code: 'PCK011', message: mistyped('rack_slot', '"3" (str)', "RackConnector's data_cls", 'int', 'RackConnector') },
      { line: 40, character: 83, code: 'PCK010', message: ignored('Rack_Name', "RackConnector's data_cls", 'rack_name') },
      { line: 41, character: 58, code: 'PCK011', message: mistyped('rack_label', '5 (int)', "RackConnector's data_cls", 'Optional[str]', 'RackConnector') },
      { line: 56, character: 23, code: 'PCK010', message: ignored('ssh_usr', SSH, 'ssh_user') },
      { line: 56, character: 55, code: 'PCK011', message: mistyped('ssh_port', '"22" (str)', SSH, 'int', "@ssh's connector for InventoryOnly's hosts") },
    ]);
  });

  it('PCK010 offers one preferred fix: the key it is close to, in place', async () => {
    const index = await indexed();
    const [near] = (index.diagnostics().get(file) ?? []).filter((d) => d.code === 'PCK010');
    assert.deepEqual(quickFixesFor(index, near, noRead), [{
      title: "Replace 'rack_nmae' with 'rack_name'", code: 'PCK010', isPreferred: true,
      edits: [{ file, range: { start: { line: 39, character: 26 }, end: { line: 39, character: 35 } }, newText: 'rack_name' }],
    }]);
    const [typed] = (index.diagnostics().get(file) ?? []).filter((d) => d.code === 'PCK011');
    assert.deepEqual(quickFixesFor(index, typed, noRead), []);
  });
});

describe('nearMiss', () => {
  it('a key differing in case, or by one edit (two from 8 characters on), adjacent swaps counting one', () => {
    const cases: [string, string[], string | undefined][] = [
      ['rack_nmae', ['rack_name'], 'rack_name'],
      ['prot', ['port'], 'port'],
      ['ab', ['ba'], 'ba'],
      ['abcd', ['acbd'], 'acbd'],
      ['abcd', ['abdc'], 'abdc'],
      ['abcd', ['badc'], undefined],
      ['abc', ['cab'], undefined],
      ['ca', ['abc'], undefined],
      ['kitten', ['sitting'], undefined],
      ['x', ['ab'], undefined],
      ['x', ['xy'], 'xy'],
      ['xy', ['x'], 'x'],
      ['SSH_USER', ['ssh_user'], 'ssh_user'],
      ['abcdefgh', ['abcdefxy'], 'abcdefxy'],
      ['abcdefg', ['abcdexy'], undefined],
      ['abcdefg', ['abcdefx'], 'abcdefx'],
      ['same', ['same'], 'same'],
      ['port', [], undefined],
    ];
    for (const [key, keys, expected] of cases) assert.equal(nearMiss(key, keys), expected, `${key} among ${keys.join(', ')}`);
  });

  it('the closest key; of equally close ones, the first', () => {
    assert.equal(nearMiss('abcdefgh', ['abcdefxy', 'abcdefgx']), 'abcdefgx');
    assert.equal(nearMiss('abcdefgh', ['abcdefgx', 'abcdefxy']), 'abcdefgx');
    assert.equal(nearMiss('ba', ['bx', 'ab']), 'bx');
    assert.equal(nearMiss('port', ['pork', 'pert']), 'pork');
    assert.equal(nearMiss('Port', ['pork', 'port']), 'port');
  });
});

describe('literalSatisfies', () => {
  it('a literal of a kind the annotation allows (int for float, bool for int, as Python does)', () => {
    const allowed: [string, LiteralKind][] = [
      ['str', 'str'], ['int', 'int'], ['int', 'bool'], ['float', 'float'], ['float', 'int'], ['float', 'bool'], ['bool', 'bool'], ['None', 'None'],
      ['dict', 'dict'], ['list', 'list'], ['tuple', 'tuple'], ['set', 'set'],
      ['Optional[int]', 'None'], ['Optional[int]', 'int'], ['int | None', 'None'], [' int  |  str ', 'str'], ['typing.Optional[str]', 'str'],
      ['Union[int, str]', 'str'], ['Union[int, str]', 'int'], ['Dict[str, int]', 'dict'], ['List[str]', 'list'], ['Tuple[int, int]', 'tuple'], ['Set[str]', 'set'],
      ['dict[str, int]', 'dict'], ['builtins.int', 'int'],
      // an annotation it cannot read accepts anything
      ['MyType', 'str'], ['int | Foo', 'str'], ['Optional[int] | str', 'str'], ['OrderedDict', 'list'],
    ];
    for (const [type, kind] of allowed) assert.equal(literalSatisfies(type, kind), true, `${kind} for ${type}`);
  });

  it('no literal of a kind the annotation excludes', () => {
    const excluded: [string, LiteralKind][] = [
      ['str', 'int'], ['int', 'str'], ['int', 'float'], ['float', 'str'], ['bool', 'int'], ['None', 'str'], ['dict', 'list'], ['list', 'tuple'],
      ['tuple', 'list'], ['set', 'list'],
      ['Optional[int]', 'str'], ['int | None', 'str'], ['typing.Optional[str]', 'int'], ['typing_extensions.Optional[int]', 'str'],
      ['Union[int, str]', 'None'], ['Union[int,str]', 'float'], ['Dict[str, int]', 'list'], ['List[str]', 'dict'], ['dict[str, int]', 'list'],
      ['list[Optional[int]]', 'str'], ['list[Union[int, str]]', 'dict'], ['builtins.int', 'str'],
    ];
    for (const [type, kind] of excluded) assert.equal(literalSatisfies(type, kind), false, `${kind} for ${type}`);
  });
});
