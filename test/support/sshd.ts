// A real OpenSSH sshd on 127.0.0.1 for tests: throw-away host and user keys in a temp folder, a
// random high port, `sshd -D -f cfg -e`, killed by stop(). Logs in as the user running the test.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  user: string;
  dir: string;
  userKeyPath: string;
  /** A known_hosts file holding the server's host key for [127.0.0.1]:port. */
  knownHostsPath: string;
  hostPublicKey: string;
  /** The host key's SHA256 fingerprint, as `ssh-keygen -l` prints it. */
  hostKeyFingerprint: string;
  stop: () => Promise<void>;
}

/** Why sshd cannot run here, or undefined when it can (for `skip:`). */
export function sshdUnavailable(): string | undefined {
  if (!fs.existsSync(SSHD)) return `${SSHD} is not installed (Debian: openssh-server)`;
  if (spawnSync('ssh-keygen', ['-?']).error) return 'ssh-keygen is not on PATH';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function keygen(file: string): void {
  const result = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'pyinfra-kit-test', '-f', file]);
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${result.stderr}`);
}

function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited with ${child.exitCode}: ${log()}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (banner) => {
        socket.destroy();
        // what answers may be another program that took the port before this sshd could
        if (banner.toString('latin1').startsWith('SSH-') && child.exitCode === null) resolve();
        else reject(new Error(`something other than this sshd answers on ${port}: ${log()}`));
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port}: ${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startSshd(): Promise<TestSshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-sshd-'));
  const hostKey = path.join(dir, 'host_key');
  const userKeyPath = path.join(dir, 'user_key');
  keygen(hostKey);
  keygen(userKeyPath);
  fs.copyFileSync(`${userKeyPath}.pub`, path.join(dir, 'authorized_keys'));
  fs.chmodSync(path.join(dir, 'authorized_keys'), 0o600);
  // sshd insists on its privilege separation folder when started as root
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const user = os.userInfo().username;
  const config = path.join(dir, 'sshd_config');
  // freePort() lets its port go before sshd takes it: should another program take it meanwhile (a busy
  // machine), sshd cannot listen there, and it starts again on another port
  let started: { port: number; child: ChildProcess } | undefined;
  for (let attempt = 1; !started; attempt++) {
    const port = await freePort();
    fs.writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin prohibit-password',
        `AllowUsers ${user}`,
        'Subsystem sftp internal-sftp',
        'LogLevel ERROR',
      ].join('\n') + '\n',
    );
    let stderr = '';
    const child = spawn(SSHD, ['-D', '-f', config, '-e'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    try {
      await waitForPort(port, child, () => stderr);
      started = { port, child };
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt === 5) throw error;
    }
  }
  const { port, child } = started;
  const hostPublicKey = fs.readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const knownHostsPath = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${hostPublicKey}\n`);
  return {
    host: '127.0.0.1',
    port,
    user,
    dir,
    userKeyPath,
    knownHostsPath,
    hostPublicKey,
    hostKeyFingerprint: spawnSync('ssh-keygen', ['-l', '-f', `${hostKey}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1],
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
