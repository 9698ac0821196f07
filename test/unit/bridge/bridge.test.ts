import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Bridge } from '../../../src/core/bridge/bridge';
import { BridgeError, type OutputEvent } from '../../../src/core/bridge/protocol';
import { settled } from '../../support/cliProcess';
import { CONNECTOR_FIXTURES, SYSTEM_PYTHON, VENV_PYTHON } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

function newBridge(log: string[] = [], python = VENV_PYTHON): Bridge {
  return new Bridge({ python, cwd: CONNECTOR_FIXTURES, log: (line) => log.push(line) });
}

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BridgeError, `a BridgeError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('Bridge: one long-lived process', () => {
  const log: string[] = [];
  let bridge: Bridge;
  before(() => {
    bridge = newBridge(log);
  });
  after(() => bridge.dispose());

  it('starts on first use and reuses the process', async () => {
    assert.equal(bridge.pid, undefined);
    const hosts = await bridge.inventory('@local');
    assert.deepEqual(hosts, [{ name: '@local', data: {}, groups: ['@local'], connector: '@local' }]);
    const pid = bridge.pid;
    assert.ok(pid);
    const listed = await bridge.connectors();
    assert.ok(listed.some((c) => c.name === 'local' && c.handlesExecution === true));
    assert.equal(bridge.pid, pid);
  });

  it('stays up past its start timeout once it has started', async () => {
    // room for the start itself on a loaded machine (importing gevent and pyinfra took 4 s at a load of 6.6),
    // and the wait is counted from the spawn, where the start timer begins
    const short = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES, startTimeoutMs: 10_000 });
    try {
      const spawned = Date.now();
      const { pid } = await short.info();
      await new Promise((resolve) => setTimeout(resolve, spawned + 10_500 - Date.now()));
      assert.equal((await short.info()).pid, pid);
    } finally {
      short.dispose();
    }
  });

  it('streams output lines while a command runs, stderr apart', async () => {
    const events: OutputEvent[] = [];
    const results = await bridge.run([{ target: 'local_subclass.py:ManyLocalConnector/2' }], 'echo out; echo err >&2', { onOutput: (e) => events.push(e) });
    assert.deepEqual(results.map((r) => [r.host, r.success, r.stdout, r.stderr]), [['local-0', true, 'out', 'err'], ['local-1', true, 'out', 'err']]);
    assert.deepEqual(events.map((e) => `${e.host} ${e.stream} ${e.line}`).sort(), ['local-0 stderr err', 'local-0 stdout out', 'local-1 stderr err', 'local-1 stdout out']);
  });

  it('keeps the protocol intact when a connector prints, and logs what it printed', async () => {
    const hosts = await bridge.inventory('printer.py:PrinterConnector');
    assert.deepEqual(hosts.map((h) => h.name), ['noisy']);
    const [ran] = await bridge.run([{ target: 'printer.py:PrinterConnector' }], 'echo fine');
    assert.equal(ran.stdout, 'fine');
    for (const text of ['print() from make_names_data', 'os.write(1) from run_shell_command']) {
      assert.ok(log.some((line) => line.includes(text)), `log has '${text}'`);
    }
  });

  it('reports a malformed item and an exception as errors a UI can show', async () => {
    const malformed = await rejection(bridge.inventory('malformed.py:DuplicateConnector'));
    assert.equal(malformed.kind, 'malformed');
    assert.match(malformed.message, /item 2 \('a'\): duplicate host name 'a'/);
    const raised = await rejection(bridge.inventory('raises.py:RaisesConnector'));
    assert.equal(raised.kind, 'connector');
    assert.equal(raised.message, 'ValueError: the API answered 500');
    assert.match(raised.detail ?? '', /Traceback[\s\S]*_helper/);
  });

  it('cancels a running command, stopping it on the host, and stays usable: same process, other calls unharmed', async () => {
    // far longer than the test, and recognisable in `ps`: only the cancel can end it (however slow the machine)
    const marker = `sleep 85${process.pid % 1000}.1`;
    const pid = bridge.pid;
    const controller = new AbortController();
    // longer than the client's cancel backstop: a cancel the bridge confirmed must not stop it later
    const other = bridge.run([{ target: 'local_subclass.py:ManyLocalConnector/1' }], 'sleep 5; echo other done');
    const running = bridge.run([{ target: '@local' }], `echo started; ${marker}; echo finished`, { signal: controller.signal, onOutput: () => controller.abort() });
    const cancelled = await rejection(running);
    assert.equal(cancelled.kind, 'cancelled');
    assert.deepEqual(await settled(() => processesWith(marker), 20_000), [], 'the command was stopped');
    const [finished] = await other;
    assert.equal(finished.stdout, 'other done');
    const [again] = await bridge.run([{ target: '@local' }], 'echo still here');
    assert.equal(again.stdout, 'still here');
    assert.equal(bridge.pid, pid, 'the same bridge process');
  });

  it('an already-aborted signal runs nothing', async () => {
    const temp = tempDir('pck-aborted-');
    const marker = path.join(temp.dir, 'marker');
    const cancelled = await rejection(bridge.run([{ target: '@local' }], `touch ${marker}`, { signal: AbortSignal.abort() }));
    assert.equal(cancelled.kind, 'cancelled');
    await bridge.run([{ target: '@local' }], 'true'); // after a later call on the same target, the first would have run
    assert.equal(fs.existsSync(marker), false);
    temp.remove();
  });

  it('streams hosts in chunks as the bridge has them, and the limits end a runaway connector, named', async () => {
    const chunks: number[] = [];
    const hosts = await bridge.inventory('runaway.py:ManyHosts/4100', { onHosts: (chunk) => chunks.push(chunk.length) });
    // at most 100 first, then 2000 (fewer when the connector takes more than 50 ms for them)
    assert.ok(chunks[0] <= 100 && chunks.every((size) => size <= 2000) && chunks.length >= 3, JSON.stringify(chunks));
    assert.deepEqual(hosts.map((h) => h.name), Array.from({ length: 4100 }, (_, i) => `host-${i}`));
    const endless = await rejection(bridge.inventory('runaway.py:Endless', { limits: { hosts: 20_000 } }));
    assert.equal(endless.kind, 'limit');
    assert.equal(endless.message, 'runaway.py:Endless: make_names_data yielded more than 20,000 hosts, the limit (--max-hosts; setting pyinfraConnectors.maxHosts)');
  });

  it('masks secrets unless asked', async () => {
    const [masked] = await bridge.inventory('@local', { data: { api_token: 't0k' } });
    assert.equal(masked.data.api_token, '********');
    const [shown] = await bridge.inventory('@local', { data: { api_token: 't0k' }, showSecrets: true });
    assert.equal(shown.data.api_token, 't0k');
  });
});

/** This machine's processes whose command line holds the marker (@local runs the command here). */
function processesWith(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return listed.split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

/** The worker processes the bridge runs now (its children). */
function workersOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((entry) => {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  }).map(Number);
}

describe('Bridge: faults that end a connector\'s worker, and no other', () => {
  it('a connector calling os._exit: the error names it, what it did and the code; the bridge stays', async () => {
    const bridge = newBridge();
    try {
      await bridge.inventory('@local');
      const first = bridge.pid;
      const exited = await rejection(bridge.inventory('exits.py:ExitsConnector'));
      assert.equal(exited.kind, 'exited');
      assert.equal(exited.message, 'make_names_data of exits.py:ExitsConnector: it ended its process with exit code 7 (os._exit or similar)');
      assert.equal(exited.target, 'exits.py:ExitsConnector');
      assert.equal((await bridge.inventory('@local'))[0].name, '@local');
      assert.equal(bridge.pid, first);
    } finally {
      bridge.dispose();
    }
  });

  it('a connector crashing the interpreter: killed by a signal, named, and the next call works', async () => {
    const bridge = newBridge();
    try {
      const crashed = await rejection(bridge.inventory('exits.py:CrashesConnector'));
      assert.equal(crashed.kind, 'exited');
      assert.match(crashed.message, /^make_names_data of exits\.py:CrashesConnector: .*killed by SIGSEGV/);
      assert.equal((await bridge.inventory('@local'))[0].name, '@local');
    } finally {
      bridge.dispose();
    }
  });

  it('a call outliving its deadline stops its own worker (even a CPU loop); calls on other targets go on', async () => {
    const bridge = newBridge();
    try {
      for (const target of ['slow.py:SleepsConnector', 'slow.py:SpinsConnector']) {
        const before = (await bridge.info()).pid;
        const other = bridge.run([{ target: '@local' }], 'sleep 2; echo done');
        const timedOut = await rejection(bridge.inventory(target, { timeoutMs: 1000 }));
        assert.equal(timedOut.kind, 'timeout');
        assert.equal(timedOut.message, `make_names_data of ${target} did not finish within 1 s; its worker process was stopped and starts again on the next call`);
        const [bystander] = await other;
        assert.equal(bystander.stdout, 'done');
        assert.equal(bridge.pid, before, 'the bridge itself was not stopped');
        assert.equal((await bridge.inventory('@local'))[0].name, '@local');
      }
    } finally {
      bridge.dispose();
    }
  });

  it('a cancelled call that does not stop (a CPU loop) gets its worker stopped, and the next call works', async () => {
    const bridge = newBridge();
    try {
      const { pid } = await bridge.info();
      const controller = new AbortController();
      const spinning = bridge.run([{ target: 'slow.py:SpinsConnector' }], 'true', { signal: controller.signal });
      // cancelled once its worker runs (not after a fixed time, which a loaded machine may not have met)
      for (let i = 0; i < 400 && workersOf(pid).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      assert.equal((await rejection(spinning)).kind, 'cancelled');
      assert.equal(workersOf(pid).length, 1, 'the spinning worker runs');
      // the supervisor stops it 2 s after the cancel it did not obey; a loaded machine may take longer
      for (let i = 0; i < 400 && workersOf(pid).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(workersOf(pid), [], 'the stuck worker was stopped');
      assert.equal((await bridge.inventory('@local'))[0].name, '@local');
      assert.equal(bridge.pid, pid);
    } finally {
      bridge.dispose();
    }
  });

  it('an interpreter that does not exist: python-missing', async () => {
    const bridge = newBridge([], path.join(CONNECTOR_FIXTURES, 'no-such-python'));
    const missing = await rejection(bridge.inventory('@local'));
    assert.equal(missing.kind, 'python-missing');
    assert.match(missing.message, /Cannot start the Python interpreter '.*no-such-python': not found/);
    bridge.dispose();
  });

  it('an interpreter without pyinfra: pyinfra-missing names it and the install command', { skip: !fs.existsSync(SYSTEM_PYTHON) && `${SYSTEM_PYTHON} is not on this machine` }, async () => {
    const bridge = newBridge([], SYSTEM_PYTHON);
    const missing = await rejection(bridge.info());
    assert.equal(missing.kind, 'pyinfra-missing');
    assert.ok(missing.message.includes(`${SYSTEM_PYTHON} -m pip install 'pyinfra>=3,<4'`), missing.message);
    bridge.dispose();
  });
});

describe('Bridge: file transfer', () => {
  let bridge: Bridge;
  let temp: ReturnType<typeof tempDir>;
  before(() => {
    bridge = newBridge();
    temp = tempDir('pck-bridge-');
  });
  after(() => {
    bridge.dispose();
    temp.remove();
  });

  for (const target of ['@local', 'local_subclass.py:ManyLocalConnector/1']) {
    it(`round-trips a 5 MB binary file byte for byte through ${target}`, async () => {
      const dir = fs.mkdtempSync(path.join(temp.dir, 'round-'));
      const source = path.join(dir, 'source.bin');
      fs.writeFileSync(source, crypto.randomBytes(5 * 1024 * 1024));
      const [put] = await bridge.put({ target }, source, path.join(dir, 'remote.bin'));
      assert.equal(put.success, true, JSON.stringify(put));
      const [got] = await bridge.get({ target }, path.join(dir, 'remote.bin'), path.join(dir, 'back.bin'));
      assert.equal(got.success, true, JSON.stringify(got));
      assert.ok(fs.readFileSync(path.join(dir, 'back.bin')).equals(fs.readFileSync(source)));
      assert.deepEqual(fs.readdirSync(dir).sort(), ['back.bin', 'remote.bin', 'source.bin']);
    });
  }

  it('a failed download leaves no file, not even a temporary one', async () => {
    const dir = fs.mkdtempSync(path.join(temp.dir, 'fail-'));
    const [failed] = await bridge.get({ target: '@local' }, path.join(dir, 'missing'), path.join(dir, 'copy.bin'));
    assert.equal(failed.success, false);
    assert.match(failed.error ?? '', /cannot stat/);
    const [dropped] = await bridge.get({ target: 'run_faults.py:BadReturnsConnector' }, '/x', path.join(dir, 'copy.bin'));
    assert.equal(dropped.error, 'OSError: connection dropped mid-download');
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
