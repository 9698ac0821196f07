// known_hosts edges that mutation testing found untested: a hashed entry of another host, lines that
// are no entries, @cert-authority lines, wildcard metacharacters, other key types, and what a
// refusal says (its fingerprint as ssh-keygen prints it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultKnownHostsFiles, describeRefusal, keyTypeOf, verifyHostKey } from '../../../src/core/connectors/knownHosts';
import { tempDir } from '../../support/tempDir';

function ed25519Blob(): Buffer {
  const raw = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), raw]);
}

function hashed(name: string): string {
  const salt = crypto.randomBytes(20);
  return `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('verifyHostKey at the edges', () => {
  const temp = tempDir('pck-known-edges-');
  after(() => temp.remove());
  const key = ed25519Blob();
  const other = ed25519Blob();
  const write = (text: string) => {
    const file = path.join(temp.dir, `known_${crypto.randomBytes(3).toString('hex')}`);
    fs.writeFileSync(file, text);
    return [file];
  };
  const entry = (names: string, blob: Buffer, type = 'ssh-ed25519') => `${names} ${type} ${blob.toString('base64')}`;

  it('a hashed entry of another host is no entry for this one', () => {
    assert.deepEqual(verifyHostKey('web', 22, key, write(`${entry(hashed('db'), key)}\n`)), { kind: 'unknown', knownTypes: [] });
  });

  it('skips blank lines, comments (indented too) and lines without a key, counting lines as they are', () => {
    const text = ['', '   ', '  # web ssh-ed25519 AAAA', '#web ssh-ed25519 AAAA', 'web ssh-ed25519', '@revoked web', `\t ${entry('web', key)}  trailing comment`].join('\n');
    const [file] = write(text);
    assert.deepEqual(verifyHostKey('web', 22, key, [file]), { kind: 'match', file, line: 7 });
    assert.deepEqual(verifyHostKey('web', 22, key, write(`#${entry('web', key)}\n`)), { kind: 'unknown', knownTypes: [] });
  });

  it('a @cert-authority line is not a host key, nor is a @revoked line of another key', () => {
    assert.deepEqual(verifyHostKey('web', 22, key, write(`@cert-authority ${entry('web', key)}\n`)), { kind: 'unknown', knownTypes: [] });
    assert.deepEqual(verifyHostKey('web', 22, key, write(`@revoked ${entry('web', other)}\n`)), { kind: 'unknown', knownTypes: [] });
  });

  it('fields may be separated by several spaces or tabs', () => {
    const [file] = write(`web  ssh-ed25519\t\t${key.toString('base64')}   comment\n`);
    assert.deepEqual(verifyHostKey('web', 22, key, [file]), { kind: 'match', file, line: 1 });
  });

  it('reads * and ? as wildcards and every other character as itself', () => {
    const listed = (names: string, host: string) => verifyHostKey(host, 22, key, write(`${entry(names, key)}\n`)).kind;
    assert.equal(listed('10.0.0.?', '10.0.0.7'), 'match');
    assert.equal(listed('10.0.0.?', '10.0.0.17'), 'unknown');
    assert.equal(listed('*.example.com', 'example.com'), 'unknown');
    assert.equal(listed('a+b.example.com', 'aab.example.com'), 'unknown');
    assert.equal(listed('a.b', 'axb'), 'unknown');
    assert.equal(listed('WEB', 'web'), 'match');
  });

  it('a key of another type is unknown, listing the types it has; one of the same type is a mismatch', () => {
    const [file] = write(`${entry('web', other, 'ssh-rsa')}\n${entry('web', other, 'ecdsa-sha2-nistp256')}\n${entry('web', other, 'ssh-rsa')}\n`);
    assert.deepEqual(verifyHostKey('web', 22, key, [file]), { kind: 'unknown', knownTypes: ['ssh-rsa', 'ecdsa-sha2-nistp256'] });
    const [both] = write(`${entry('web', other, 'ssh-rsa')}\n${entry('web', other)}\n`);
    assert.deepEqual(verifyHostKey('web', 22, key, [both]), { kind: 'mismatch', file: both, line: 2 });
  });

  it('reads the type from the key blob; a blob too short has none', () => {
    assert.equal(keyTypeOf(Buffer.from([0, 0, 0])), '');
    assert.equal(keyTypeOf(Buffer.from([0, 0, 0, 0])), '');
    assert.equal(keyTypeOf(Buffer.from([0, 0, 0, 3, 0x61, 0x62, 0x63, 0x64])), 'abc');
  });

  it("looks in the user's and the system's known_hosts by default", () => {
    assert.deepEqual(defaultKnownHostsFiles(), [path.join(os.homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts']);
  });
});

describe('describeRefusal', () => {
  const key = ed25519Blob();
  const temp = tempDir('pck-refusal-');
  after(() => temp.remove());

  it("gives the fingerprint ssh-keygen gives, and says what known_hosts holds", () => {
    const pub = path.join(temp.dir, 'key.pub');
    fs.writeFileSync(pub, `ssh-ed25519 ${key.toString('base64')} test\n`);
    const listing = spawnSync('ssh-keygen', ['-l', '-f', pub], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const fingerprint = listing.stdout.split(' ')[1];
    assert.match(fingerprint, /^SHA256:[\w+/]{43}$/);
    assert.equal(describeRefusal('web', 2222, { kind: 'revoked', file: '/kh', line: 3 }, key), `The host key of [web]:2222 (${fingerprint}) is marked @revoked in /kh:3`);
    assert.equal(
      describeRefusal('web', 22, { kind: 'unknown', knownTypes: ['ssh-rsa', 'ecdsa-sha2-nistp256'] }, key),
      `web is not in known_hosts (its ssh-ed25519 key is ${fingerprint}; known_hosts lists only ssh-rsa, ecdsa-sha2-nistp256 keys for it): connect once with ssh to add it`,
    );
    assert.equal(describeRefusal('web', 22, { kind: 'unknown', knownTypes: [] }, key), `web is not in known_hosts (its ssh-ed25519 key is ${fingerprint}): connect once with ssh to add it`);
    assert.equal(describeRefusal('web', 22, { kind: 'match', file: '/kh', line: 1 }, key), 'The host key of web was accepted');
    assert.equal(
      describeRefusal('web', 22, { kind: 'mismatch', file: '/kh', line: 1 }, key),
      `The ssh-ed25519 host key of web (${fingerprint}) does not match /kh:1: it may have been replaced, or someone may be intercepting the connection`,
    );
  });
});
