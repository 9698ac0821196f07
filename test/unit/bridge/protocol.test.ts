// src/core/bridge/protocol.ts and wire.ts held to python/pyinfra_kit_bridge/protocol.schema.json,
// the one statement of the bridge's messages that the Python TypedDicts are held to as well.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../../support/paths';

interface Definition {
  properties: Record<string, unknown>;
  required: string[];
}

const SCHEMA: Record<string, Definition> = JSON.parse(fs.readFileSync(path.join(ROOT, 'python', 'pyinfra_kit_bridge', 'protocol.schema.json'), 'utf8')).$defs;
const SOURCES = ['bridge/protocol.ts', 'bridge/wire.ts', 'conformance/results.ts'].map((file) => fs.readFileSync(path.join(ROOT, 'src', 'core', file), 'utf8')).join('\n');

/** The members of `export interface NAME [extends BASE] { ... }`, a base's included: name -> optional. Members are one per line. */
function members(name: string): Map<string, boolean> {
  const declaration = new RegExp(`export interface ${name}(?: extends (\\w+))? \\{\\n([\\s\\S]*?)\\n\\}`).exec(SOURCES);
  assert.ok(declaration, `interface ${name} in src/core`);
  const [, base, body] = declaration;
  const found = base ? members(base) : new Map<string, boolean>();
  for (const line of body.split('\n')) {
    const member = /^ {2}(\w+)(\?)?:/.exec(line);
    if (member) found.set(member[1], member[2] === '?');
  }
  return found;
}

describe('bridge protocol: TypeScript types against the one schema', () => {
  for (const [name, definition] of Object.entries(SCHEMA)) {
    it(`${name} has the schema's fields, optional where the schema does not require them`, () => {
      const expected = new Map(Object.keys(definition.properties).map((key) => [key, !definition.required.includes(key)]));
      assert.deepEqual(members(name), expected);
    });
  }
});

describe('bridge protocol: the methods and notifications the client uses are the schema\'s', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'python', 'pyinfra_kit_bridge', 'protocol.schema.json'), 'utf8'));
  const client = ['bridge.ts', 'bridgeProcess.ts'].map((file) => fs.readFileSync(path.join(ROOT, 'src', 'core', 'bridge', file), 'utf8')).join('\n');

  it('every method Bridge calls, and no other, is in the schema', () => {
    const called = new Set([...client.matchAll(/\.call<[^>]*>\(\s*'(\w+)'/g)].map((match) => match[1]));
    assert.deepEqual([...called].sort(), Object.keys(schema.methods).sort());
  });

  it('every notification the client reads or sends is in the schema', () => {
    const used = new Set([...client.matchAll(/method === '(\w+)'|method: '(\w+)'/g)].map((match) => match[1] ?? match[2]));
    assert.deepEqual([...used].filter((name) => !(name in schema.notifications)), []);
    assert.ok(used.size >= 5, `found ${[...used].join(', ')}`);
  });
});
