import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectWithHostKeyConsent, type HostKeyAnswer, type HostKeyQuestion } from '../../../src/core/connectors/hostKeyConsent';
import { connectSsh, type SshHost, type SshOptions } from '../../../src/core/connectors/ssh';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';

/** A refusal test must not hang when the refusal regresses: a connection wrongly made is closed. */
async function assertRefused(connecting: Promise<SshHost>, message: RegExp): Promise<void> {
  const outcome: unknown = await connecting.then((host) => host, (error: unknown) => error);
  if (!(outcome instanceof Error)) {
    (outcome as SshHost).close();
    assert.fail(`connected, but should have been refused with ${message}`);
  }
  assert.match(outcome.message, message);
}

/** What an interactive shell on the host prints for a command, up to its exit. */
async function shellSays(host: SshHost, command: string): Promise<string> {
  const channel = await host.shell({ rows: 24, cols: 80 });
  let seen = '';
  const closed = new Promise<void>((resolve) => channel.on('close', () => resolve()));
  channel.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  channel.write(`${command}; exit\n`);
  await closed;
  return seen;
}

describe('SshHost (native @ssh with ssh2) against a real sshd', { skip: sshdUnavailable() }, () => {
  let sshd: TestSshd;
  let options: SshOptions;
  let host: SshHost;
  before(async () => {
    sshd = await startSshd();
    options = { host: sshd.host, port: sshd.port, username: sshd.user, privateKeyPath: sshd.userKeyPath, knownHostsFiles: [sshd.knownHostsPath], agent: false };
    host = await connectSsh(options);
  });
  after(async () => {
    host?.close();
    await sshd.stop();
  });

  it('opens an interactive shell on a pty', async () => {
    const seen = await shellSays(host, 'echo shell-$((6*7)); tty');
    assert.match(seen, /shell-42/);
    assert.match(seen, /\/dev\/pts\//);
  });

  it('refuses an unlisted host and a changed host key', async () => {
    const empty = path.join(sshd.dir, 'empty_known_hosts');
    fs.writeFileSync(empty, '');
    await assertRefused(connectSsh({ ...options, knownHostsFiles: [empty] }), /\[127\.0\.0\.1\]:\d+ is not in known_hosts/);
    const changed = path.join(sshd.dir, 'changed_known_hosts');
    const otherKey = path.join(sshd.dir, 'other');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    fs.writeFileSync(changed, `[127.0.0.1]:${sshd.port} ${fs.readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    await assertRefused(connectSsh({ ...options, knownHostsFiles: [changed] }), /does not match .*it may have been replaced/);
  });

  it('asks about an unknown key: accepted once it connects and writes nothing, remembered it is in known_hosts; a changed key is never asked about', async () => {
    const file = path.join(sshd.dir, 'consent_known_hosts');
    fs.writeFileSync(file, '');
    const asked: HostKeyQuestion[] = [];
    const consent = (answer: HostKeyAnswer) => connectWithHostKeyConsent((acceptHostKey) => connectSsh({ ...options, knownHostsFiles: [file], acceptHostKey }), async (key) => (asked.push(key), answer));
    await assertRefused(consent(undefined), /\[127\.0\.0\.1\]:\d+ is not in known_hosts/);
    assert.deepEqual(asked, [{ host: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint }]);
    (await consent('once')).close();
    assert.equal(fs.readFileSync(file, 'utf8'), '');
    (await consent('remember')).close();
    assert.equal(fs.readFileSync(file, 'utf8'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    (await connectSsh({ ...options, knownHostsFiles: [file] })).close(); // known now: no question
    assert.equal(asked.length, 3);
    // a key accepted by fingerprint is that key only
    await assertRefused(connectSsh({ ...options, knownHostsFiles: [path.join(sshd.dir, 'still_empty')], acceptHostKey: { fingerprint: 'SHA256:another', remember: true } }), /is not in known_hosts/);
    const changed = path.join(sshd.dir, 'replaced_known_hosts');
    const replacement = path.join(sshd.dir, 'replacement');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', replacement]);
    fs.writeFileSync(changed, `[127.0.0.1]:${sshd.port} ${fs.readFileSync(`${replacement}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    await assertRefused(connectWithHostKeyConsent((acceptHostKey) => connectSsh({ ...options, knownHostsFiles: [changed], acceptHostKey }), async (key) => (asked.push(key), 'remember')), /does not match/);
    assert.equal(asked.length, 3, 'a changed key is refused without asking');
  });

  it('accepts a hashed known_hosts entry and authenticates through an ssh-agent', async () => {
    const hashedFile = path.join(sshd.dir, 'hashed_known_hosts');
    fs.copyFileSync(sshd.knownHostsPath, hashedFile);
    spawnSync('ssh-keygen', ['-q', '-H', '-f', hashedFile]);
    assert.match(fs.readFileSync(hashedFile, 'utf8'), /^\|1\|/);
    const socket = path.join(sshd.dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      // the agent makes its socket once it runs: generous, for a loaded machine
      for (let i = 0; i < 1000 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(spawnSync('ssh-add', ['-q', sshd.userKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } }).status, 0);
      const viaAgent = await connectSsh({ host: sshd.host, port: sshd.port, username: sshd.user, agent: socket, privateKeyPath: undefined, knownHostsFiles: [hashedFile] });
      try {
        assert.match(await shellSays(viaAgent, 'echo agent-$((6*7))'), /agent-42/);
      } finally {
        viaAgent.close();
      }
    } finally {
      agent.kill();
    }
  });
});
