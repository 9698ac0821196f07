// The bridge a CLI command gets (withCliBridge): the deadline each of its calls carries, with and
// without --timeout, read where the client hands the call to the bridge process.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BridgeProcess } from '../../../src/core/bridge/bridgeProcess';
import { withCliBridge } from '../../../src/core/bridge/cliSession';
import { CONNECTOR_FIXTURES, VENV_PYTHON } from '../../support/paths';

/** The deadline (ms) of one `run` made through withCliBridge with these options. */
async function runDeadline(timeoutSec: number | undefined): Promise<number | undefined> {
  const sent: Array<number | undefined> = [];
  const original = BridgeProcess.prototype.call;
  BridgeProcess.prototype.call = async function (this: BridgeProcess, _method: string, _params: unknown, options: { deadlineMs?: number }) {
    sent.push(options.deadlineMs);
    return [] as never;
  } as typeof original;
  try {
    const code = await withCliBridge('exec', { python: VENV_PYTHON, verbose: false, timeoutSec }, { stderr: () => undefined, cwd: CONNECTOR_FIXTURES, env: process.env },
      async ({ bridge }) => {
        await bridge.run([{ target: '@local' }], 'true');
        return 0;
      });
    assert.equal(code, 0);
  } finally {
    BridgeProcess.prototype.call = original;
  }
  assert.equal(sent.length, 1);
  return sent[0];
}

describe('withCliBridge', () => {
  it('gives each call the bridge\'s one-hour deadline without --timeout, and --timeout\'s seconds with it', async () => {
    assert.equal(await runDeadline(undefined), 3_600_000);
    assert.equal(await runDeadline(5), 5000);
  });

  it('throws an error that is not the bridge\'s on to main (which shows its stack), printing nothing itself', async () => {
    const printed: string[] = [];
    const failure = new TypeError('not a bridge error');
    await assert.rejects(withCliBridge('exec', { python: VENV_PYTHON, verbose: true }, { stderr: (text) => printed.push(text), cwd: CONNECTOR_FIXTURES, env: process.env },
      async () => {
        throw failure;
      }), (thrown) => thrown === failure);
    assert.deepEqual(printed, []);
  });
});
