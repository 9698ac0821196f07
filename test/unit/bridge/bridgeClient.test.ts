// The bridge client's own deadlines, cancels and start timeout, against a stand-in supervisor
// (test/fixtures/unanswering-bridge) for what the real one cannot be made to do: never answer a cancel,
// never start. It logs each message it receives, so the deadlines sent are read exactly.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Bridge, type BridgeOptions } from '../../../src/core/bridge/bridge';
import { BridgeProcess } from '../../../src/core/bridge/bridgeProcess';
import { BridgeError } from '../../../src/core/bridge/protocol';
import { CONNECTOR_FIXTURES, ROOT, VENV_PYTHON } from '../../support/paths';

const UNANSWERING = path.join(ROOT, 'test', 'fixtures', 'unanswering-bridge');
const local = [{ target: '@local' }];

interface Stand {
  bridge: Bridge;
  /** Every message the stand-in received, in order. */
  received: () => Array<{ id?: number; method: string; params: Record<string, unknown> }>;
  /** The same, once `count` have been logged: a reply can overtake its stderr log line (two pipes). */
  receivedAll: (count: number) => Promise<Array<{ id?: number; method: string; params: Record<string, unknown> }>>;
  pids: () => number[];
}

function standIn(options: Partial<BridgeOptions> = {}): Stand {
  const log: string[] = [];
  const bridge = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES, pythonDir: UNANSWERING, log: (line) => log.push(line), ...options });
  const after = (prefix: string) => log.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
  const received = () => after('received ').map((line) => JSON.parse(line));
  const receivedAll = async (count: number) => {
    for (let i = 0; i < 200 && received().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    return received();
  };
  return { bridge, received, receivedAll, pids: () => after('unanswering bridge pid ').map(Number) };
}

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  assert.ok(error instanceof BridgeError, `a BridgeError, got ${String(error)}`);
  return error;
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !fs.existsSync(`/proc/${pid}`);
}

describe('Bridge client: deadlines, cancels and the start timeout', () => {
  it('sends each call\'s deadline in seconds: its own, the option\'s or the default', async () => {
    const { bridge, receivedAll } = standIn({ callTimeoutMs: () => 7000, inventoryTimeoutMs: 2500 });
    const defaults = standIn();
    try {
      await bridge.run(local, 'a', { timeoutSec: 2 }); // pyinfra's _timeout, plus a second for it to report first
      await bridge.run(local, 'b');
      await bridge.put(local[0], '/l', '/r');
      await bridge.get(local[0], '/r', '/l', { timeoutMs: 1500 });
      await bridge.inventory('@local');
      await bridge.inventory('@local', { timeoutMs: 900 });
      await bridge.connectors();
      await bridge.conformanceChecks();
      assert.deepEqual((await receivedAll(8)).map((m) => [m.method, m.params.deadlineSec]), [
        ['run', 3], ['run', 7], ['put', 7], ['get', 1.5], ['inventory', 2.5], ['inventory', 0.9], ['connectors', 60], ['test', undefined],
      ]);
      await defaults.bridge.run(local, 'c');
      await defaults.bridge.get(local[0], '/r', '/l');
      await defaults.bridge.inventory('@local');
      assert.deepEqual((await defaults.receivedAll(3)).map((m) => m.params.deadlineSec), [3600, 3600, 30]);
    } finally {
      bridge.dispose();
      defaults.bridge.dispose();
    }
  });

  it('sends each call\'s parameters as the protocol has them', async () => {
    const { bridge, receivedAll } = standIn({ callTimeoutMs: () => 1000, limits: () => ({ hosts: 5, answerBytes: 99 }) });
    try {
      const sources = { '/w/c.py': 'class C: ...' };
      await bridge.run(local, 'id', { sudo: true, env: { A: '1' }, sources, onOutput: () => undefined, onProgress: () => undefined });
      await bridge.put({ target: '@local', hosts: ['h'] }, '/l', '/r', { data: { k: 'v' }, hostKeys: { acceptNew: true } });
      await bridge.get(local[0], '/r', '/l', { data: { k: 'v' } });
      await bridge.inventory('@local', { data: { k: 'v' }, showSecrets: true, sources, limits: { hosts: 7 } });
      await bridge.inventory('@local');
      assert.deepEqual((await receivedAll(5)).map(({ method, params }) => ({ method, params })), [
        { method: 'run', params: { selectors: local, command: 'id', options: { sudo: true, env: { A: '1' } }, sources, deadlineSec: 1 } },
        { method: 'put', params: { selector: { target: '@local', hosts: ['h'] }, local: '/l', remote: '/r', options: { data: { k: 'v' }, hostKeys: { acceptNew: true } }, deadlineSec: 1 } },
        { method: 'get', params: { selector: local[0], remote: '/r', local: '/l', options: { data: { k: 'v' } }, deadlineSec: 1 } },
        { method: 'inventory', params: { targets: ['@local'], data: { k: 'v' }, showSecrets: true, sources, chunked: true, limits: { hosts: 7, answerBytes: 99 }, deadlineSec: 30 } },
        { method: 'inventory', params: { targets: ['@local'], data: {}, showSecrets: false, sources: {}, chunked: true, limits: { hosts: 5, answerBytes: 99 }, deadlineSec: 30 } },
      ]);
    } finally {
      bridge.dispose();
    }
  });

  it('a cancel the bridge never confirms stops it after the grace period: the calls in flight say why, the next call starts a new one', async () => {
    const { bridge, received, pids } = standIn();
    try {
      const controller = new AbortController();
      const cancelled = rejection(bridge.run(local, 'hang', { signal: controller.signal }));
      const bystander = rejection(bridge.run(local, 'hang'));
      await bridge.run(local, 'in order'); // both hangs have reached the stand-in
      controller.abort();
      const error = await cancelled;
      assert.deepEqual([error.kind, error.message], ['cancelled', 'Cancelled: Running \'hang\'']);
      const stopped = await bystander;
      assert.deepEqual([stopped.kind, stopped.message], ['exited', 'The Python bridge was stopped: Running \'hang\' did not stop when cancelled']);
      const [first] = pids();
      assert.ok(first, 'the stand-in logged its pid');
      assert.ok(await gone(first), 'the unanswering bridge was stopped');
      await bridge.run(local, 'again');
      assert.equal(pids().length, 2, 'a new bridge answered');
      const [hang] = received();
      assert.deepEqual(received().filter((m) => m.method === 'cancel').map((m) => m.params), [{ id: hang.id }]);
    } finally {
      bridge.dispose();
    }
  });

  it('a signal that aborts after its call was answered cancels nothing; an aborted one sends nothing', async () => {
    const { bridge, receivedAll } = standIn();
    try {
      const controller = new AbortController();
      await bridge.run(local, 'quick', { signal: controller.signal });
      controller.abort();
      const aborted = await rejection(bridge.run(local, 'never sent', { signal: AbortSignal.abort() }));
      assert.deepEqual([aborted.kind, aborted.message], ['cancelled', 'Cancelled: Running \'never sent\'']);
      const signal = AbortSignal.abort();
      const messages = await Promise.all([bridge.inventory('@local', { signal }), bridge.put(local[0], '/l', '/r', { signal }), bridge.get(local[0], '/r', '/l', { signal })]
        .map(async (call) => (await rejection(call)).message));
      assert.deepEqual(messages, ['Cancelled: make_names_data of @local', 'Cancelled: Uploading /l', 'Cancelled: Downloading /r']);
      await bridge.run(local, 'after');
      assert.deepEqual((await receivedAll(2)).map((m) => m.method === 'cancel' ? 'cancel' : m.params.command), ['quick', 'after']);
    } finally {
      bridge.dispose();
    }
  });

  it('a reply to a call already cancelled is dropped, and the bridge goes on', async () => {
    const { bridge, received, pids } = standIn();
    try {
      const controller = new AbortController();
      const late = rejection(bridge.run(local, 'late', { signal: controller.signal }));
      await bridge.run(local, 'in order');
      controller.abort();
      assert.equal((await late).kind, 'cancelled');
      await bridge.run(local, 'after the late reply');
      assert.equal(received().filter((m) => m.method === 'cancel').length, 1);
      assert.equal(pids().length, 1);
    } finally {
      bridge.dispose();
    }
  });

  it('a bridge that never says it is ready fails with a timeout naming the interpreter, and is stopped', async () => {
    // long enough for the stand-in to start and log its pid on a loaded machine
    const { bridge, pids } = standIn({ startTimeoutMs: 3000, env: { ...process.env, UNANSWERING_BRIDGE_SILENT: '1' } });
    try {
      const error = await rejection(bridge.info());
      assert.deepEqual([error.kind, error.message], ['timeout', `The Python bridge (${VENV_PYTHON}) did not start within 3 s`]);
      assert.equal(pids().length, 1);
      assert.ok(await gone(pids()[0]), 'the silent bridge was stopped');
    } finally {
      bridge.dispose();
    }
  });

  it('a call on a bridge process that has ended fails at once with how it ended', async () => {
    const process = new BridgeProcess({ python: VENV_PYTHON, pythonDir: UNANSWERING, cwd: CONNECTOR_FIXTURES, log: () => undefined, startTimeoutMs: 30_000 });
    await process.ready;
    process.kill('the test stopped it');
    await process.exited;
    const error = await rejection(process.call('run', {}, { describe: 'Running \'x\'' }));
    assert.deepEqual([error.kind, error.message], ['exited', 'The Python bridge was stopped: the test stopped it']);
  });
});
