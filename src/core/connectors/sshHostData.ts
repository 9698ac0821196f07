// SSH options from a host's data as pyinfra's SSHConnector reads it (ssh_hostname, ssh_port,
// ssh_user, ssh_key, ssh_known_hosts_file): for hosts of any connector whose data carries them.
import type { HostEntry } from '../bridge/protocol';
import type { SshOptions } from './ssh';

const SSH_KEYS = ['ssh_hostname', 'ssh_port', 'ssh_user', 'ssh_key', 'ssh_known_hosts_file'];

export function hasSshData(host: HostEntry): boolean {
  return SSH_KEYS.some((key) => host.data[key] !== undefined);
}

/** pyinfra reaches a host over SSH when its connector does not execute, or its data says how. */
export function reachedOverSsh(handlesExecution: boolean | null, host: HostEntry): boolean {
  return handlesExecution === false || hasSshData(host);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function sshOptionsFromHostData(host: HostEntry): SshOptions {
  const data = host.data;
  const port = Number(data.ssh_port);
  return {
    name: host.name,
    host: text(data.ssh_hostname) ?? host.name,
    port: Number.isInteger(port) && port > 0 ? port : undefined,
    username: text(data.ssh_user),
    privateKeyPath: text(data.ssh_key),
    knownHostsFiles: text(data.ssh_known_hosts_file) ? [text(data.ssh_known_hosts_file)!] : undefined,
    agent: data.ssh_allow_agent === false ? false : undefined,
  };
}
