import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { Bridge } from '../../../src/core/bridge/bridge';
import { BridgeError } from '../../../src/core/bridge/protocol';
import { CONNECTOR_FIXTURES, ROOT, VENV_PYTHON } from '../../support/paths';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';

/** Processes on the host (the sshd side: this machine) whose command line holds the marker. */
function remoteProcesses(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return listed.split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

async function gone(marker: string): Promise<string[]> {
  // sshd ends the session's processes once the channel closes; a loaded machine may take seconds
  for (let i = 0; i < 400 && remoteProcesses(marker).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return remoteProcesses(marker);
}

let markers = 0;
/** A command that runs long and is recognisable in `ps`. */
function longCommand(): { marker: string; command: string } {
  const marker = `sleep 9${process.pid % 1000}.${++markers}`;
  return { marker, command: `echo started; ${marker}; echo finished` };
}

describe('Bridge: pyinfra @ssh (SSHConnector, paramiko) against a real sshd', { skip: sshdUnavailable() }, () => {
  let sshd: TestSshd;
  let bridge: Bridge;
  let data: Record<string, string>;
  before(async () => {
    sshd = await startSshd();
    bridge = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES, log: (line) => process.env.DEBUG_BRIDGE && console.error(line) });
    data = {
      ssh_port: String(sshd.port),
      ssh_user: sshd.user,
      ssh_key: sshd.userKeyPath,
      ssh_known_hosts_file: sshd.knownHostsPath,
      ssh_strict_host_key_checking: 'yes',
      ssh_allow_agent: 'false',
      ssh_look_for_keys: 'false',
    };
  });
  after(async () => {
    bridge.dispose();
    await sshd.stop();
  });

  it('runs a command on a bare hostname target over SSH, verifying the host key', async () => {
    const [result] = await bridge.run([{ target: sshd.host }], 'echo via-ssh; whoami; echo to-stderr >&2', { data });
    assert.equal(result.success, true, JSON.stringify(result));
    assert.equal(result.stdout, `via-ssh\n${sshd.user}`);
    assert.equal(result.stderr, 'to-stderr');
  });

  it('round-trips a binary file through put and get', async () => {
    const source = path.join(sshd.dir, 'source.bin');
    fs.writeFileSync(source, crypto.randomBytes(1024 * 1024));
    const [put] = await bridge.put({ target: sshd.host }, source, path.join(sshd.dir, 'remote.bin'), { data });
    assert.equal(put.success, true, JSON.stringify(put));
    const [got] = await bridge.get({ target: sshd.host }, path.join(sshd.dir, 'remote.bin'), path.join(sshd.dir, 'back.bin'), { data });
    assert.equal(got.success, true, JSON.stringify(got));
    assert.ok(fs.readFileSync(path.join(sshd.dir, 'back.bin')).equals(fs.readFileSync(source)));
  });

  it('refuses a host whose key is not the one in known_hosts', async () => {
    const wrong = path.join(sshd.dir, 'wrong_known_hosts');
    const other = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), other]);
    fs.writeFileSync(wrong, `[127.0.0.1]:${sshd.port} ssh-ed25519 ${blob.toString('base64')}\n`);
    const [refused] = await bridge.run([{ target: sshd.host }], 'true', { data: { ...data, ssh_known_hosts_file: wrong } });
    assert.equal(refused.success, false);
    assert.match(refused.error ?? '', /host key/i);
  });

  it('a cancelled command leaves no process on the host', async () => {
    const { marker, command } = longCommand();
    const controller = new AbortController();
    const running = bridge.run([{ target: sshd.host }], command, { data, signal: controller.signal, onOutput: () => controller.abort() });
    await assert.rejects(running, (error: unknown) => error instanceof BridgeError && error.kind === 'cancelled');
    assert.deepEqual(await gone(marker), []);
  });

  it('a command past its timeout leaves no process on the host', async () => {
    const { marker, command } = longCommand();
    const [timedOut] = await bridge.run([{ target: sshd.host }], command, { data, timeoutSec: 1 });
    assert.equal(timedOut.success, false);
    assert.match(timedOut.error ?? '', /[Tt]ime/);
    assert.deepEqual(await gone(marker), []);
  });

  it('Ctrl-C of the CLI leaves no process on the host', async () => {
    const { marker, command } = longCommand();
    const dataFlags = Object.entries(data).flatMap(([key, value]) => ['--data', `${key}=${value}`]);
    const cli = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'exec', sshd.host, ...dataFlags, '--', command], {
      cwd: CONNECTOR_FIXTURES,
      env: { ...process.env, PYINFRA_KIT_PYTHON: VENV_PYTHON },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('started')) cli.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => cli.on('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 130);
    assert.deepEqual(await gone(marker), []);
  });
});
