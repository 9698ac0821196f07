import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostNode } from '../../../src/features/inventory/nodes';
import type { OpenSshResult } from '../../../src/features/ssh';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';
import { ACCEPT_AND_REMEMBER, ACCEPT_ONCE } from '../../../src/features/ssh/hostKeyPrompt';
import { activateExtension, answeringWarnings, hostsBelow, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

const CONNECTOR_FILE = 'connectors/ssh_box.py';

function pythonLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value);
}

/** An inventory-only connector: pyinfra reaches its hosts over SSH, as their data says. */
function connectorSource(hosts: Record<string, Record<string, string | number | boolean>>): string {
  const entries = Object.entries(hosts).map(
    ([name, data]) => `        (${JSON.stringify(name)}, {${Object.entries(data).map(([key, value]) => `${JSON.stringify(key)}: ${pythonLiteral(value)}`).join(', ')}}, ["boxes"]),`,
  );
  return [
    'from pyinfra.connectors.base import BaseConnector',
    '',
    '',
    'class SshBoxConnector(BaseConnector):',
    '    handles_execution = False',
    '',
    '    @staticmethod',
    '    def make_names_data(name=None):',
    '        yield from [',
    ...entries,
    '        ]',
    '',
  ].join('\n');
}

/** A key pair the server knows nothing of: a user key it refuses, and a stand-in for a replaced host key. */
function otherKey(sshd: TestSshd): { file: string; publicKey: string } {
  const file = path.join(sshd.dir, 'other_key');
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  return { file, publicKey: fs.readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ') };
}

const KEY_PASSPHRASE = 'correct horse battery staple';

/** A user key the server accepts that opens only with its passphrase. */
function encryptedKey(sshd: TestSshd): string {
  const file = path.join(sshd.dir, 'encrypted_key');
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', KEY_PASSPHRASE, '-f', file]);
  fs.appendFileSync(path.join(sshd.dir, 'authorized_keys'), fs.readFileSync(`${file}.pub`));
  return file;
}

function closing(terminal: vscode.Terminal): Promise<vscode.TerminalExitStatus | undefined> {
  return new Promise((resolve) => {
    const listener = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      listener.dispose();
      resolve(t.exitStatus);
    });
  });
}

suite('Open SSH Terminal', function () {
  this.timeout(120000);
  let sshd: TestSshd | undefined;
  let emptyKnownHosts = '';

  suiteSetup(async function () {
    const unavailable = sshdUnavailable();
    if (unavailable) {
      console.log(`Open SSH Terminal suite skipped: ${unavailable}`);
      this.skip();
    }
    sshd = await startSshd();
    emptyKnownHosts = path.join(sshd.dir, 'empty_known_hosts');
    fs.writeFileSync(emptyKnownHosts, '');
    const changedKnownHosts = path.join(sshd.dir, 'changed_known_hosts');
    const other = otherKey(sshd);
    fs.writeFileSync(changedKnownHosts, `[127.0.0.1]:${sshd.port} ${other.publicKey}\n`);
    const reach = { ssh_hostname: sshd.host, ssh_port: sshd.port, ssh_user: sshd.user, ssh_key: sshd.userKeyPath, ssh_known_hosts_file: sshd.knownHostsPath, ssh_allow_agent: false };
    await writeWorkspaceFile(
      CONNECTOR_FILE,
      connectorSource({
        box: reach,
        stranger: { ...reach, ssh_known_hosts_file: emptyKnownHosts },
        impostor: { ...reach, ssh_known_hosts_file: changedKnownHosts },
        'locked-out': { ...reach, ssh_key: other.file },
        vault: { ...reach, ssh_key: encryptedKey(sshd), ssh_key_password: KEY_PASSPHRASE },
      }),
    );
  });

  suiteTeardown(async () => {
    for (const terminal of vscode.window.terminals) if (terminal.name.startsWith('SSH: ')) terminal.dispose();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), CONNECTOR_FILE)).then(undefined, () => undefined);
    await sshd?.stop();
  });

  async function hostNode(name: string): Promise<HostNode> {
    const api = await activateExtension();
    return waitFor(`${name} of SshBoxConnector in the tree`, async () => {
      const connector = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'SshBoxConnector');
      if (!connector) {
        api.inventory.provider.refresh();
        return undefined;
      }
      return (await hostsBelow(api, connector)).find((n): n is HostNode => n.kind === 'host' && n.host.name === name);
    });
  }

  async function openOn(name: string): Promise<OpenSshResult | undefined> {
    return vscode.commands.executeCommand<OpenSshResult | undefined>('pyinfraConnectors.openSshTerminal', await hostNode(name));
  }

  test('opens a shell on a host of an inventory-only connector: typed commands run, resizes reach the pty, exit closes it', async () => {
    const api = await activateExtension();
    assert.match(api.inventory.provider.getTreeItem(await hostNode('box')).contextValue ?? '', /^host\b.*\bssh\b/, 'the tree offers the command on this host');
    const opened = await openOn('box');
    assert.ok(opened && 'pty' in opened, opened && 'error' in opened ? opened.error : 'the command opened nothing');
    const { terminal, pty } = opened;
    assert.strictEqual(terminal.name, 'SSH: box');
    await pty.shellOpened;

    terminal.sendText('echo ssh-ok-$((1+1))');
    await waitFor('ssh-ok-2 in the terminal', () => (pty.output.includes('ssh-ok-2') ? true : undefined)).catch((error: Error) => {
      throw new Error(`${error.message}; the terminal shows ${JSON.stringify(pty.output)}`);
    });

    pty.setDimensions({ rows: 31, columns: 97 });
    terminal.sendText("echo size-$(stty size | tr ' ' x)");
    await waitFor('the new size in the terminal', () => (pty.output.includes('size-31x97') ? true : undefined));

    const closed = closing(terminal);
    terminal.sendText('exit');
    assert.strictEqual((await closed)?.code, 0);
  });

  test('uses the secrets the tree masks: a key opened with its ssh_key_password', async () => {
    const node = await hostNode('vault');
    assert.notStrictEqual(node.host.data.ssh_key_password, KEY_PASSPHRASE, 'the tree holds the passphrase masked');
    const opened = await vscode.commands.executeCommand<OpenSshResult | undefined>('pyinfraConnectors.openSshTerminal', node);
    assert.ok(opened && 'pty' in opened, opened && 'error' in opened ? opened.error : 'the command opened nothing');
    await opened.pty.shellOpened;
    const closed = closing(opened.terminal);
    opened.terminal.sendText('exit');
    assert.strictEqual((await closed)?.code, 0);
  });

  test('a lost connection is said in the terminal and ends it as failed', async () => {
    const opened = await openOn('box');
    assert.ok(opened && 'pty' in opened, opened && 'error' in opened ? opened.error : 'the command opened nothing');
    const { terminal, pty } = opened;
    await pty.shellOpened;
    // the shell's parent is the session's sshd: killing it drops the connection with no exit status
    terminal.sendText('kill -KILL $PPID');
    await waitFor('the lost connection in the terminal', () => (pty.output.includes('The connection to box was lost.') ? true : undefined));
    const status = await waitFor('the exit status', () => terminal.exitStatus);
    assert.strictEqual(status.code, 1);
    terminal.dispose();
  });

  test('a host whose key is not in known_hosts: the modal names its type and SHA256 fingerprint; cancel refuses it', async () => {
    const warnings = answeringWarnings(undefined);
    try {
      const opened = await openOn('stranger');
      assert.ok(opened && 'error' in opened, 'the command reports an error');
      assert.match(opened.error, /^Cannot open an SSH terminal on stranger: \[127\.0\.0\.1\]:\d+ is not in known_hosts/);
      assert.ok(!vscode.window.terminals.some((t) => t.name === 'SSH: stranger'), 'no terminal for a refused host');
      assert.strictEqual(warnings.calls.length, 1);
      const [{ message, options, items }] = warnings.calls;
      assert.strictEqual(message, `"[127.0.0.1]:${sshd!.port}" has a host key that known_hosts does not list.`);
      assert.strictEqual(options.modal, true);
      assert.match(options.detail ?? '', new RegExp(`^ssh-ed25519 key fingerprint is ${sshd!.hostKeyFingerprint.replace(/[+/]/g, '\\$&')}\\.`));
      assert.deepStrictEqual(items, [ACCEPT_ONCE, ACCEPT_AND_REMEMBER]);
    } finally {
      warnings.restore();
    }
  });

  test('"Accept once" opens the terminal and writes nothing; "Accept and remember" adds the key to known_hosts', async () => {
    for (const [answer, remembered] of [[ACCEPT_ONCE, false], [ACCEPT_AND_REMEMBER, true]] as const) {
      const warnings = answeringWarnings(answer);
      try {
        const opened = await openOn('stranger');
        assert.ok(opened && 'pty' in opened, opened && 'error' in opened ? opened.error : 'the command opened nothing');
        await opened.pty.shellOpened;
        const closed = closing(opened.terminal);
        opened.terminal.sendText('exit');
        assert.strictEqual((await closed)?.code, 0);
        assert.strictEqual(warnings.calls.length, 1, `${answer}: asked once`);
        assert.strictEqual(fs.readFileSync(emptyKnownHosts, 'utf8').includes(sshd!.hostPublicKey.split(' ')[1]), remembered, `${answer}: known_hosts`);
      } finally {
        warnings.restore();
      }
    }
    const warnings = answeringWarnings(undefined);
    try {
      const opened = await openOn('stranger');
      assert.ok(opened && 'pty' in opened, 'a remembered key opens the terminal');
      assert.strictEqual(warnings.calls.length, 0, 'a remembered key is not asked about again');
      opened.terminal.dispose();
    } finally {
      warnings.restore();
    }
  });

  test('refuses a host whose key changed', async () => {
    const opened = await openOn('impostor');
    assert.ok(opened && 'error' in opened, 'the command reports an error');
    assert.match(opened.error, /^Cannot open an SSH terminal on impostor: .*\[127\.0\.0\.1\]:\d+ .*does not match .*changed_known_hosts:1/);
  });

  test('says so when authentication fails', async () => {
    const opened = await openOn('locked-out');
    assert.ok(opened && 'error' in opened, 'the command reports an error');
    assert.match(opened.error, /^Cannot open an SSH terminal on locked-out: .*authentication methods failed/);
  });
});
