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
});
