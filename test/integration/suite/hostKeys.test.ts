import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import type { HostNode } from '../../../src/features/inventory/nodes';
import { ACCEPT_AND_REMEMBER, ACCEPT_ONCE } from '../../../src/features/ssh/hostKeyPrompt';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';
import { activateExtension, answeringWarnings, hostsBelow, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

const CONNECTOR_FILE = 'connectors/unknown_key_box.py';

suite('Unknown host keys through pyinfra @ssh', function () {
  this.timeout(120000);
  let sshd: TestSshd | undefined;
  let knownHosts = '';
  let fingerprint = '';

  suiteSetup(async function () {
    const unavailable = sshdUnavailable();
    if (unavailable) {
      console.log(`Unknown host keys suite skipped: ${unavailable}`);
      this.skip();
    }
    sshd = await startSshd();
    knownHosts = path.join(sshd.dir, 'empty_known_hosts');
    fs.writeFileSync(knownHosts, '');
    fingerprint = sshd.hostKeyFingerprint;
    const data = { ssh_hostname: sshd.host, ssh_port: sshd.port, ssh_user: sshd.user, ssh_key: sshd.userKeyPath, ssh_known_hosts_file: knownHosts };
    await writeWorkspaceFile(
      CONNECTOR_FILE,
      [
        'from pyinfra.connectors.base import BaseConnector',
        '',
        '',
        'class UnknownKeyBoxConnector(BaseConnector):',
        '    handles_execution = False',
        '',
        '    @staticmethod',
        '    def make_names_data(name=None):',
        `        yield "keybox", ${JSON.stringify({ ...data, ssh_allow_agent: 'False' }).replace('"False"', 'False')}, []`,
        '',
      ].join('\n'),
    );
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), CONNECTOR_FILE)).then(undefined, () => undefined);
    await sshd?.stop();
  });

  async function keybox(): Promise<HostNode> {
    const api = await activateExtension();
    return waitFor('keybox in the tree', async () => {
      const connector = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'UnknownKeyBoxConnector');
      if (!connector) {
        api.inventory.provider.refresh();
        return undefined;
      }
      return (await hostsBelow(api, connector)).find((n): n is HostNode => n.kind === 'host' && n.host.name === 'keybox');
    });
  }

  const run = async (command: string) =>
    (await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', await keybox(), undefined, { command })) as HostRunResult[];

  test('a modal names the key type and SHA256 fingerprint; cancelling refuses the key', async () => {
    const warnings = answeringWarnings(undefined);
    try {
      const [refused] = await run('echo never');
      assert.strictEqual(refused.success, false);
      assert.strictEqual(warnings.calls.length, 1);
      const [{ message, options, items }] = warnings.calls;
      assert.strictEqual(message, `"[127.0.0.1]:${sshd!.port}" has a host key that known_hosts does not list.`);
      assert.strictEqual(options.modal, true);
      assert.match(options.detail ?? '', new RegExp(`^ssh-ed25519 key fingerprint is ${fingerprint.replace(/[+/]/g, '\\$&')}\\.`));
      assert.deepStrictEqual(items, [ACCEPT_ONCE, ACCEPT_AND_REMEMBER]);
    } finally {
      warnings.restore();
    }
  });

  test('"Accept once" runs the command and writes nothing; "Accept and remember" adds the key to known_hosts', async () => {
    let warnings = answeringWarnings(ACCEPT_ONCE);
    try {
      const [once] = await run('echo accepted-once');
      assert.deepStrictEqual([once.success, once.stdout], [true, 'accepted-once'], JSON.stringify(once));
      assert.strictEqual(fs.readFileSync(knownHosts, 'utf8'), '');
    } finally {
      warnings.restore();
    }
    warnings = answeringWarnings(ACCEPT_AND_REMEMBER);
    try {
      const [remembered] = await run('echo remembered');
      assert.strictEqual(remembered.stdout, 'remembered', JSON.stringify(remembered));
      assert.ok(fs.readFileSync(knownHosts, 'utf8').includes(sshd!.hostPublicKey.split(' ')[1]));
    } finally {
      warnings.restore();
    }
    warnings = answeringWarnings(undefined);
    try {
      const [later] = await run('echo known-now');
      assert.strictEqual(later.stdout, 'known-now', JSON.stringify(later));
      assert.strictEqual(warnings.calls.length, 0, 'a remembered key is not asked about again');
    } finally {
      warnings.restore();
    }
  });
});
