// SSH natively with ssh2, for "Open SSH terminal": host keys verified against known_hosts,
// authentication by agent, key file or password, an interactive shell on a pty. Needs no Python.
// Commands and transfers go through pyinfra (the bridge), never through here.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import type { AcceptedHostKey, HostKeyQuestion } from './hostKeyConsent';
import { defaultKnownHostsFiles, describeRefusal, fingerprintOf, keyTypeOf, knownHostsName, rememberHostKey, verifyHostKey } from './knownHosts';

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

/** A connection to an SSH host, verified and authenticated. */
export class SshHost {
  constructor(
    readonly name: string,
    private readonly client: Client,
  ) {}

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
