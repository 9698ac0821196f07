// What the CLI's text mode prints about hosts: every value from a connector made printable, why a
// host failed (its error, its exit code, a refused host key and the flag that accepts it), and
// the secrets of `--data` scrubbed from everything the command writes.
import type { HostRunResult } from '../core/bridge/protocol';
import { printable } from '../core/execution/printable';
import { SecretScrubber } from '../core/secrets/masking';
import type { CliIo } from './io';

export const ACCEPT_NEW_HOST_KEY = '--accept-new-host-key';

/** `[host] ` with the host name made printable. */
export function hostPrefix(host: string): string {
  return `[${printable(host)}] `;
}

/** The stderr lines of a host that did not succeed; none for one that did. */
export function failureLines(result: HostRunResult, what = 'failed'): string {
  if (result.success) return '';
  const prefix = hostPrefix(result.host);
  if (!result.error) return `${prefix}${result.exitCode === undefined ? what : `${what}: exit ${result.exitCode}`}\n`;
  const key = result.hostKey
    ? `${prefix}check that ${printable(result.hostKey.keyType)} ${printable(result.hostKey.fingerprint)} is the key of ${printable(result.hostKey.host)}, then run again with ${ACCEPT_NEW_HOST_KEY} to accept it and add it to known_hosts\n`
    : '';
  return `${prefix}error: ${printable(result.error)}\n${key}`;
}

/** A result as `--json` prints it: the traceback of a connector that raised too, which text mode shows only with --verbose. */
export function jsonResult({ host, success, stdout, stderr, durationMs, error, traceback, exitCode, hostKey }: HostRunResult): object {
  return {
    host,
    success,
    stdout,
    stderr,
    durationMs,
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(error ? { error } : {}),
    ...(traceback ? { traceback } : {}),
    ...(hostKey ? { hostKey } : {}),
  };
}

/** The io with every secret value of `data` replaced by the mask before it is written. */
export function scrubbedIo(io: CliIo, data: Record<string, unknown>): CliIo {
  const scrubber = new SecretScrubber().remember(data);
  return { ...io, stdout: (text) => io.stdout(scrubber.scrub(text)), stderr: (text) => io.stderr(scrubber.scrub(text)) };
}
