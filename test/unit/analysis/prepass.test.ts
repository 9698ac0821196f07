// The pre-pass decides which closed files are parsed: files that only use pyinfra (deploys, operations,
// facts) stay unparsed, and every file a connector class reaches is still parsed, however it is reached
// (a subclass, a re-export of pyinfra's BaseConnector under another name, a mixin, an entry point).
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { mentionsConnectorVocabulary } from '../../../src/core/analysis/prepass';
import { BUILTIN_CONNECTORS } from '../../../src/core/analysis/pyinfraModel';
import { EXECUTES, NAMES } from './connectorSources';

const root = path.resolve('/prepass');

/** An index of closed files, as the CLI's lint fills it. */
async function workspace(files: Record<string, string>): Promise<WorkspaceIndex> {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const index = await WorkspaceIndex.create((file) => texts.get(file));
  for (const [file, text] of texts) index.setFile(file, text);
  return index;
}

/**
 * What the linter shows (connector classes, every diagnostic), with every file open (so parsed); with all closed;
 * and with each .py open in turn, the others closed, as the language server has them.
 */
async function eachWay(files: Record<string, string>): Promise<{ reference: unknown; closed: unknown; oneOpen: Map<string, unknown> }> {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const build = async (isOpen: (file: string) => boolean) => {
    const index = await WorkspaceIndex.create((file) => texts.get(file));
    for (const [file, text] of texts) {
      if (isOpen(file) && file.endsWith('.py')) index.openDocument(file, text);
      else index.setFile(file, text);
    }
    return {
      connectors: index.listConnectorClasses().map((c) => ({ ...c, file: path.relative(root, c.file) })),
      diagnostics: [...index.diagnostics()].flatMap(([file, found]) => found.map((d) => ({ ...d, file: path.relative(root, file) }))),
    };
  };
  const oneOpen = new Map<string, unknown>();
  for (const file of texts.keys()) if (file.endsWith('.py')) oneOpen.set(path.relative(root, file), await build((f) => f === file));
  return { reference: await build(() => true), closed: await build(() => false), oneOpen };
}

async function assertAsIfAllParsed(files: Record<string, string>): Promise<void> {
  const { reference, closed, oneOpen } = await eachWay(files);
  assert.deepEqual(closed, reference, 'all files closed');
  for (const [file, shown] of oneOpen) assert.deepEqual(shown, reference, `${file} open, the others closed`);
}

const connectorNames = (index: WorkspaceIndex) => index.listConnectorClasses().map((c) => `${path.relative(root, c.file)}:${c.name}`).sort();

describe('the pre-pass', () => {
  it('leaves files that only use pyinfra unparsed', async () => {
    const index = await workspace({
      'deploy.py': 'from pyinfra import host\nfrom pyinfra.operations import server\n\nserver.shell(name="x", commands=["true"])\n',
      'facts.py': 'from pyinfra.api import FactBase\n\n\nclass Uptime(FactBase):\n    command = "uptime"\n',
      'conn.py': `from pyinfra.connectors.base import BaseConnector\n\n\nclass C(BaseConnector):\n    handles_execution = True\n\n${NAMES}${EXECUTES}`,
    });
    assert.deepEqual(connectorNames(index), ['conn.py:C']);
    assert.deepEqual(index.stats(), { files: 3, summarized: 1, dormant: 2, open: 0 });
  });

  const connector = (name: string) => `from pyinfra.connectors.base import BaseConnector\n\n\nclass ${name}(BaseConnector):\n    handles_execution = True\n\n${NAMES}${EXECUTES}`;

  it('wakes no file for the other names a connector\'s file imports', async () => {
    const index = await workspace({
      'deploy.py': 'from pyinfra import host\nfrom pyinfra.operations import server\n\nserver.shell(name="x", commands=[host.name])\n',
      'conn.py': `from pyinfra import host\n${connector('C')}`,
    });
    assert.deepEqual(connectorNames(index), ['conn.py:C']);
    assert.deepEqual(index.stats(), { files: 2, summarized: 1, dormant: 1, open: 0 });
  });

  it('parses at once a file added after an analysis that derives from a connector class it found', async () => {
    const index = await workspace({ 'conn.py': connector('C'), 'deploy.py': 'from pyinfra import host\n' });
    assert.deepEqual(connectorNames(index), ['conn.py:C']);
    index.setFile(path.join(root, 'sub.py'), 'from conn import C\n\n\nclass D(C):\n    pass\n');
    assert.deepEqual(index.stats(), { files: 3, summarized: 2, dormant: 1, open: 0 });
    assert.deepEqual(connectorNames(index), ['conn.py:C', 'sub.py:D']);
  });

  it('keeps an open document\'s text when the file changes on disk, and takes the disk\'s once it is closed', async () => {
    const file = path.join(root, 'conn.py');
    const index = await WorkspaceIndex.create(() => undefined);
    index.openDocument(file, connector('Edited'));
    index.setFile(file, connector('Saved'));
    assert.deepEqual(connectorNames(index), ['conn.py:Edited']);
    index.closeDocument(file);
    index.setFile(file, connector('Saved'));
    assert.deepEqual(connectorNames(index), ['conn.py:Saved']);
  });

  it('says how many dormant files the names it is given woke, each name looked for once', async () => {
    const index = await workspace({ 'a.py': 'from lib import Base\n', 'b.py': 'import lib\n\nPlugin = lib.Base\n', 'c.py': 'from other import Thing\n' });
    assert.equal(index.stats().dormant, 3);
    assert.equal(index.wakeFilesReferring(['Base']), 2);
    assert.equal(index.wakeFilesReferring(['Base', 'Thing']), 1);
    assert.equal(index.wakeFilesReferring(['Base', 'Thing']), 0);
    assert.deepEqual(index.stats(), { files: 3, summarized: 3, dormant: 0, open: 0 });
  });

  it('seeds on the name of each of pyinfra\'s connector classes and on the 2.x API', () => {
    for (const { name } of BUILTIN_CONNECTORS) assert.ok(mentionsConnectorVocabulary(`from x import ${name}\n`), name);
    assert.ok(mentionsConnectorVocabulary('def run_shell_command(\n    state, host, command,\n):\n    pass\n'));
    assert.ok(mentionsConnectorVocabulary('from pyinfra.api.util import split_combined_output\n'));
    assert.ok(!mentionsConnectorVocabulary('from pyinfra import host, state\n\ndef run_shell_command(command):\n    pass\n'));
  });

  it('follows pyinfra\'s BaseConnector re-exported under other names, however many files deep', async () => {
    const broken = 'class C(Base):\n    handles_execution = True\n\n    @staticmethod\n    def make_names_data(name=None):\n        return []\n';
    const index = await workspace({
      'lib.py': 'from pyinfra.connectors.base import BaseConnector as Base\n',
      'again.py': 'from lib import Base as Again\n',
      'conn.py': `from lib import Base\n\n\n${broken}`,
      'far.py': `from again import Again as Base\n\n\n${broken}`,
      'unrelated.py': 'from pyinfra import host\n\n\nclass Base:\n    pass\n',
    });
    assert.deepEqual(connectorNames(index), ['conn.py:C', 'far.py:C']);
    for (const name of ['conn.py', 'far.py']) {
      const codes = (index.diagnostics().get(path.join(root, name)) ?? []).map((d) => d.code);
      assert.ok(codes.includes('PCK002'), `${name}: the missing execution methods are reported (${codes})`);
    }
  });

  it('reads a mixin or a base class from a file that never mentions pyinfra', async () => {
    const index = await workspace({
      'mixin.py': `class Mixin:\n${EXECUTES}`,
      'conn.py': 'from pyinfra.connectors.base import BaseConnector\n\nfrom mixin import Mixin\n\n\n'
        + `class C(Mixin, BaseConnector):\n    handles_execution = True\n\n${NAMES}`,
    });
    assert.deepEqual(connectorNames(index), ['conn.py:C']);
    assert.deepEqual(index.diagnostics().get(path.join(root, 'conn.py')), []);
  });

  // lib.py re-exports BaseConnector as Base; mid.py passes it on as Plugin in a way the pre-pass must read from the
  // text; conn.py's C derives from Plugin and lacks its execution methods
  const throughMid = (mid: string) => ({
    'lib.py': 'from pyinfra.connectors.base import BaseConnector as Base\n',
    'mid.py': mid,
    'conn.py': `from mid import Plugin\n\n\nclass C(Plugin):\n    handles_execution = True\n\n${NAMES}`,
  });

  it('reads a re-export with a comment after it, an annotation, under try, or continued with a backslash', async () => {
    for (const mid of [
      'import lib\n\nPlugin = lib.Base  # what plugins derive from\n',
      'import lib\r\n\r\nPlugin = lib.Base\r\n',
      'from typing import TypeAlias\nimport lib\n\nPlugin: TypeAlias = lib.Base\n',
      'import lib\n\ntry:\n    Plugin = lib.Base\nexcept AttributeError:\n    Plugin = object\n',
      'from lib import \\\n    Base as Plugin\n',
      'from lib import \\\r\n    Base as Plugin\r\n',
    ]) {
      await assertAsIfAllParsed(throughMid(mid));
      const index = await workspace(throughMid(mid));
      assert.deepEqual(connectorNames(index), ['conn.py:C'], JSON.stringify(mid));
    }
  });

  it('reads a base after a call or a parenthesised comment in the class header', async () => {
    for (const header of ['class C(with_retries(3), mid.Plugin):', 'class C(  # the API\'s connector (v2)\n    mid.Plugin,\n):']) {
      const files = {
        'lib.py': 'from pyinfra.connectors.base import BaseConnector as Plugin\n',
        'mid.py': 'from lib import Plugin\n',
        'conn.py': `import mid\nfrom retries import with_retries\n\n\n${header}\n    handles_execution = True\n\n${NAMES}`,
        'retries.py': 'def with_retries(times):\n    return object\n',
      };
      await assertAsIfAllParsed(files);
      assert.deepEqual(connectorNames(await workspace(files)), ['conn.py:C'], header);
    }
  });

  it('lists a connector class in a file only a base lookup parsed (the leaf of a chain open, or naming a pyinfra connector)', async () => {
    await assertAsIfAllParsed({
      'compat.py': 'from pyinfra.connectors.base import BaseConnector as Connector\n',
      'api_base.py': 'from compat import Connector\n\n\nclass ApiBase(Connector):\n    handles_execution = True\n',
      'conn.py': `"""Like pyinfra's LocalConnector, over our API."""\nfrom api_base import ApiBase\n\n\nclass ApiConnector(ApiBase):\n${NAMES}${EXECUTES}`,
    });
    await assertAsIfAllParsed({
      'a.py': 'from pyinfra.connectors.base import BaseConnector\n\n\nclass A(BaseConnector):\n    handles_execution = True\n',
      'b.py': 'from a import A\n\n\nclass B(A):\n    pass\n',
      'c.py': `from b import B\n\n\nclass C(B):\n${NAMES}`,
    });
  });

  it('finds what parsing everything finds, whichever file is open: star imports, __init__ re-exports, module aliases, data_cls, entry points', async () => {
    const broken = `    handles_execution = True\n\n${NAMES}`;
    const workspaces: Array<Record<string, string>> = [
      { 'pkg/__init__.py': 'from .base import *\n', 'pkg/base.py': 'from pyinfra.connectors.base import BaseConnector as Plugin\n', 'app.py': `from pkg import *\n\n\nclass C(Plugin):\n${broken}` },
      { 'pkg/__init__.py': 'from .conn import *\n', 'pkg/conn.py': `from pyinfra.connectors.base import BaseConnector\n\n\nclass MyConn(BaseConnector):\n${broken}`, 'app.py': 'from pkg import *\n\n\nclass Sub(MyConn):\n    pass\n' },
      { 'conn.py': `import pyinfra.connectors.base as b\n\n\nclass C(b.BaseConnector):\n${broken}`, 'sub.py': 'import conn\n\n\nclass D(conn.C):\n    pass\n' },
      {
        'schema.py': 'from typing import TypedDict\n\n\nclass Data(TypedDict):\n    host: str\n',
        'mixin.py': `class Mixin:\n${EXECUTES}`,
        'conn.py': 'from pyinfra.connectors.base import BaseConnector\nfrom mixin import Mixin\nfrom schema import Data\n\n\nclass C(Mixin, BaseConnector):\n'
          + '    handles_execution = True\n    data_cls = Data\n\n    @staticmethod\n    def make_names_data(name=None):\n        yield "x", {"hots": 1}, []\n',
      },
      {
        'lib.py': 'try:\n    from pyinfra.connectors.base import BaseConnector as Base\nexcept ImportError:\n    Base = object\n',
        'conn.py': `from typing import TYPE_CHECKING\nfrom lib import Base\n\nif TYPE_CHECKING:\n    class C(Base):\n${broken.replace(/^(?=.)/gm, '    ')}`,
      },
      {
        'pyproject.toml': '[project.entry-points."pyinfra.connectors"]\nmine = "pkg.conn:MyConn"\n',
        'pkg/__init__.py': '', 'pkg/compat.py': 'from pyinfra.connectors import base\n\nPlugin = base.BaseConnector\n',
        'pkg/conn.py': `from pkg.compat import Plugin\n\n\nclass MyConn(Plugin):\n${broken}`,
      },
    ];
    for (const files of workspaces) await assertAsIfAllParsed(files);
  });
});
