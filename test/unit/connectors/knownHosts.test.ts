import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { describeRefusal, keyTypeOf, knownHostsName, verifyHostKey } from '../../../src/core/connectors/knownHosts';
import { tempDir } from '../../support/tempDir';

function ed25519Blob(): Buffer {
  const raw = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), raw]);
}

function hashed(name: string): string {
  const salt = crypto.randomBytes(20);
  return `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('verifyHostKey', () => {
  const temp = tempDir('pck-known-');
  after(() => temp.remove());
  const key = ed25519Blob();
  const other = ed25519Blob();
  const write = (lines: string[]) => {
    const file = path.join(temp.dir, `known_${crypto.randomBytes(3).toString('hex')}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return [file];
  };
  const entry = (names: string, blob: Buffer, marker = '') => `${marker}${marker ? ' ' : ''}${names} ssh-ed25519 ${blob.toString('base64')} comment`;

  it('matches plain names, [host]:port names, hashed names and wildcards', () => {
    assert.equal(keyTypeOf(key), 'ssh-ed25519');
    assert.equal(knownHostsName('h', 22), 'h');
    assert.equal(knownHostsName('h', 2222), '[h]:2222');
    assert.equal(verifyHostKey('web', 22, key, write(['# comment', entry('db,web', key)])).kind, 'match');
    assert.equal(verifyHostKey('web', 2222, key, write([entry('[web]:2222', key)])).kind, 'match');
    assert.equal(verifyHostKey('web', 2222, key, write([entry('web', key)])).kind, 'unknown');
    assert.equal(verifyHostKey('127.0.0.1', 2200, key, write([entry(hashed('[127.0.0.1]:2200'), key)])).kind, 'match');
    assert.equal(verifyHostKey('a.example.com', 22, key, write([entry('*.example.com,!b.example.com', key)])).kind, 'match');
    assert.equal(verifyHostKey('b.example.com', 22, key, write([entry('*.example.com,!b.example.com', key)])).kind, 'unknown');
  });

  it('refuses a different key, a revoked key and an unlisted host, saying why', () => {
    const mismatch = verifyHostKey('web', 22, key, write([entry('web', other)]));
    assert.equal(mismatch.kind, 'mismatch');
    assert.match(describeRefusal('web', 22, mismatch, key), /host key of web \(SHA256:[\w+/]+\) does not match .*:1: it may have been replaced/);
    assert.equal(verifyHostKey('web', 22, key, write([entry('web', key), entry('web', key, '@revoked')])).kind, 'revoked');
    const unknown = verifyHostKey('web', 22, key, [path.join(temp.dir, 'missing-file')]);
    assert.deepEqual(unknown, { kind: 'unknown', knownTypes: [] });
    assert.match(describeRefusal('web', 22, unknown, key), /^web is not in known_hosts .*connect once with ssh to add it$/);
  });
});
