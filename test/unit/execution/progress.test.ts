// A run's progress as the bridge reports it: the hosts it will run on, then each host's result as it ends.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Bridge } from '../../../src/core/bridge/bridge';
import type { RunProgressEvent } from '../../../src/core/bridge/protocol';
import { CONNECTOR_FIXTURES, VENV_PYTHON } from '../../support/paths';

describe('run progress', { timeout: 120_000 }, () => {
  const bridge = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES });
  after(() => bridge.dispose());

  it('names the planned hosts first, then each host as it ends, before the run resolves', async () => {
    const events: RunProgressEvent[] = [];
    const results = await bridge.run([{ target: '@local', hosts: ['@local', 'nope'] }], 'exit 3', { onProgress: (event) => events.push(event) });
    assert.deepEqual(events[0], { planned: ['@local', 'nope'] });
    const finished = events.slice(1).map((event) => ('finished' in event ? event.finished : undefined));
    assert.deepEqual(finished.map((r) => r?.host).sort(), ['@local', 'nope']);
    assert.deepEqual(finished.find((r) => r?.host === '@local'), results.find((r) => r.host === '@local'));
    assert.equal(finished.find((r) => r?.host === 'nope')?.error, "@local has no host 'nope'");
  });

  it('leaves a cancelled host without a finished event', async () => {
    const events: RunProgressEvent[] = [];
    const abort = new AbortController();
    const running = bridge.run([{ target: '@local' }], 'sleep 5', { signal: abort.signal, onProgress: (event) => {
      events.push(event);
      if ('planned' in event) setTimeout(() => abort.abort(), 300);
    } });
    await assert.rejects(running, /Cancelled/);
    assert.deepEqual(events, [{ planned: ['@local'] }]);
  });
});
