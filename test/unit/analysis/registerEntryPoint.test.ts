// "Register as a pyinfra.connectors entry point": which class it is offered on, which pyproject.toml it
// edits (the nearest one up the tree), the module name it writes (src layout, packages) and the exact edit.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { QuickFix, WorkspaceIndex } from '../../../src/core/analysis';
import { registerEntryPoint } from '../../../src/core/analysis/quickFixes';

const ws = (...parts: string[]) => path.resolve('/ws', ...parts);
const connector = (name: string) => `from pyinfra.connectors.base import BaseConnector\n\n\nclass ${name}(BaseConnector):\n`
  + '    @staticmethod\n    def make_names_data(name=None):\n        yield "h", {}, []\n';
// line 3 is `class Name(BaseConnector):`; character 8 is inside the name
const ON_CLASS = { line: 3, character: 8 };
const TABLE = `[project]\nname = "demo"\n\n[project.entry-points.'pyinfra.connectors']\nold = 'old_mod:Old'\n`;

async function indexOf(files: Record<string, string>, readable = files): Promise<{ index: WorkspaceIndex; read: (file: string) => string | undefined }> {
  const read = (file: string) => readable[file];
  const index = await WorkspaceIndex.create(read);
  for (const [file, text] of Object.entries(files)) index.setFile(file, text);
  return { index, read };
}

async function register(files: Record<string, string>, file: string, position = ON_CLASS, readable = files): Promise<QuickFix | undefined> {
  const { index, read } = await indexOf(files, readable);
  return registerEntryPoint(index, file, position, read);
}

/** The entry registered below the table's header line (line 3 of TABLE). */
function belowHeader(pyproject: string, entry: string): QuickFix['edits'] {
  const at = { line: 3, character: `[project.entry-points.'pyinfra.connectors']`.length };
  return [{ file: pyproject, range: { start: at, end: at }, newText: `\n${entry}` }];
}

describe('register as an entry point', () => {
  it('writes the module of a src-layout file without src, and names the entry after the class', async () => {
    const fix = await register({ [ws('pyproject.toml')]: TABLE, [ws('src', 'pkg', 'cloud.py')]: connector('MyCloudConnector') }, ws('src', 'pkg', 'cloud.py'));
    assert.deepEqual(fix, {
      title: `Register MyCloudConnector as pyinfra connector '@my_cloud' in pyproject.toml`,
      edits: belowHeader(ws('pyproject.toml'), `my_cloud = 'pkg.cloud:MyCloudConnector'`),
    });
  });

  it('writes a package for __init__.py, keeping every level', async () => {
    const file = ws('src', 'pkg', 'sub', '__init__.py');
    const fix = await register({ [ws('pyproject.toml')]: TABLE, [file]: connector('Sub') }, file);
    assert.deepEqual(fix?.edits, belowHeader(ws('pyproject.toml'), `sub = 'pkg.sub:Sub'`));
  });

  it('keeps a top-level module named src, and a folder that is not src', async () => {
    const top = await register({ [ws('pyproject.toml')]: TABLE, [ws('src.py')]: connector('Top') }, ws('src.py'));
    assert.deepEqual(top?.edits, belowHeader(ws('pyproject.toml'), `top = 'src:Top'`));
    const nested = await register({ [ws('pyproject.toml')]: TABLE, [ws('lib', 'conn.py')]: connector('Conn') }, ws('lib', 'conn.py'));
    assert.deepEqual(nested?.edits, belowHeader(ws('pyproject.toml'), `conn = 'lib.conn:Conn'`));
  });

  it('edits the nearest pyproject.toml up the tree, the module relative to it', async () => {
    const file = ws('tools', 'deploy', 'conn.py');
    const fix = await register({ [ws('pyproject.toml')]: TABLE, [ws('tools', 'pyproject.toml')]: TABLE, [file]: connector('Conn') }, file);
    assert.deepEqual(fix?.edits, belowHeader(ws('tools', 'pyproject.toml'), `conn = 'deploy.conn:Conn'`));
  });

  it('adds the table to a pyproject.toml that has none', async () => {
    const fix = await register({ [ws('pyproject.toml')]: '[project]\nname = "demo"\n', [ws('conn.py')]: connector('Conn') }, ws('conn.py'));
    const end = { line: 2, character: 0 };
    assert.deepEqual(fix?.edits, [{ file: ws('pyproject.toml'), range: { start: end, end }, newText: `\n[project.entry-points.'pyinfra.connectors']\nconn = 'conn:Conn'\n` }]);
  });

  it('is offered on the class at the position in that file only', async () => {
    const files = { [ws('pyproject.toml')]: TABLE, [ws('a.py')]: connector('Alpha'), [ws('b.py')]: connector('Beta') };
    assert.equal((await register(files, ws('b.py')))?.title, `Register Beta as pyinfra connector '@beta' in pyproject.toml`);
    assert.equal(await register(files, ws('b.py'), { line: 0, character: 0 }), undefined, 'outside any class');
  });

  it('is not offered on a class an entry point names, nor on a base', async () => {
    const named = TABLE.replace("old = 'old_mod:Old'", "conn = 'conn:Conn'");
    assert.equal(await register({ [ws('pyproject.toml')]: named, [ws('conn.py')]: connector('Conn') }, ws('conn.py')), undefined);
    const sub = 'from conn import Conn\n\n\nclass Sub(Conn):\n    pass\n';
    const files = { [ws('pyproject.toml')]: TABLE, [ws('conn.py')]: connector('Conn'), [ws('sub.py')]: sub };
    assert.equal(await register(files, ws('conn.py')), undefined, 'Conn is a base');
    assert.equal((await register(files, ws('sub.py')))?.title, `Register Sub as pyinfra connector '@sub' in pyproject.toml`);
  });

  it('is not offered without a pyproject.toml, when it cannot be read, or when it is not TOML', async () => {
    assert.equal(await register({ [ws('conn.py')]: connector('Conn') }, ws('conn.py')), undefined, 'no pyproject.toml');
    const files = { [ws('pyproject.toml')]: TABLE, [ws('conn.py')]: connector('Conn') };
    assert.equal(await register(files, ws('conn.py'), ON_CLASS, { [ws('conn.py')]: files[ws('conn.py')] }), undefined, 'unreadable');
    assert.equal(await register({ [ws('pyproject.toml')]: '[project\nname = ', [ws('conn.py')]: connector('Conn') }, ws('conn.py')), undefined, 'not TOML');
  });
});
