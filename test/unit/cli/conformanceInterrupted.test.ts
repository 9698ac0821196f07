// pyinfra-kit test interrupted as a person or CI interrupts it (Ctrl-C, SIGTERM, SIGKILL) while a check
// runs on the host: the folder the suite wrote on the host is removed all the same.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, VENV_PYTHON } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'conformance');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('pyinfra-kit test, interrupted', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} during a check removes the suite's folder on the host`, async () => {
      // TMPDIR is where the suite makes its folder on @local-like hosts, and where the bridge keeps its own
      const tmp = tempDir('pck-test-interrupted-');
      try {
        const scratch = () => fs.readdirSync(tmp.dir).filter((name) => name.startsWith('pyinfra-kit-conformance.'));
        const cli = spawn(process.execPath, [CLI, 'test', 'no_timeout.py:NoTimeoutConnector', '--only', 'run.timeout'], {
          cwd: CORPUS, env: { ...process.env, PYINFRA_KIT_PYTHON: VENV_PYTHON, TMPDIR: tmp.dir }, stdio: 'ignore',
        });
        const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => cli.on('exit', (code, by) => resolve({ code, signal: by })));
        await until('the suite\'s folder on the host', () => scratch().length > 0, 60_000);
        await sleep(500); // inside `sleep 5`, which this connector does not time out
        cli.kill(signal);
        const { code, signal: by } = await ended;
        assert.equal(by ?? code, { SIGINT: 130, SIGTERM: 143, SIGKILL: 'SIGKILL' }[signal]);
        await until('the folder removed', () => scratch().length === 0, 15_000);
        await until('the bridge\'s own temporary folders removed', () => fs.readdirSync(tmp.dir).length === 0, 15_000);
      } finally {
        tmp.remove();
      }
    });
  }
});
