// Interrupting `pyinfra-kit get` of a 200 MB file at random points of the transfer, each way the CLI
// can end (SIGINT, SIGTERM, SIGKILL): nothing is left behind. The points come from a seed printed with
// each test, so a failure replays with PCK_INTERRUPT_SEED=<seed>; PCK_INTERRUPT_POINTS sets how many
// per signal (each costs a 200 MB transfer, so the @local and @ssh files stay within the runner's time).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, it } from 'node:test';
import { exited, settled, sleep, startCli } from './cliProcess';
import { tempDir } from './tempDir';

const SIZE_MB = 200;
const SEED = Number(process.env.PCK_INTERRUPT_SEED ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
const POINTS_PER_SIGNAL = Number(process.env.PCK_INTERRUPT_POINTS ?? 2);
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

/** A 200 MB file to download, made before the tests of the file and removed after. */
export function bigFile(): () => string {
  const source = tempDir('pck-get-source-');
  const big = path.join(source.dir, 'big.bin');
  before(() => {
    const megabyte = Buffer.alloc(1024 * 1024, 7);
    const handle = fs.openSync(big, 'w');
    for (let i = 0; i < SIZE_MB; i++) fs.writeSync(handle, megabyte);
    fs.closeSync(handle);
  });
  after(() => source.remove());
  return () => big;
}

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

/** The tests: POINTS_PER_SIGNAL random points for each signal, from the partial file's appearance to past the end. */
export function interruptGets(target: () => string, extra: () => string[], remoteFile: () => string): void {
  const random = seededRandom(SEED);
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
            // the file there is whole, whichever way the CLI then ended (a signal landing after its handlers
            // were removed on the way out ends it by the signal itself)
            assert.equal(fs.statSync(path.join(dest.dir, 'copy.bin')).size, SIZE_MB * 1024 * 1024, `a downloaded file is whole, at ${at}`);
            assert.ok([0, byTheSignal, signal].includes(endedBy ?? -1), `ended by ${endedBy} at ${at}`);
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
