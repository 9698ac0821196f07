// A download cancelled half-way leaves nothing behind: not its partial file, not a file under the
// name asked for. The "remote" file is a FIFO fed a few bytes and then held open, so the copy is
// certainly under way, its partial file written, when the cancel comes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { LocalHost } from '../../../src/core/connectors/local';
import { tempDir } from '../../support/tempDir';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`gave up waiting for ${what}`);
}

describe('a cancelled native @local get', () => {
  const temp = tempDir('pck-partial-');
  after(() => temp.remove());

  it('stops the copy and removes its partial file', async () => {
    const fifo = path.join(temp.dir, 'remote.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const writer = spawn('/bin/sh', ['-c', `exec 3>'${fifo}'; printf first-bytes >&3; sleep 5`], { stdio: 'ignore' });
    try {
      const controller = new AbortController();
      const getting = new LocalHost().get(fifo, path.join(temp.dir, 'copy.bin'), { signal: controller.signal });
      const partials = () => fs.readdirSync(temp.dir).filter((f) => f.endsWith('.part'));
      await until(() => partials().length === 1 && fs.statSync(path.join(temp.dir, partials()[0])).size > 0, 'the partial file');
      controller.abort();
      const result = await getting;
      assert.deepEqual([result.success, result.error], [false, 'Cancelled']);
      assert.deepEqual(fs.readdirSync(temp.dir), ['remote.fifo']);
    } finally {
      writer.kill();
    }
  });
});
