import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { restartsFor, SETTINGS, SETTINGS_SECTION } from '../../../src/core/settings';
import { ROOT } from '../../support/paths';

describe('settings', () => {
  it('names every setting package.json contributes, and no other', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contributed = Object.keys(manifest.contributes.configuration.properties ?? {}).sort();
    assert.deepEqual(SETTINGS.map((s) => `${SETTINGS_SECTION}.${s}`).sort(), contributed);
  });

  it('restarts the bridge for the interpreter, asks for the server on the lint delay, nothing for the rest', () => {
    assert.deepEqual(restartsFor(['python']), { bridge: true, server: [] });
    assert.deepEqual(restartsFor(['lint.debounceMs', 'groupHosts']), { bridge: false, server: ['pyinfraConnectors.lint.debounceMs'] });
    assert.deepEqual(restartsFor(['inventory', 'inventoryTimeout', 'groupHosts']), { bridge: false, server: [] });
    assert.deepEqual(restartsFor(['callTimeout', 'maxHosts', 'maxAnswerMB']), { bridge: false, server: [] }, 'the bridge asks these at each call');
  });
});
