// PCK005, word for word: which execution method signatures pyinfra cannot call (its calls are
// run_shell_command(command, print_output=..., print_input=..., **arguments), put_file(filename_or_io,
// remote_filename, ...), get_file(remote_filename, filename_or_io, ...)), and the fixes it offers.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import type { Parameter } from '../../../src/core/analysis/moduleSummary';
import { quickFixesFor } from '../../../src/core/analysis/quickFixes';
import { swappedTransferParameters } from '../../../src/core/analysis/rules/executionSignatures';

const file = path.resolve('/sig/conn.py');
const noRead = () => undefined;
const header = 'from typing import overload\n\nfrom pyinfra.connectors.base import BaseConnector\n\n\nclass C(BaseConnector):\n    handles_execution = True\n\n'
  + '    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n';
const complete: Record<string, string> = {
  run_shell_command: '    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):\n        return True, None\n',
  put_file: '    def put_file(self, filename_or_io, remote_filename, remote_temp_filename=None, print_output=False, print_input=False, **arguments):\n        return True\n',
  get_file: '    def get_file(self, remote_filename, filename_or_io, remote_temp_filename=None, print_output=False, print_input=False, **arguments):\n        return True\n',
};

/** C with these definitions, the other execution methods complete. */
async function connector(definitions: string): Promise<WorkspaceIndex> {
  const others = Object.entries(complete).filter(([name]) => !definitions.includes(`def ${name}(`)).map(([, text]) => text);
  const index = await WorkspaceIndex.create(noRead);
  index.openDocument(file, `${header}${[definitions, ...others].join('\n')}`);
  return index;
}

async function pck005(definitions: string): Promise<string[]> {
  const diagnostics = (await connector(definitions)).diagnostics().get(file) ?? [];
  return diagnostics.filter((d) => d.code === 'PCK005').map((d) => `${d.range.start.line + 1} ${(d.data as { defect: string }).defect}: ${d.message}`);
}

const def = (name: string, parameters: string) => `    def ${name}(${parameters}):\n        return True\n`;
const TYPE_ERROR_KEYWORDS = 'and connector arguments (_sudo, _env, ...) by keyword and will fail with TypeError (unexpected keyword argument)';

describe('PCK005 execution method signatures', () => {
  it('too few positional parameters: how many pyinfra passes, and the TypeError; *args takes them', async () => {
    assert.deepEqual(await pck005(def('put_file', 'self, filename_or_io, **arguments')), [
      '13 tooFewPositional: put_file of C takes 1 argument(s) after self: pyinfra passes filename_or_io, remote_filename by position '
        + 'and will fail with TypeError (takes 2 positional arguments but 3 were given)',
    ]);
    assert.deepEqual(await pck005(def('put_file', 'self, *args, **arguments')), []);
  });

  it('swapped transfer paths, judged by their names', async () => {
    assert.deepEqual(await pck005(def('put_file', 'self, remote_path, local_path, **arguments')), [
      '13 swapped: put_file of C has its first parameters in the wrong order (remote_path, local_path): pyinfra calls '
        + 'put_file(filename_or_io, remote_filename, ...), so the local and remote paths will be swapped at run time',
    ]);
    assert.deepEqual(await pck005(def('get_file', 'self, local_path, remote_path, **arguments')), [
      '13 swapped: get_file of C has its first parameters in the wrong order (local_path, remote_path): pyinfra calls '
        + 'get_file(remote_filename, filename_or_io, ...), so the local and remote paths will be swapped at run time',
    ]);
    // run_shell_command has one path-free positional parameter: its names mean nothing
    assert.deepEqual(await pck005(def('run_shell_command', 'self, local_command, remote=None, **arguments')), []);
  });

  it('no **arguments: which of pyinfra\'s keywords the method cannot take (a positional-only one cannot)', async () => {
    const noVarKeywords = (nor: string) => `13 noVarKeywords: run_shell_command of C has no **arguments${nor}: pyinfra passes print_output, print_input ${TYPE_ERROR_KEYWORDS}`;
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command, print_output=False')), [noVarKeywords(' nor print_input')]);
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command')), [noVarKeywords(' nor print_output, print_input')]);
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command, print_output=False, print_input=False')), [noVarKeywords('')]);
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command, print_output=False, /, print_input=False')), [noVarKeywords(' nor print_output')]);
  });

  it('a required parameter pyinfra never passes; a connector argument or pyinfra keyword it does', async () => {
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command, mode, **arguments')), [
      '13 requiredUnpassed: run_shell_command of C requires mode, which pyinfra never passes: it will fail with TypeError (missing required argument); give it a default',
    ]);
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command, extra, /, **arguments')), [
      '13 requiredUnpassed: run_shell_command of C requires extra by position only, but pyinfra passes only command by position '
        + '(extra by keyword, if at all): it will fail with TypeError (missing required positional argument); drop the / or give it a default',
    ]);
    // put_file is passed two paths by position: the message names both
    assert.deepEqual(await pck005(def('put_file', 'self, filename_or_io, remote_filename, mode, /, **arguments')), [
      '13 requiredUnpassed: put_file of C requires mode by position only, but pyinfra passes only filename_or_io, remote_filename by position '
        + '(mode by keyword, if at all): it will fail with TypeError (missing required positional argument); drop the / or give it a default',
    ]);
    assert.deepEqual(await pck005(def('run_shell_command', 'self, command, *, _sudo, print_output, print_input, **arguments')), []);
  });

  it('checks the implementation, not its typing.overload stubs', async () => {
    const stub = '    @overload\n    def run_shell_command(self, command: str) -> tuple: ...\n\n';
    assert.deepEqual(await pck005(stub + complete.run_shell_command), []);
  });

  it('fixes: swap the first two parameters, add **arguments; nothing for the other defects', async () => {
    const fixesOf = async (definition: string) => {
      const index = await connector(definition);
      return (index.diagnostics().get(file) ?? []).filter((d) => d.code === 'PCK005')
        .map((d) => quickFixesFor(index, d, noRead).map(({ title, code, isPreferred, edits }) => ({ title, code, isPreferred, edits: edits.map((e) => e.newText) })));
    };
    assert.deepEqual(await fixesOf(def('put_file', 'self, remote_path, local_path, **arguments')), [
      [{ title: 'Swap the first two parameters of put_file', code: 'PCK005', isPreferred: true, edits: ['local_path', 'remote_path'] }],
    ]);
    assert.deepEqual(await fixesOf(def('run_shell_command', 'self, command, print_output=False, print_input=False')), [
      [{ title: 'Add **arguments to run_shell_command', code: 'PCK005', isPreferred: true, edits: [', **arguments'] }],
    ]);
    assert.deepEqual(await fixesOf(def('run_shell_command', 'self, command, mode, **arguments')), [[]]);
  });
});

describe('swappedTransferParameters', () => {
  const named = (...names: string[]): Parameter[] => names.map((name) => ({ name, kind: 'positional', hasDefault: false, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  it('a remote first or a local second for put_file; the reverse for get_file', () => {
    const cases: [Parameter[], boolean, boolean][] = [
      // [parameters, swapped for put_file, swapped for get_file]
      [named('filename_or_io', 'remote_filename'), false, true],
      [named('remote_filename', 'data'), true, false],
      [named('data', 'local_path'), true, false],
      [named('local_path', 'data'), false, true],
      [named('data', 'remote_path'), false, true],
      [named('fp', 'x'), false, true],
      [named('fd', 'x'), false, true],
      [named('io', 'x'), false, true],
      [named('fileobj', 'x'), false, true],
      [named('file_io', 'x'), false, true],
      [named('FP', 'x'), false, true],
      // fp/fd/io are names of their own, not parts of names; a remote name is never the local one
      [named('portfolio', 'x'), false, false],
      [named('fdata', 'x'), false, false],
      [named('x', 'remote_local_copy'), false, true],
      [named('only'), false, false],
    ];
    for (const [parameters, put, get] of cases) {
      const names = parameters.map((p) => p.name).join(', ');
      assert.equal(swappedTransferParameters('put_file', parameters), put, `put_file(${names})`);
      assert.equal(swappedTransferParameters('get_file', parameters), get, `get_file(${names})`);
      assert.equal(swappedTransferParameters('run_shell_command', parameters), false, `run_shell_command(${names})`);
    }
  });
});
