// pyinfra-kit exec interrupted (Ctrl-C, SIGTERM) while its command runs: the CLI stops its bridge the
// gentle way, so the command and the bridge's temporary folders are gone, and exits 130 / 143 as a
// shell's commands do. A seconds-long @local command, so mutation testing can run it for every mutant.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { exited, settled, startCli } from '../../support/cliProcess';
import { tempDir } from '../../support/tempDir';

/** This machine's processes whose command line holds the marker (@local runs the command here). */
function processesWith(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return listed.split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

describe('pyinfra-kit exec, interrupted', () => {
  for (const [signal, expected] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} while the command runs stops the command and the bridge, and exits ${expected}`, async () => {
      const tmp = tempDir('pck-exec-interrupted-');
      try {
        // recognisable in `ps`, and far longer than any test: only the interruption can end it
        const marker = `sleep 97${process.pid % 1000}.${expected}`;
        const cli = startCli(['exec', '@local', '--', `echo started; ${marker}; echo finished`], tmp.dir);
        const ended = exited(cli);
        let stdout = '';
        let stderr = '';
        cli.stdout!.on('data', (chunk) => {
          stdout += chunk;
          if (!stdout.includes('started') || cli.killed) return;
          cli.kill(signal);
          // a CLI that ignores the signal would wait for the command: it fails here instead of hanging the run
          setTimeout(() => cli.exitCode === null && cli.signalCode === null && cli.kill('SIGKILL'), 30_000).unref();
        });
        cli.stderr!.on('data', (chunk) => (stderr += chunk));
        const { code, signal: endedBy } = await ended;
        assert.deepEqual({ code, endedBy }, { code: expected, endedBy: null }, stderr);
        assert.equal(stdout, '[@local] started\n');
        assert.deepEqual(await settled(() => processesWith(marker)), []);
        assert.deepEqual(await settled(() => fs.readdirSync(tmp.dir)), [], "the bridge's temporary folders are removed");
      } finally {
        tmp.remove();
      }
    });
  }
});
