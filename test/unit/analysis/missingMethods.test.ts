// PCK001/PCK002: the exact diagnostics (the method resolution order note included), and the exact quick
// fixes: one method per diagnostic, all of one class's missing methods in one edit, nothing for stale input.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { Diagnostic, WorkspaceIndex } from '../../../src/core/analysis';
import { BASE_CLASS, BUILTIN_CONNECTORS } from '../../../src/core/analysis/pyinfraModel';
import { combinedFixes, quickFixesFor } from '../../../src/core/analysis/quickFixes';

const file = path.resolve('/mm/conn.py');
const other = path.resolve('/mm/other.py');
const header = 'from abc import abstractmethod\n\nfrom pyinfra.connectors.base import BaseConnector\n\n\n';
const names = '    @staticmethod\n    def make_names_data(name=None):\n        return []\n';
const method = (name: string) => `    def ${name}(self, *args, **arguments):\n        return True\n`;
const noRead = () => undefined;

async function indexed(files: Record<string, string>): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create(noRead);
  for (const [name, text] of Object.entries(files)) index.openDocument(name, text);
  return index;
}

const diagnosticsOf = (index: WorkspaceIndex, name = file) => index.diagnostics().get(name) ?? [];
const PCK001_MESSAGE = (cls: string) => `${cls} has no make_names_data of its own or inherited: pyinfra will call BaseConnector.make_names_data, `
  + 'which returns None, and fail with TypeError (\'NoneType\' object is not iterable) when it builds the inventory';
const PCK002_MESSAGE = (cls: string, missing: string) => `${cls} sets handles_execution = True but has no ${missing}: pyinfra will fail with TypeError `
  + `when it instantiates ${cls} (can't instantiate abstract class with abstract method ${missing})`;
const shadowed = (missing: string) => ` (a later base defines ${missing}, but BaseConnector's comes first in the method resolution order: list that base before BaseConnector)`;

describe('PCK001 and PCK002 diagnostics', () => {
  it('say what pyinfra will do, on the class name', async () => {
    const text = `${header}class C(BaseConnector):\n    handles_execution = True\n\n${method('put_file')}`;
    const index = await indexed({ [file]: text });
    const on = { start: { line: 5, character: 6 }, end: { line: 5, character: 7 } };
    assert.deepEqual(diagnosticsOf(index).map(({ code, message, range, data }) => ({ code, message, range, data })), [
      { code: 'PCK001', message: PCK001_MESSAGE('C'), range: on, data: undefined },
      { code: 'PCK002', message: PCK002_MESSAGE('C', 'run_shell_command'), range: on, data: { method: 'run_shell_command' } },
      { code: 'PCK002', message: PCK002_MESSAGE('C', 'get_file'), range: on, data: { method: 'get_file' } },
    ]);
  });

  it('note a later base that defines the method, and only a base that defines it concretely', async () => {
    const mixins = 'class Unrelated:\n    pass\n\n\nclass Names:\n' + names + '\n\nclass Abstract:\n    @abstractmethod\n    def make_names_data(name=None):\n        pass\n\n\n'
      + `class Executes:\n${method('run_shell_command')}\n\n`;
    const text = `${header}${mixins}class Shadowed(BaseConnector, Unrelated, Names):\n    pass\n\n\nclass StillAbstract(BaseConnector, Abstract, Unrelated):\n    pass\n\n\n`
      + `class ShadowedRun(BaseConnector, Executes):\n    handles_execution = True\n\n${names}\n${method('put_file')}\n${method('get_file')}`;
    const messages = diagnosticsOf(await indexed({ [file]: text })).map((d) => d.message);
    assert.deepEqual(messages, [
      PCK001_MESSAGE('Shadowed') + shadowed('make_names_data'),
      PCK001_MESSAGE('StillAbstract'),
      PCK002_MESSAGE('ShadowedRun', 'run_shell_command') + shadowed('run_shell_command'),
    ]);
  });
});

describe('a class built on a connector pyinfra registers', () => {
  it('is a connector with what that connector has: nothing missing, or the execution methods of an inventory-only one', async () => {
    const builtins = BUILTIN_CONNECTORS.filter((connector) => connector.name !== BASE_CLASS);
    assert.ok(builtins.some((connector) => connector.name === 'FakeConnector'), 'the table is read from pyinfra 3.x, which has @fake');
    for (const { module, name, handlesExecution } of builtins) {
      const index = await indexed({ [file]: `from ${module} import ${name}\n\n\nclass Mine(${name}):\n    handles_execution = True\n` });
      assert.deepEqual(index.listConnectorClasses().map((c) => c.name), ['Mine'], name);
      const missing = diagnosticsOf(index).map((d) => `${d.code} ${(d.data as { method?: string } | undefined)?.method}`);
      assert.deepEqual(missing, handlesExecution ? [] : ['PCK002 run_shell_command', 'PCK002 put_file', 'PCK002 get_file'], name);
    }
  });
});

describe('PCK001 and PCK002 quick fixes', () => {
  const classEnd = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

  it('PCK001: one preferred fix adding make_names_data after the class\'s last line', async () => {
    const text = `${header}class C(BaseConnector):\n    x = 1\n`;
    const index = await indexed({ [file]: text });
    const [diagnostic] = diagnosticsOf(index);
    const fixes = quickFixesFor(index, diagnostic, noRead);
    assert.equal(fixes.length, 1);
    const [{ edits, ...fix }] = fixes;
    assert.deepEqual(fix, { title: 'Add make_names_data with pyinfra\'s signature', code: 'PCK001', isPreferred: true });
    assert.deepEqual(edits.map(({ file: f, range }) => ({ f, range })), [{ f: file, range: classEnd(6, 9) }]);
    assert.match(edits[0].newText, /^\n\n    @staticmethod\n    def make_names_data\(name=None\):\n        """\n/);
    assert.match(edits[0].newText, /\n        raise NotImplementedError$/);
  });

  it('PCK002: one preferred fix per diagnostic, adding the method it names', async () => {
    const text = `${header}class C(BaseConnector):\n    handles_execution = True\n\n${names}\n${method('put_file')}`;
    const index = await indexed({ [file]: text });
    const fixes = diagnosticsOf(index).map((d) => quickFixesFor(index, d, noRead));
    assert.deepEqual(fixes.map((list) => list.map(({ title, code, isPreferred, edits }) => ({ title, code, isPreferred, ranges: edits.map((e) => e.range) }))), [
      [{ title: 'Add run_shell_command with pyinfra\'s signature', code: 'PCK002', isPreferred: true, ranges: [classEnd(13, 19)] }],
      [{ title: 'Add get_file with pyinfra\'s signature', code: 'PCK002', isPreferred: true, ranges: [classEnd(13, 19)] }],
    ]);
    assert.match(fixes[1][0].edits[0].newText, /^\n\n    def get_file\(\n        self,\n        remote_filename,\n/);
  });

  it('all missing methods of the class in one edit, in pyinfra\'s order, for the diagnostics on that class', async () => {
    const first = `${header}class A(BaseConnector):\n    handles_execution = True\n\n${names}\n${method('run_shell_command')}\n\n`
      + `class B(BaseConnector):\n    handles_execution = True\n\n${names}\n${method('put_file')}\n${method('run_shell_command')}`;
    const second = `${header}class A(BaseConnector):\n    handles_execution = True\n\n${names}\n${method('get_file')}`;
    const index = await indexed({ [file]: first, [other]: second });
    const both = [...diagnosticsOf(index), ...diagnosticsOf(index, other)];
    assert.equal(both.length, 5);
    const fixes = combinedFixes(index, both, noRead);
    assert.deepEqual(fixes.map(({ title, code, edits }) => ({ title, code, ranges: edits.map((e) => [e.file, e.range]) })), [
      { title: 'Add put_file, get_file with pyinfra\'s signatures', code: 'PCK002', ranges: [[file, classEnd(13, 19)]] },
    ]);
    assert.match(fixes[0].edits[0].newText, /^\n\n    def put_file\([^]*\n    def get_file\(/);
  });

  it('a combined fix only for a rule with diagnostics, and not for one missing method', async () => {
    const text = `${header}class NoNames(BaseConnector):\n    pass\n\n\nclass A(BaseConnector):\n    handles_execution = True\n\n${names}\n${method('run_shell_command')}\n${method('put_file')}`;
    const index = await indexed({ [file]: text });
    const diagnostics = diagnosticsOf(index);
    assert.deepEqual(diagnostics.map((d) => d.code), ['PCK001', 'PCK002']);
    assert.deepEqual(combinedFixes(index, diagnostics, noRead), []);
    assert.deepEqual(combinedFixes(index, diagnostics.slice(0, 1), noRead), []);
  });

  it('the combined fix is for the class of the rule\'s own diagnostics, whatever comes before them', async () => {
    const text = `${header}class NoNames(BaseConnector):\n    pass\n\n\nclass A(BaseConnector):\n    handles_execution = True\n\n${names}\n${method('run_shell_command')}`;
    const index = await indexed({ [file]: text });
    const diagnostics = diagnosticsOf(index);
    assert.deepEqual(diagnostics.map((d) => d.code), ['PCK001', 'PCK002', 'PCK002']);
    assert.deepEqual(combinedFixes(index, diagnostics, noRead).map((fix) => fix.title), ['Add put_file, get_file with pyinfra\'s signatures']);
  });

  it('nothing for stale input: no class at the range, no data, a method that is no execution method, an unknown code', async () => {
    const text = `${header}class C(BaseConnector):\n    handles_execution = True\n\n${names}`;
    const index = await indexed({ [file]: text });
    const diagnostics = diagnosticsOf(index);
    assert.equal(diagnostics.length, 3);
    // on the line above the class name, and on the class line before the name
    const moved = diagnostics.flatMap((d): Diagnostic[] => [
      { ...d, range: { start: { line: 4, character: 6 }, end: { line: 4, character: 7 } } },
      { ...d, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 5 } } },
    ]);
    const noData = diagnostics.map((d): Diagnostic => ({ ...d, data: undefined }));
    for (const d of [...moved, ...noData, { ...diagnostics[0], data: { method: 'make_names_data' } }, { ...diagnostics[0], code: 'PCK999' }]) {
      assert.deepEqual(quickFixesFor(index, d, noRead), [], JSON.stringify(d));
    }
    assert.deepEqual(combinedFixes(index, moved, noRead), []);
    assert.deepEqual(combinedFixes(index, noData, noRead), []);
    const pck001 = (await indexed({ [file]: `${header}class C(BaseConnector):\n    pass\n` })).diagnostics().get(file)!;
    assert.deepEqual(quickFixesFor(index, { ...pck001[0], range: moved[0].range }, noRead), []);
  });

  it('nothing for a file the index has no text or no summary of', async () => {
    const text = `${header}class C(BaseConnector):\n    pass\n`;
    const index = await WorkspaceIndex.create(noRead);
    index.setFile(file, text);
    const [diagnostic] = diagnosticsOf(index);
    assert.equal(diagnostic.code, 'PCK001');
    assert.deepEqual(quickFixesFor(index, diagnostic, noRead), [], 'closed, unreadable');
    assert.equal(quickFixesFor(index, diagnostic, () => text).length, 1, 'closed, read from disk');
    assert.deepEqual(quickFixesFor(index, { ...diagnostic, file: other }, () => text), [], 'not in the index');
  });

  it('nothing for a rule without a quick fix', async () => {
    const index = await indexed({ [file]: 'from pyinfra.api.connectors import BaseConnectorMeta\n' });
    const [legacy] = diagnosticsOf(index);
    assert.equal(legacy?.code, 'PCK008');
    assert.deepEqual(quickFixesFor(index, legacy, noRead), []);
  });
});
