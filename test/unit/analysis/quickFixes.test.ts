// Each quick fix, applied to the text, makes its diagnostic go away (and introduces no other).
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { TextEdit, WorkspaceIndex } from '../../../src/core/analysis';
import { combinedFixes, quickFixesFor } from '../../../src/core/analysis/quickFixes';

const file = path.resolve('/fix/conn.py');

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: TextEdit['range']['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, e) => result.slice(0, offset(e.range.start)) + e.newText + result.slice(offset(e.range.end)), text);
}

async function fixOnce(text: string, code: string, defect?: string): Promise<{ fixed: string; remaining: string[] }> {
  const index = await WorkspaceIndex.create(() => undefined);
  index.openDocument(file, text);
  const diagnostic = index.diagnostics().get(file)?.find((d) => d.code === code && (!defect || d.data?.defect === defect));
  assert.ok(diagnostic, `no ${code} in:\n${text}`);
  const [fix] = quickFixesFor(index, diagnostic, () => undefined);
  assert.ok(fix, `no fix for ${code}`);
  const fixed = apply(text, fix.edits);
  index.changeDocument(file, [{ text: fixed }]);
  return { fixed, remaining: (index.diagnostics().get(file) ?? []).map((d) => d.code) };
}

const header = 'from pyinfra.connectors.base import BaseConnector\n\n\n';

describe('quick fixes', () => {
  it('adds make_names_data with @staticmethod and pyinfra\'s docstring', async () => {
    const { fixed, remaining } = await fixOnce(`${header}class C(BaseConnector):\n    pass\n`, 'PCK001');
    assert.deepEqual(remaining, []);
    assert.match(fixed, /\n    @staticmethod\n    def make_names_data\(name=None\):\n        """\n        Generate inventory targets/);
  });

  it('adds every missing execution method in one edit', async () => {
    const text = `${header}class C(BaseConnector):\n    handles_execution = True\n\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n`;
    const index = await WorkspaceIndex.create(() => undefined);
    index.openDocument(file, text);
    const [fix] = combinedFixes(index, index.diagnostics().get(file) ?? [], () => undefined);
    assert.ok(fix);
    const fixed = apply(text, fix.edits);
    index.changeDocument(file, [{ text: fixed }]);
    assert.deepEqual(index.diagnostics().get(file), []);
    assert.match(fixed, /def get_file\(\n        self,\n        remote_filename,\n        filename_or_io,/);
  });

  it('adds the one missing execution method the diagnostic names, whichever it is', async () => {
    const method = (name: string) => `    def ${name}(self, *args, **arguments):\n        return True\n`;
    const names = ['run_shell_command', 'put_file', 'get_file'];
    for (const missing of names) {
      const present = names.filter((name) => name !== missing).map(method).join('\n');
      const text = `${header}class C(BaseConnector):\n    handles_execution = True\n\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n${present}`;
      const { fixed, remaining } = await fixOnce(text, 'PCK002');
      assert.deepEqual(remaining, [], missing);
      assert.match(fixed, new RegExp(`\\n    def ${missing}\\(\\n        self,\\n`), missing);
      for (const other of names.filter((name) => name !== missing)) assert.equal(fixed.split(`def ${other}(`).length, 2, `${other} added again`);
    }
  });

  it('turns an instance make_names_data into a @staticmethod without self', async () => {
    const { fixed, remaining } = await fixOnce(`${header}class C(BaseConnector):\n    def make_names_data(self, name=None):\n        return []\n`, 'PCK003');
    assert.deepEqual(remaining, []);
    assert.match(fixed, /    @staticmethod\n    def make_names_data\(name=None\):/);
  });

  it('swaps put_file\'s first parameters', async () => {
    const text = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`
      + '    def put_file(self, remote_filename: str, filename_or_io, **arguments):\n        return True\n';
    const { fixed, remaining } = await fixOnce(text, 'PCK005');
    assert.deepEqual(remaining, []);
    assert.match(fixed, /def put_file\(self, filename_or_io, remote_filename: str, \*\*arguments\)/);
  });

  it('swaps get_file\'s first parameters', async () => {
    const text = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`
      + '    def get_file(self, local_path, remote_path, **arguments):\n        return True\n';
    const { fixed, remaining } = await fixOnce(text, 'PCK005');
    assert.deepEqual(remaining, []);
    assert.match(fixed, /def get_file\(self, remote_path, local_path, \*\*arguments\)/);
  });

  it('replaces a near-miss host data key with the data key it is close to', async () => {
    const text = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n`
      + '        yield "web", {"ssh_usr": "deploy", \'ssh_prot\': 22}, []\n';
    const first = await fixOnce(text, 'PCK010');
    assert.match(first.fixed, /\{"ssh_user": "deploy", 'ssh_prot': 22\}/);
    assert.deepEqual(first.remaining, ['PCK010']);
    const second = await fixOnce(first.fixed, 'PCK010');
    assert.match(second.fixed, /\{"ssh_user": "deploy", 'ssh_port': 22\}/);
    assert.deepEqual(second.remaining, []);
  });

  it('adds **arguments', async () => {
    const text = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`
      + '    def run_shell_command(\n        self,\n        command,\n    ):\n        return True, None\n';
    const { fixed, remaining } = await fixOnce(text, 'PCK005');
    assert.deepEqual(remaining, []);
    assert.match(fixed, /        command, \*\*arguments,\n    \):/);
  });

  it('turns make_names_data(self) into make_names_data(name=None), and drops cls as it drops self', async () => {
    const { fixed } = await fixOnce(`${header}class C(BaseConnector):\n    def make_names_data(self):\n        return []\n`, 'PCK003');
    assert.match(fixed, /\n    @staticmethod\n    def make_names_data\(name=None\):\n        return \[\]\n$/);
    const withCls = await fixOnce(`${header}class C(BaseConnector):\n    def make_names_data(cls, name=None):\n        return []\n`, 'PCK003');
    assert.match(withCls.fixed, /\n    @staticmethod\n    def make_names_data\(name=None\):\n/);
    assert.deepEqual(withCls.remaining, []);
  });

  it('adds only @staticmethod to an instance make_names_data without parameters, in the second class too', async () => {
    const first = `${header}class A(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n\n`;
    const { fixed } = await fixOnce(`${first}class B(BaseConnector):\n    def make_names_data():\n        return []\n`, 'PCK003');
    assert.equal(fixed, `${first}class B(BaseConnector):\n    @staticmethod\n    def make_names_data():\n        return []\n`);
  });

  it('swaps a @staticmethod put_file\'s first two parameters (no self to skip)', async () => {
    const text = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`
      + '    @staticmethod\n    def put_file(remote_filename, filename_or_io, **arguments):\n        return True\n';
    const { fixed, remaining } = await fixOnce(text, 'PCK005');
    assert.deepEqual(remaining, []);
    assert.match(fixed, /def put_file\(filename_or_io, remote_filename, \*\*arguments\)/);
  });

  it('swaps parameters that span several lines, keeping each one\'s text whole', async () => {
    const remote = 'remote_filename: Annotated[\n        str,\n        "where",\n    ]';
    const text = `${header}from typing import Annotated\n\n\nclass C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`
      + `    def put_file(self, ${remote}, filename_or_io, **arguments):\n        return True\n`;
    const { fixed, remaining } = await fixOnce(text, 'PCK005');
    assert.deepEqual(remaining, []);
    assert.ok(fixed.includes(`    def put_file(self, filename_or_io, ${remote}, **arguments):\n`), fixed);
  });

  it('adds **arguments to an empty parameter list', async () => {
    const text = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`
      + '    @staticmethod\n    def run_shell_command():\n        return True, None\n';
    const { fixed } = await fixOnce(text, 'PCK005', 'noVarKeywords');
    assert.match(fixed, /\n    def run_shell_command\(\*\*arguments\):\n/);
  });

  it('offers nothing for a diagnostic the edits since made stale', async () => {
    const before = `${header}class C(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n`;
    const index = await WorkspaceIndex.create(() => undefined);
    const stale = (text: string, defect: string) => {
      index.openDocument(file, text);
      const diagnostic = index.diagnostics().get(file)?.find((d) => d.data?.defect === defect);
      assert.ok(diagnostic, defect);
      return diagnostic;
    };
    const swapped = stale(`${before}    def put_file(self, remote_filename, filename_or_io, **arguments):\n        return True\n`, 'swapped');
    index.changeDocument(file, [{ text: `${before}    def put_file(self, filename_or_io, **arguments):\n        return True\n` }]);
    assert.deepEqual(quickFixesFor(index, swapped, () => undefined), [], 'one positional parameter left');
    const noKeywords = stale(`${before}    def put_file(self, filename_or_io, remote_filename):\n        return True\n`, 'noVarKeywords');
    index.changeDocument(file, [{ text: `${before}    def put_file(self, filename_or_io, remote_filename, = ):\n        return True\n` }]);
    assert.deepEqual(quickFixesFor(index, noKeywords, () => undefined), [], 'half-written parameters');
  });
});
