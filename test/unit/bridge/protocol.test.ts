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
const SOURCES = ['protocol.ts', 'wire.ts'].map((file) => fs.readFileSync(path.join(ROOT, 'src', 'core', 'bridge', file), 'utf8')).join('\n');

/** The members of `export interface NAME { ... }`: name -> optional. Members are one per line. */
function members(name: string): Map<string, boolean> {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(SOURCES)?.[1];
  assert.ok(body, `interface ${name} in src/core/bridge`);
  const found = new Map<string, boolean>();
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
