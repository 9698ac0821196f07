// SSH options for a terminal from a host's unmasked data: what sshHostData.ts reads, plus the
// secrets (ssh_password, ssh_key_password), and file paths resolved as pyinfra resolves them
// (`~` expanded, relative to the folder it runs in).
import * as os from 'os';
import * as path from 'path';
import type { HostEntry } from '../bridge/protocol';
import type { SshOptions } from './ssh';
import { sshOptionsFromHostData } from './sshHostData';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function localPath(file: string, folder: string): string {
  const expanded = file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
  return path.resolve(folder, expanded);
}

export function sshTerminalOptions(host: HostEntry, folder: string): SshOptions {
  const options = sshOptionsFromHostData(host);
  return {
    ...options,
    privateKeyPath: options.privateKeyPath && localPath(options.privateKeyPath, folder),
    knownHostsFiles: options.knownHostsFiles?.map((file) => localPath(file, folder)),
    password: text(host.data.ssh_password),
    passphrase: text(host.data.ssh_key_password),
  };
}
