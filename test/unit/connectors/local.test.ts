import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Bridge } from '../../../src/core/bridge/bridge';
import type { OutputEvent } from '../../../src/core/bridge/protocol';
import { LocalHost } from '../../../src/core/connectors/local';
import { makeUnixCommand, shellQuote } from '../../../src/core/connectors/unixCommand';
import { CONNECTOR_FIXTURES, VENV_PYTHON } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

describe('makeUnixCommand', () => {
  it('builds what pyinfra builds: export, cd, sudo, sh -c with shlex quoting', () => {
    assert.equal(shellQuote("it's"), `'it'"'"'s'`);
    assert.equal(shellQuote('/safe/path-1.txt'), '/safe/path-1.txt');
    assert.equal(makeUnixCommand(' echo hi '), "sh -c 'echo hi'");
    assert.equal(
      makeUnixCommand('id -u', { env: { A: 'x y' }, chdir: '/tmp', sudo: true, sudoUser: 'nobody' }),
      `sudo -H -n -u nobody sh -c 'cd /tmp && export '"'"'A=x y'"'"' && id -u'`,
    );
  });
});

describe('LocalHost (native @local)', () => {
  const local = new LocalHost();
  const temp = tempDir('pck-local-');
  after(() => temp.remove());

  it('runs a command, streams lines, keeps stderr apart, honours env and chdir', async () => {
    const events: OutputEvent[] = [];
    const result = await local.run('echo "$GREETING"; pwd; echo oops >&2', { env: { GREETING: "it's me" }, chdir: temp.dir, onOutput: (e) => events.push(e) });
    assert.equal(result.success, true);
    assert.equal(result.stdout, `it's me\n${temp.dir}`);
    assert.equal(result.stderr, 'oops');
    assert.deepEqual(events.filter((e) => e.stream === 'stderr'), [{ host: '@local', stream: 'stderr', line: 'oops' }]);
  });

  it('gives the same result as pyinfra @local through the bridge', async () => {
    const bridge = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES });
    try {
      const command = 'printf "a\\nb"; echo c >&2; exit 4';
      const [reference] = await bridge.run([{ target: '@local' }], command, { env: { X: '1' }, chdir: temp.dir });
      const native = await local.run(command, { env: { X: '1' }, chdir: temp.dir });
      assert.deepEqual([native.success, native.stdout, native.stderr], [reference.success, reference.stdout, reference.stderr]);
    } finally {
      bridge.dispose();
    }
  });

  it('stops a command at its timeout and on cancellation, with what it printed so far', async () => {
    const timedOut = await local.run('echo before; sleep 20', { timeoutSec: 1 });
    assert.deepEqual([timedOut.success, timedOut.stdout, timedOut.error], [false, 'before', 'Timed out after 1 s']);
    const controller = new AbortController();
    const cancelled = await local.run('echo go; sleep 20', { signal: controller.signal, onOutput: () => controller.abort() });
    assert.deepEqual([cancelled.success, cancelled.error], [false, 'Cancelled']);
  });

  it('round-trips a 5 MB binary file; a failed get leaves no file', async () => {
    const source = path.join(temp.dir, 'source.bin');
    fs.writeFileSync(source, crypto.randomBytes(5 * 1024 * 1024));
    assert.equal((await local.put(source, path.join(temp.dir, 'remote.bin'))).success, true);
    assert.equal((await local.get(path.join(temp.dir, 'remote.bin'), path.join(temp.dir, 'back.bin'))).success, true);
    assert.ok(fs.readFileSync(path.join(temp.dir, 'back.bin')).equals(fs.readFileSync(source)));
    const failed = await local.get(path.join(temp.dir, 'missing'), path.join(temp.dir, 'copy.bin'));
    assert.equal(failed.success, false);
    assert.match(failed.error ?? '', /cannot stat/);
    assert.deepEqual(fs.readdirSync(temp.dir).sort(), ['back.bin', 'remote.bin', 'source.bin']);
  });
});
