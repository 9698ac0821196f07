import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { LocalHost } from '../../../src/core/connectors/local';
import { OutputLines } from '../../../src/core/connectors/outputLines';
import { tempDir } from '../../support/tempDir';

describe('native @local transfers and output', () => {
  const local = new LocalHost();
  const temp = tempDir('pck-native-');
  after(() => temp.remove());

  it('a get that fails after it began writing leaves no .part file', async () => {
    const folder = fs.mkdtempSync(path.join(temp.dir, 'part-'));
    const fifo = path.join(temp.dir, 'slow.fifo');
    spawnSync('mkfifo', [fifo]);
    // a writer that sends some bytes and then holds the pipe open: cp has created the .part file and waits
    const writer = spawn('/bin/sh', ['-c', `printf 'some bytes'; sleep 30`], { stdio: ['ignore', fs.openSync(fifo, 'r+'), 'ignore'] });
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if (fs.readdirSync(folder).some((name) => name.endsWith('.part'))) controller.abort();
    }, 20);
    try {
      const got = await local.get(fifo, path.join(folder, 'copy.bin'), { signal: controller.signal });
      assert.deepEqual([got.success, got.error], [false, 'Cancelled']);
      assert.deepEqual(fs.readdirSync(folder), []);
    } finally {
      clearInterval(watcher);
      writer.kill('SIGKILL');
    }
  });

  it('get into an existing folder writes the file there; a leading "-" is a file name', async () => {
    const folder = fs.mkdtempSync(path.join(temp.dir, 'into-'));
    fs.writeFileSync(path.join(folder, '-dash.txt'), 'dash');
    const into = path.join(folder, 'into');
    fs.mkdirSync(into);
    const previous = process.cwd();
    process.chdir(folder);
    try {
      const got = await local.get('-dash.txt', into);
      assert.equal(got.success, true, got.error);
    } finally {
      process.chdir(previous);
    }
    assert.equal(fs.readFileSync(path.join(into, '-dash.txt'), 'utf8'), 'dash');
    const refused = await local.get('/', into);
    assert.equal(refused.error, `${into} is a folder and the remote path '/' names no file to write into it`);
  });

  it('a character split across two chunks arrives whole; bytes that are not UTF-8 show as U+FFFD', () => {
    const lines = new OutputLines('h');
    const check = Buffer.from('✓\n', 'utf8');
    lines.push('stdout', check.subarray(0, 1));
    lines.push('stdout', check.subarray(1));
    lines.push('stdout', Buffer.from([0xff, 0x61, 0x0a, 0xe2]));
    assert.deepEqual(lines.finish(), { stdout: '✓\n\ufffda\n\ufffd', stderr: '' });
  });
});
