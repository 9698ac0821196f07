// Interrupting `pyinfra-kit get` of a 200 MB file at random points, over @local and pyinfra's @ssh:
// nothing is left behind, whichever way the CLI ends.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exited, settled, sleep, startCli } from '../../support/cliProcess';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';
import { tempDir } from '../../support/tempDir';

const SIZE_MB = 200;
// several points per signal, drawn from a seed printed with each test, so a failure replays with
// PCK_INTERRUPT_SEED=<seed>; PCK_INTERRUPT_POINTS sets how many (each costs a 200 MB transfer)
const SEED = Number(process.env.PCK_INTERRUPT_SEED ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
const POINTS_PER_SIGNAL = Number(process.env.PCK_INTERRUPT_POINTS ?? 3);
// past the transfer's measured end too: a signal landing after the rename must find a whole file
const PAST_THE_END = 1.1;

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// one sequence for the whole file, so @local and @ssh are interrupted at different points
const random = seededRandom(SEED);

/** How long a whole `get` takes from the partial file's appearance to the rename that completes it. */
async function measureTransfer(target: string, remoteFile: string, extra: string[]): Promise<number> {
  const dest = tempDir('pck-get-whole-');
  const tmp = tempDir('pck-get-tmp-');
  try {
    const cli = startCli(['get', target, remoteFile, path.join(dest.dir, 'copy.bin'), ...extra], tmp.dir);
    const ended = exited(cli);
    while (fs.readdirSync(dest.dir).length === 0 && cli.exitCode === null) await sleep(5);
    const begun = Date.now();
    while (!fs.existsSync(path.join(dest.dir, 'copy.bin')) && cli.exitCode === null) await sleep(5);
    const transferMs = Date.now() - begun;
    assert.equal((await ended).code, 0, 'the uninterrupted get succeeds');
    assert.equal(fs.statSync(path.join(dest.dir, 'copy.bin')).size, SIZE_MB * 1024 * 1024);
    return transferMs;
  } finally {
    dest.remove();
    tmp.remove();
  }
}

/** Interrupts `get` of a 200 MB file at random points of the transfer, each way the CLI can end. */
function interruptGets(target: () => string, extra: () => string[], remoteFile: () => string): void {
  let transferMs = 0;
  before(async () => {
    transferMs = await measureTransfer(target(), remoteFile(), extra());
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    for (let point = 1; point <= POINTS_PER_SIGNAL; point++) {
      const fraction = random() * PAST_THE_END;
      it(`${signal} at random point ${point}/${POINTS_PER_SIGNAL} of a get leaves no partial file and no temporary copy`, async (t) => {
        const at = `${(fraction * 100).toFixed(1)}% of a ${transferMs} ms transfer (PCK_INTERRUPT_SEED=${SEED})`;
        t.diagnostic(`interrupted at ${at}`);
        const dest = tempDir('pck-get-dest-');
        const tmp = tempDir('pck-get-tmp-');
        try {
          const cli = startCli(['get', target(), remoteFile(), path.join(dest.dir, 'copy.bin'), ...extra()], tmp.dir);
          const ended = exited(cli);
          // the transfer has begun once the partial file exists
          while (fs.readdirSync(dest.dir).length === 0 && cli.exitCode === null) await sleep(5);
          await sleep(fraction * transferMs);
          cli.kill(signal);
          const { code, signal: killedBy } = await ended;
          const endedBy = killedBy ?? code;
          const byTheSignal = { SIGINT: 130, SIGTERM: 143, SIGKILL: 'SIGKILL' }[signal];
          if (fs.existsSync(path.join(dest.dir, 'copy.bin'))) {
            // the transfer ended before the signal landed (the rename is its last step, the exit comes after):
            // the file there is whole, whichever way the CLI then ended
            assert.equal(fs.statSync(path.join(dest.dir, 'copy.bin')).size, SIZE_MB * 1024 * 1024, `a downloaded file is whole, at ${at}`);
            assert.ok([0, byTheSignal].includes(endedBy ?? -1), `ended by ${endedBy} at ${at}`);
          } else assert.equal(endedBy, byTheSignal, `ended by ${endedBy} at ${at}`);
          const leftovers = () => [...fs.readdirSync(dest.dir).filter((name) => name !== 'copy.bin'), ...fs.readdirSync(tmp.dir)];
          assert.deepEqual(await settled(leftovers), [], `leftovers at ${at}`);
        } finally {
          dest.remove();
          tmp.remove();
        }
      });
    }
  }
}

describe('pyinfra-kit get, interrupted', () => {
  const source = tempDir('pck-get-source-');
  const big = path.join(source.dir, 'big.bin');
  before(() => {
    const megabyte = Buffer.alloc(1024 * 1024, 7);
    const handle = fs.openSync(big, 'w');
    for (let i = 0; i < SIZE_MB; i++) fs.writeSync(handle, megabyte);
    fs.closeSync(handle);
  });
  after(() => source.remove());

  describe('over @local', () => interruptGets(() => '@local', () => [], () => big));

  describe('over pyinfra @ssh', { skip: sshdUnavailable() }, () => {
    let sshd: TestSshd;
    before(async () => {
      sshd = await startSshd();
    });
    after(async () => sshd.stop());
    const data = () =>
      Object.entries({ ssh_port: String(sshd.port), ssh_user: sshd.user, ssh_key: sshd.userKeyPath, ssh_known_hosts_file: sshd.knownHostsPath, ssh_allow_agent: 'false', ssh_look_for_keys: 'false' }).flatMap(
        ([key, value]) => ['--data', `${key}=${value}`],
      );
    interruptGets(() => sshd.host, data, () => big);
  });
});
