// Host key verification against OpenSSH known_hosts files: plain and hashed (|1|salt|hash) names,
// [host]:port for other ports, wildcards and negations, @revoked. A host that is not listed is
// refused, never trusted silently.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type HostKeyVerdict =
  | { kind: 'match'; file: string; line: number }
  | { kind: 'mismatch'; file: string; line: number }
  | { kind: 'revoked'; file: string; line: number }
  | { kind: 'unknown'; knownTypes: string[] };

interface Entry {
  file: string;
  line: number;
  marker?: string;
  patterns: string;
  keyType: string;
  key: Buffer;
}

export function defaultKnownHostsFiles(): string[] {
  return [path.join(os.homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

/** The name known_hosts stores for a host: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function parse(file: string, text: string): Entry[] {
  const entries: Entry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) return;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    if (fields.length < 3) return;
    entries.push({ file, line: index + 1, marker, patterns: fields[0], keyType: fields[1], key: Buffer.from(fields[2], 'base64') });
  });
  return entries;
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

function matchesOne(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    const computed = crypto.createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return computed === hash;
  }
  return wildcard(pattern).test(name);
}

function matches(patterns: string, name: string): boolean {
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (matchesOne(pattern.slice(1), name)) return false;
    } else if (matchesOne(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** The key type inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

export function verifyHostKey(host: string, port: number, key: Buffer, files: readonly string[] = defaultKnownHostsFiles()): HostKeyVerdict {
  const name = knownHostsName(host, port);
  const type = keyTypeOf(key);
  const entries = files.flatMap((file) => (fs.existsSync(file) ? parse(file, fs.readFileSync(file, 'utf8')) : [])).filter((entry) => entry.marker !== '@cert-authority' && matches(entry.patterns, name));
  const revoked = entries.find((entry) => entry.marker === '@revoked' && entry.key.equals(key));
  if (revoked) return { kind: 'revoked', file: revoked.file, line: revoked.line };
  const listed = entries.filter((entry) => entry.marker === undefined);
  const same = listed.find((entry) => entry.key.equals(key));
  if (same) return { kind: 'match', file: same.file, line: same.line };
  const differs = listed.find((entry) => entry.keyType === type);
  if (differs) return { kind: 'mismatch', file: differs.file, line: differs.line };
  return { kind: 'unknown', knownTypes: [...new Set(listed.map((entry) => entry.keyType))] };
}

/** As OpenSSH prints it: SHA256 of the key blob, base64 without padding. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Adds the key to a known_hosts file, as ssh does on "yes" (the file and its folder made if missing). */
export function rememberHostKey(file: string, host: string, port: number, key: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, `${separator}${knownHostsName(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
}

/** What a person is told when a host key is refused. */
export function describeRefusal(host: string, port: number, verdict: HostKeyVerdict, key: Buffer): string {
  const fingerprint = fingerprintOf(key);
  const name = knownHostsName(host, port);
  switch (verdict.kind) {
    case 'mismatch':
      return `The ${keyTypeOf(key)} host key of ${name} (${fingerprint}) does not match ${verdict.file}:${verdict.line}: it may have been replaced, or someone may be intercepting the connection`;
    case 'revoked':
      return `The host key of ${name} (${fingerprint}) is marked @revoked in ${verdict.file}:${verdict.line}`;
    case 'unknown':
      return `${name} is not in known_hosts (its ${keyTypeOf(key)} key is ${fingerprint}${verdict.knownTypes.length ? `; known_hosts lists only ${verdict.knownTypes.join(', ')} keys for it` : ''}): connect once with ssh to add it`;
    default:
      return `The host key of ${name} was accepted`;
  }
}
