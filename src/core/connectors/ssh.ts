// @ssh natively with ssh2: host keys verified against known_hosts, authentication by agent, key
// file or password, commands through exec channels, files through SFTP. Needs no Python; the
// extension's "Open SSH terminal" and the side-by-side reference for custom connectors use it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client, ClientChannel, ConnectConfig, SFTPWrapper } from 'ssh2';
import type { HostRunResult } from '../bridge/protocol';
import type { AcceptedHostKey, HostKeyQuestion } from './hostKeyConsent';
import type { ExecOptions, HostConnection, TransferOptions } from './hostConnection';
import { defaultKnownHostsFiles, describeRefusal, fingerprintOf, keyTypeOf, knownHostsName, rememberHostKey, verifyHostKey } from './knownHosts';
import { commandRecorder } from './outputLines';
import { download } from './partialFile';
import { makeUnixCommand } from './unixCommand';

export interface SshOptions {
  host: string;
  port?: number;
  username?: string;
  /** A private key file; default: the first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exists. */
  privateKeyPath?: string;
  passphrase?: string;
  password?: string;
  /** The agent's socket; default SSH_AUTH_SOCK; false for none. */
  agent?: string | false;
  knownHostsFiles?: string[];
  readyTimeoutMs?: number;
  /** The host's name in results; default the host. */
  name?: string;
  /** A key known_hosts does not list that the person accepted (hostKeyConsent.ts); any other unknown key is refused. */
  acceptHostKey?: AcceptedHostKey;
}

/** A connection refused because known_hosts does not list the host's key: what to ask the person about. */
export class UnknownHostKeyError extends Error {
  constructor(
    message: string,
    readonly hostKey: HostKeyQuestion,
  ) {
    super(message);
  }
}

function defaultKey(): string | undefined {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((file) => path.join(os.homedir(), '.ssh', file)).find((file) => fs.existsSync(file));
}

export async function connectSsh(options: SshOptions): Promise<SshHost> {
  const { Client: SshClient } = await import('ssh2'); // loaded on first use: it is big
  const client = new SshClient();
  const port = options.port ?? 22;
  let refusal: Error | undefined;
  const knownHostsFiles = options.knownHostsFiles ?? defaultKnownHostsFiles();
  const keyPath = options.privateKeyPath ?? defaultKey();
  const agent = options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK);
  const config: ConnectConfig = {
    host: options.host,
    port,
    username: options.username ?? os.userInfo().username,
    privateKey: keyPath ? fs.readFileSync(keyPath) : undefined,
    passphrase: options.passphrase,
    password: options.password,
    agent,
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    hostVerifier: (key: Buffer) => {
      const verdict = verifyHostKey(options.host, port, key, knownHostsFiles);
      if (verdict.kind === 'match') return true;
      const fingerprint = fingerprintOf(key);
      if (verdict.kind === 'unknown' && options.acceptHostKey?.fingerprint === fingerprint) {
        if (options.acceptHostKey.remember) rememberHostKey(knownHostsFiles[0], options.host, port, key);
        return true;
      }
      const message = describeRefusal(options.host, port, verdict, key);
      refusal = verdict.kind === 'unknown' ? new UnknownHostKeyError(message, { host: knownHostsName(options.host, port), keyType: keyTypeOf(key), fingerprint }) : new Error(message);
      return false;
    },
  };
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', (error) => reject(refusal ?? new Error(`Cannot connect to ${options.host}:${port}: ${error.message}`)));
    client.connect(config);
  });
  return new SshHost(options.name ?? options.host, client);
}

const PID_MARKER = 'pyinfra-kit-pid:';

/** Takes the marker line off the front of stderr; everything after it is the command's. */
class PidLine {
  pid: number | undefined;
  private pending: Buffer | undefined = Buffer.alloc(0);

  take(chunk: Buffer): Buffer {
    if (!this.pending) return chunk;
    const joined = Buffer.concat([this.pending, chunk]);
    const newline = joined.indexOf(10);
    if (newline < 0) {
      this.pending = joined;
      return Buffer.alloc(0);
    }
    this.pending = undefined;
    const line = joined.subarray(0, newline).toString();
    if (!line.startsWith(PID_MARKER)) return joined;
    this.pid = Number(line.slice(PID_MARKER.length)) || undefined;
    return joined.subarray(newline + 1);
  }
}

export class SshHost implements HostConnection {
  private sftpSession: Promise<SFTPWrapper> | undefined;

  constructor(
    readonly name: string,
    private readonly client: Client,
  ) {}

  run(command: string, options: ExecOptions = {}): Promise<HostRunResult> {
    const { output, result } = commandRecorder(this.name, options.onOutput);
    // sshd ignores signal requests, so the session's shell first says its pid (which leads the
    // session's process group); stopping the command kills that group through a second channel
    const reported = new PidLine();
    return new Promise((resolve) => {
      this.client.exec(`echo ${PID_MARKER}$$ >&2; exec ${makeUnixCommand(command, options)}`, (error: Error | undefined, channel: ClientChannel) => {
        if (error) return resolve(result(false, error.message));
        const stop = (why: string) => {
          if (reported.pid) this.client.exec(`kill -KILL -- -${reported.pid}`, (_error: Error | undefined, killer: ClientChannel) => killer?.resume());
          channel.close();
          options.signal?.removeEventListener('abort', onAbort);
          resolve(result(false, why));
        };
        const timer = options.timeoutSec ? setTimeout(() => stop(`Timed out after ${options.timeoutSec} s`), options.timeoutSec * 1000) : undefined;
        const onAbort = () => stop('Cancelled');
        options.signal?.addEventListener('abort', onAbort, { once: true });
        channel.on('data', (chunk: Buffer) => output.push('stdout', chunk));
        channel.stderr.on('data', (chunk: Buffer) => {
          const rest = reported.take(chunk);
          if (rest.length > 0) output.push('stderr', rest);
        });
        channel.on('close', (code: number | undefined) => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          resolve(result(code === 0));
        });
      });
    });
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpSession ??= new Promise((resolve, reject) => this.client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
    return this.sftpSession;
  }

  private async transfer(work: (sftp: SFTPWrapper, done: (error?: Error | null) => void) => void, signal?: AbortSignal): Promise<HostRunResult> {
    const started = performance.now();
    const done = (error?: string): HostRunResult => ({ host: this.name, success: !error, stdout: '', stderr: '', durationMs: Math.round((performance.now() - started) * 10) / 10, ...(error ? { error } : {}) });
    try {
      const sftp = await this.sftp();
      return await new Promise<HostRunResult>((resolve) => {
        const onAbort = () => resolve(done('Cancelled'));
        signal?.addEventListener('abort', onAbort, { once: true });
        work(sftp, (error) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(done(error ? error.message : undefined));
        });
      });
    } catch (error) {
      return done(error instanceof Error ? error.message : String(error));
    }
  }

  put(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<HostRunResult> {
    return this.transfer((sftp, done) => sftp.fastPut(localPath, remotePath, done), options.signal);
  }

  get(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<HostRunResult> {
    return download(this.name, remotePath, localPath, (partial) => this.transfer((sftp, done) => sftp.fastGet(remotePath, partial, done), options.signal));
  }

  /** An interactive login shell on a pty, for a terminal ("Open SSH terminal"). */
  shell(size: { rows: number; cols: number }): Promise<ClientChannel> {
    return new Promise((resolve, reject) =>
      this.client.shell({ term: 'xterm-256color', rows: size.rows, cols: size.cols }, (error: Error | undefined, channel: ClientChannel) => (error ? reject(error) : resolve(channel))),
    );
  }

  close(): void {
    this.client.end();
  }
}
