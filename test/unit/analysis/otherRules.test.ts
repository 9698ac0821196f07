// PCK003/PCK004/PCK006 (how make_names_data is declared), PCK008 (pyinfra 2.x API) and PCK009 (data_cls
// keys without data_meta), word for word and on the line each belongs to.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { quickFixesFor } from '../../../src/core/analysis/quickFixes';
import { EXECUTES, NAMES } from './connectorSources';

const dir = path.resolve('/other');
const noRead = () => undefined;

async function indexed(files: Record<string, string>): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create(noRead);
  for (const [name, text] of Object.entries(files)) index.openDocument(path.join(dir, name), text);
  return index;
}

async function findings(files: Record<string, string>, ...codes: string[]): Promise<string[]> {
  const index = await indexed(files);
  return [...index.diagnostics()].flatMap(([file, list]) => list.filter((d) => codes.includes(d.code))
    .map((d) => `${path.basename(file)}:${d.range.start.line + 1}:${d.range.start.character} ${d.code} ${d.message}`));
}

const makeNames = (decorator: string, parameters: string) => `from pyinfra.connectors.base import BaseConnector\n\n\nclass C(BaseConnector):\n${decorator}    def make_names_data(${parameters}):\n        return []\n`;

const TAKES_NO_ARGUMENT = 'PCK006 make_names_data of C takes no argument: pyinfra calls make_names_data(arg) (arg is None for @name without /arg) '
  + 'and will fail with TypeError (takes 0 positional arguments but 1 was given)';
const PCK004 = 'PCK004 make_names_data of C is a @classmethod: it works, but pyinfra documents it as a @staticmethod make_names_data(name)';
const requires = (names: string) => `PCK006 make_names_data of C requires ${names} besides the target argument: pyinfra passes only make_names_data(arg) `
  + 'and will fail with TypeError (missing required argument)';

describe('PCK003, PCK004 and PCK006: make_names_data as pyinfra calls it, C.make_names_data(arg)', () => {
  it('an instance method, a @classmethod, and the parameters that cannot take the one argument', async () => {
    const staticmethod = '    @staticmethod\n';
    const classmethod = '    @classmethod\n';
    const cases: [string, string, string[]][] = [
      ['', 'self, name=None', ['conn.py:5:8 PCK003 make_names_data of C is an instance method: pyinfra calls C.make_names_data(arg) on the class, '
        + 'so the first parameter receives the target argument instead of an instance; make it a @staticmethod']],
      [classmethod, 'cls, name=None', [`conn.py:6:8 ${PCK004}`]],
      [classmethod, 'cls', [`conn.py:6:8 ${PCK004}`, `conn.py:6:8 ${TAKES_NO_ARGUMENT}`]],
      [staticmethod, '', [`conn.py:6:8 ${TAKES_NO_ARGUMENT}`]],
      [staticmethod, '*, name', [`conn.py:6:8 ${TAKES_NO_ARGUMENT}`]],
      [staticmethod, '*args', []],
      [staticmethod, 'name=None, *, zone=1', []],
      [staticmethod, 'name, region, *, zone', [`conn.py:6:8 ${requires('region, zone')}`]],
      [staticmethod, 'name, *, zone', [`conn.py:6:8 ${requires('zone')}`]],
      [staticmethod, '*args, zone', [`conn.py:6:8 ${requires('zone')}`]],
    ];
    for (const [decorator, parameters, expected] of cases) {
      assert.deepEqual(await findings({ 'conn.py': makeNames(decorator, parameters) }, 'PCK003', 'PCK004', 'PCK006'), expected, `${decorator.trim()} (${parameters})`);
    }
  });

  it('PCK003 offers one preferred fix: @staticmethod, without self', async () => {
    const index = await indexed({ 'conn.py': makeNames('', 'self, name=None') });
    const [diagnostic] = index.diagnostics().get(path.join(dir, 'conn.py')) ?? [];
    const fixes = quickFixesFor(index, diagnostic, noRead);
    assert.deepEqual(fixes.map(({ title, code, isPreferred, edits }) => ({ title, code, isPreferred, texts: edits.map((e) => e.newText) })), [
      { title: 'Make make_names_data a @staticmethod', code: 'PCK003', isPreferred: true, texts: ['@staticmethod\n    ', ''] },
    ]);
  });
});

describe('PCK008: the pyinfra 2.x connector API', () => {
  it('names what each use was in pyinfra 2.x and what pyinfra 3 does instead', async () => {
    const legacy = `from pyinfra.api.connectors import BaseConnectorMeta
from pyinfra.api.util import split_combined_output

EXECUTION_CONNECTOR = True


def connect(state, host):
    return True


def run_shell_command(state, host, command, print_output=False, return_combined_output=False, **kwargs):
    return True, split_combined_output([])
`;
    const removed = 'split_combined_output is pyinfra 2.x API: pyinfra 3 removed it (run_shell_command returns CommandOutput) and the import will fail with ImportError';
    const moduleLevel = (call: string) => `module-level ${call}(state, host, ...) is the pyinfra 2.x connector API: pyinfra 3 never calls module-level functions, it calls methods of a BaseConnector subclass`;
    assert.deepEqual(await findings({ 'legacy.py': legacy }, 'PCK008'), [
      'legacy.py:1:35 PCK008 BaseConnectorMeta is pyinfra 2.x connector API: pyinfra 3 has no such class and the import will fail with ImportError',
      `legacy.py:2:29 PCK008 ${removed}`,
      'legacy.py:4:0 PCK008 EXECUTION_CONNECTOR is pyinfra 2.x API: pyinfra 3 ignores it and reads handles_execution = True on a BaseConnector subclass',
      `legacy.py:7:4 PCK008 ${moduleLevel('connect')}`,
      `legacy.py:11:4 PCK008 ${moduleLevel('run_shell_command')}`,
      'legacy.py:11:64 PCK008 return_combined_output is pyinfra 2.x API: pyinfra 3 never passes it, run_shell_command always returns (bool, CommandOutput)',
      `legacy.py:12:17 PCK008 ${removed}`,
    ]);
  });
});

const DATA = `from typing_extensions import NotRequired, TypedDict

from pyinfra.connectors.base import BaseConnector, DataMeta


class RackData(TypedDict):
    rack_name: str
    rack_slot: NotRequired[int]


def make_data():
    return RackData


class OpaqueData(BaseConnector):
    handles_execution = True
    data_cls = make_data()
    data_meta = {}

${NAMES}${EXECUTES}

class NoMeta(BaseConnector):
    handles_execution = True
    data_cls = RackData

${NAMES}${EXECUTES}

class Child(NoMeta):
    pass


class PartMeta(NoMeta):
    data_meta = {"rack_name": DataMeta("Name")}


class OpaqueMeta(NoMeta):
    data_meta = {**PartMeta.data_meta}


class Listed(BaseConnector):
    data_cls = RackData

${NAMES}`;

const noEntry = (key: string, cls: string) => `PCK009 data_cls key '${key}' of ${cls} has no data_meta entry: pyinfra will fail with KeyError when it connects to a host whose data does not set '${key}'`;

describe('PCK009: a data_cls key with no data_meta entry', () => {
  it('once, for the class that sets data_cls or data_meta; not for an opaque one, an inventory-only one or a plain subclass', async () => {
    // NoMeta keeps BaseConnector's empty data_meta; PartMeta gives one key; OpaqueData and OpaqueMeta cannot be read
    assert.deepEqual(await findings({ 'conn.py': DATA }, 'PCK009'), [
      `conn.py:7:4 ${noEntry('rack_name', 'NoMeta')}`,
      `conn.py:8:4 ${noEntry('rack_slot', 'NoMeta')}`,
      `conn.py:8:4 ${noEntry('rack_slot', 'PartMeta')}`,
    ]);
  });

  it('on the data_cls assignment when the key is declared in another file', async () => {
    const types = 'from typing_extensions import TypedDict\n\n\nclass Far(TypedDict):\n    far_key: str\n';
    const conn = 'from pyinfra.connectors.base import BaseConnector\n\nfrom rack_types import Far\n\n\nclass C(BaseConnector):\n    handles_execution = True\n    data_cls = Far\n    data_meta = {}\n';
    assert.deepEqual(await findings({ 'rack_types.py': types, 'conn.py': conn }, 'PCK009'), [`conn.py:8:4 ${noEntry('far_key', 'C')}`]);
  });
});

describe('PCK007 and PCK008 in pyproject.toml: what each connector entry point names', () => {
  it('a missing module, a missing class, a 2.x module entry point; not a class or a re-exported built-in', async () => {
    const toml = ['[project]', 'name = "demo"', '', '[project.entry-points."pyinfra.connectors"]', 'good = "mod:Good"', 'reexported = "mod:LocalConnector"',
      'gone = "nowhere.mod:Gone"', 'noclass = "mod:Missing"', 'oldstyle = "mod"', 'oldgone = "nowhere_old"', ''].join('\n');
    const mod = 'from pyinfra.connectors.base import BaseConnector\nfrom pyinfra.connectors.local import LocalConnector\n\n\nclass Good(BaseConnector):\n'
      + '    @staticmethod\n    def make_names_data(name=None):\n        return []\n';
    const breaks = 'when it loads its connectors (every @connector target breaks)';
    const moduleStyle = (name: string, module: string) => `PCK008 entry point '${name}' names a module (${module}), the pyinfra 2.x style: pyinfra 3 loads module:Class `
      + 'and will fail with AttributeError when it reads handles_execution from the module';
    assert.deepEqual(await findings({ 'pyproject.toml': toml, 'mod.py': mod }, 'PCK007', 'PCK008'), [
      `pyproject.toml:7:0 PCK007 entry point 'gone' names nowhere.mod:Gone, but no module nowhere.mod exists in the workspace: pyinfra will fail with ModuleNotFoundError ${breaks}`,
      `pyproject.toml:8:0 PCK007 entry point 'noclass' names mod:Missing, but mod has no class Missing: pyinfra will fail with AttributeError ${breaks}`,
      `pyproject.toml:9:0 ${moduleStyle('oldstyle', 'mod')}`,
      "pyproject.toml:10:0 PCK007 entry point 'oldgone' names nowhere_old, but no such module exists in the workspace: pyinfra will fail with ModuleNotFoundError when it loads its connectors",
      `pyproject.toml:10:0 ${moduleStyle('oldgone', 'nowhere_old')}`,
    ]);
  });
});
