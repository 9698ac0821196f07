// A download cancelled or killed half-way leaves nothing behind: not its partial file, not a file under
// the name asked for. The "remote" file is a FIFO held open, so the copy is certainly under way, its
// partial file written, when the cancel or the kill comes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { LocalHost } from '../../../src/core/connectors/local';
import { downloadDestination } from '../../../src/core/connectors/partialFile';
import { tempDir } from '../../support/tempDir';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** The pid of the process whose arguments are exactly these, if one runs. */
function processWith(argv: string[]): number | undefined {
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8') === `${argv.join('\0')}\0`) return Number(entry);
    } catch {
      // it ended while we looked
    }
  }
  return undefined;
}

describe('a native @local get that does not finish', () => {
  const temp = tempDir('pck-partial-');
  after(() => temp.remove());

  it('a copy killed from outside with its shell (nothing left to say why) fails as such and leaves no file', async () => {
    const fifo = path.join(temp.dir, 'silent.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const writer = spawn('/bin/sh', ['-c', `exec 3>'${fifo}'; sleep 5`], { stdio: 'ignore' });
    try {
      const getting = new LocalHost().get(fifo, path.join(temp.dir, 'copy.bin'));
      let cp: number | undefined;
      await until(() => {
        const partial = fs.readdirSync(temp.dir).find((f) => f.endsWith('.part'));
        cp = partial === undefined ? undefined : processWith(['cp', '--', fifo, path.join(temp.dir, partial)]);
        return cp !== undefined;
      }, 'the cp process');
      const stat = fs.readFileSync(`/proc/${cp}/stat`, 'utf8');
      const groupOf = (text: string) => Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[2]);
      const group = groupOf(stat);
      assert.notEqual(group, groupOf(fs.readFileSync('/proc/self/stat', 'utf8')), 'the copy runs in a process group of its own');
      process.kill(-group, 'SIGKILL'); // cp and the shells around it, so none reports the kill
      const result = await getting;
      assert.deepEqual([result.success, result.stderr, result.error], [false, '', 'cp exited with an error']);
      assert.deepEqual(fs.readdirSync(temp.dir), ['silent.fifo']);
    } finally {
      writer.kill();
      fs.rmSync(fifo);
    }
  });

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

describe('where a download lands', () => {
  const temp = tempDir('pck-destination-');
  after(() => temp.remove());

  it('a file path is the destination; an existing folder receives the remote file\'s name, trailing slashes aside', () => {
    assert.equal(downloadDestination(path.join(temp.dir, 'new.txt'), '/etc/hostname'), path.join(temp.dir, 'new.txt'));
    assert.equal(downloadDestination(temp.dir, '/var/log/app.log'), path.join(temp.dir, 'app.log'));
    assert.equal(downloadDestination(temp.dir, '/var/log//'), path.join(temp.dir, 'log'));
  });

  it('into a folder, a remote path that names no file is refused, saying why', () => {
    for (const remote of ['/', '.', '..', '/srv/..', '//']) {
      assert.throws(() => downloadDestination(temp.dir, remote), { message: `${temp.dir} is a folder and the remote path '${remote}' names no file to write into it` }, remote);
    }
  });
});
