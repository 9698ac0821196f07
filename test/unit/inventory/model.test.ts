// The InventoryModel over the real bridge and real pyinfra, on the demo workspace's connector.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorClass } from '../../../src/core/analysis/types';
import { Bridge } from '../../../src/core/bridge/bridge';
import { BridgeError, type HostEntry } from '../../../src/core/bridge/protocol';
import { InventoryModel, type InventoryBackend, type InventoryChange } from '../../../src/core/inventory/model';
import { ROOT, VENV_PYTHON } from '../../support/paths';

const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'demo-workspace');
const range = { start: { line: 11, character: 6 }, end: { line: 11, character: 19 } };
const demoClass: ConnectorClass = { name: 'DemoConnector', file: path.join(WORKSPACE, 'connectors', 'demo.py'), range, handlesExecution: true, isBase: false, entryPointName: 'demo' };

class MapStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

interface Setup {
  bridge: Bridge;
  trusted?: boolean;
  settingTargets?: string[];
  asked?: string[];
}

function modelOver({ bridge, trusted = true, settingTargets = [], asked = [] }: Setup, store = new MapStore()): InventoryModel {
  const backend: InventoryBackend = {
    isTrusted: () => trusted,
    workspaceRoot: () => WORKSPACE,
    settingTargets: () => settingTargets,
    installed: () => bridge.connectors(),
    classes: async () => [demoClass],
    hosts: (target, { showSecrets, onHosts }) => {
      asked.push(`${target}${showSecrets ? ' (secrets)' : ''}`);
      return bridge.inventory(target, { showSecrets, onHosts });
    },
    reportError: () => undefined,
    log: () => undefined,
  };
  return new InventoryModel(backend, store);
}

const names = (hosts: readonly HostEntry[]) => hosts.map((h) => h.name);

describe('InventoryModel', () => {
  let bridge: Bridge;
  before(() => {
    bridge = new Bridge({ python: VENV_PYTHON, cwd: WORKSPACE });
  });
  after(() => bridge.dispose());

  it('lists workspace classes, then setting targets, and selects the first until one is chosen', async () => {
    const store = new MapStore();
    const model = modelOver({ bridge, settingTargets: ['@local'] }, store);
    const sources = await model.listSources();
    assert.deepEqual(sources.map((s) => s.target), ['connectors/demo.py:DemoConnector', '@local']);
    assert.equal(model.status, 'ready');
    assert.equal(model.selected?.target, 'connectors/demo.py:DemoConnector');
    const changes: InventoryChange[] = [];
    model.onDidChange((change) => changes.push(change));
    await model.select('setting:@local');
    assert.equal(model.selected?.target, '@local');
    assert.deepEqual(changes, [{ kind: 'selection' }]);
    assert.equal(modelOver({ bridge, settingTargets: ['@local'] }, store).selected, undefined, 'nothing is selected before listing');
  });

  it('asks a connector once, again after refresh, and per argument', async () => {
    const asked: string[] = [];
    const model = modelOver({ bridge, asked });
    const [demo] = await model.listSources();
    const first = await model.hosts(demo);
    assert.ok('hosts' in first);
    assert.deepEqual(names(first.hosts), ['web-1', 'web-2', 'db-1']);
    await model.hosts(demo);
    assert.deepEqual(model.answer(demo), first);
    await model.setArgument(demo.id, 'db');
    const db = await model.hosts(demo);
    assert.ok('hosts' in db);
    assert.deepEqual(names(db.hosts), ['db-1']);
    model.refresh();
    assert.equal(model.answer(demo), undefined);
    await model.hosts(demo);
    assert.deepEqual(asked, ['connectors/demo.py:DemoConnector', 'connectors/demo.py:DemoConnector/db', 'connectors/demo.py:DemoConnector/db']);
  });

  it('shows hosts as they stream in, then the whole answer', async () => {
    const many = path.join(ROOT, 'test', 'fixtures', 'connectors', 'local_subclass.py');
    const model = modelOver({ bridge, settingTargets: [`${many}:ManyLocalConnector/2500`] });
    const [, source] = await model.listSources();
    const seen: { loading: boolean; count: number }[] = [];
    model.onDidChange((change) => {
      const answer = change.kind === 'answer' ? model.answer(source) : undefined;
      if (answer && 'hosts' in answer) seen.push({ loading: 'loading' in answer, count: answer.hosts.length });
    });
    const first = await model.firstHosts(source);
    assert.ok('loading' in first, 'the first hosts come before the whole answer');
    assert.ok(first.hosts.length > 0 && first.hosts.length < 2500, `first: ${first.hosts.length}`);
    assert.equal(first.hosts[0].name, 'local-0');
    const done = await model.hosts(source);
    assert.ok('hosts' in done && !('loading' in done));
    assert.equal(done.hosts.length, 2500);
    assert.ok(seen.length >= 2 && seen[0].loading, JSON.stringify(seen));
    assert.deepEqual(seen[seen.length - 1], { loading: false, count: 2500 });
    assert.ok(seen.every((s, i) => i === 0 || s.count >= seen[i - 1].count), 'hosts only grow while loading');
  });

  it('has the first hosts while make_names_data is still yielding; the whole answer is pyinfra\'s', async () => {
    const streams = path.join(ROOT, 'test', 'fixtures', 'connectors', 'streams.py');
    const flag = path.join(os.tmpdir(), `pck-model-flag-${process.pid}`);
    const model = modelOver({ bridge, settingTargets: [`${streams}:WaitsForTheClient/${flag}`, `${streams}:ChangesAfterYielding`] });
    const [, waits, changes] = await model.listSources();
    try {
      const first = await model.firstHosts(waits);
      assert.ok('loading' in first, 'the first hosts come while the connector still waits');
      assert.deepEqual(names(first.hosts), ['early-0', 'early-1', 'early-2']);
      fs.writeFileSync(flag, ''); // what the connector waits for before its last host
      const done = await model.hosts(waits);
      assert.ok('hosts' in done && !('loading' in done));
      assert.deepEqual(done.hosts.at(-1)?.data, { saw_the_file: true });
    } finally {
      fs.rmSync(flag, { force: true });
    }
    // one dict yielded for every host and changed in between: pyinfra keeps the last value for all
    const changed = await model.hosts(changes);
    assert.ok('hosts' in changed);
    assert.deepEqual(changed.hosts.map((host) => [host.name, host.data.role]), [['web-1', 'cache'], ['db-1', 'cache'], ['cache-1', 'cache']]);
  });

  it('keeps a failure as the answer, naming the target', async () => {
    const model = modelOver({ bridge, settingTargets: ['connectors/demo.py:NoSuchClass'] });
    const [, missing] = await model.listSources();
    const result = await model.hosts(missing);
    assert.ok('error' in result);
    assert.match(result.error.message, /NoSuchClass/);
  });

  it('addresses a group as that group\'s hosts, not the whole connector', async () => {
    const model = modelOver({ bridge });
    const [demo] = await model.listSources();
    await model.setArgument(demo.id, undefined);
    const result = await model.hosts(demo);
    assert.ok('hosts' in result);
    const web = { name: 'web', hosts: result.hosts.filter((h) => h.groups.includes('web')) };
    const target = 'connectors/demo.py:DemoConnector';
    assert.deepEqual(model.chosenHosts([{ kind: 'group', source: demo, group: web }]), { selectors: [{ target, hosts: ['web-1', 'web-2'] }], label: 'group web' });
    assert.deepEqual(model.chosenHosts([{ kind: 'connector', source: demo }]), { selectors: [{ target }], label: 'DemoConnector' });
    const db1 = result.hosts.find((h) => h.name === 'db-1')!;
    assert.deepEqual(model.chosenHosts([{ kind: 'host', source: demo, host: db1 }, { kind: 'group', source: demo, group: web }]),
      { selectors: [{ target, hosts: ['db-1', 'web-1', 'web-2'] }], label: '2 targets' });
    assert.deepEqual(model.chosenHosts([{ kind: 'connector', source: demo }, { kind: 'host', source: demo, host: db1 }])?.selectors, [{ target }]);
    await model.setArgument(demo.id, 'web');
    assert.deepEqual(model.chosenHosts([{ kind: 'group', source: demo, group: web }])?.selectors, [{ target: `${target}/web`, hosts: ['web-1', 'web-2'] }]);
    assert.equal(model.chosenHosts([{ kind: 'data' }, { kind: 'more' }]), undefined);
  });

  it('gives the SSH terminal unmasked data and keeps the tree\'s answer masked', async () => {
    const asked: string[] = [];
    const model = modelOver({ bridge, asked });
    const [demo] = await model.listSources();
    await model.setArgument(demo.id, undefined);
    const shown = await model.hosts(demo);
    assert.ok('hosts' in shown);
    const maskedValue = shown.hosts.find((h) => h.name === 'web-1')!.data.ssh_password;
    assert.notEqual(maskedValue, 'hunter2');
    const host = await model.unmaskedHost(model.targetOf(demo), 'web-1');
    assert.equal(host.data.ssh_password, 'hunter2');
    const after = model.answer(demo);
    assert.ok(after && 'hosts' in after);
    assert.equal(after.hosts.find((h) => h.name === 'web-1')!.data.ssh_password, maskedValue, 'the cached answer is still masked');
    assert.deepEqual(asked, ['connectors/demo.py:DemoConnector', 'connectors/demo.py:DemoConnector (secrets)'], 'secrets are asked for, never taken from the cache');
    await assert.rejects(model.unmaskedHost(model.targetOf(demo), 'gone'), /gone is no longer in the inventory of connectors\/demo\.py:DemoConnector/);
  });

  it('keeps two targets\' hosts of the same name apart in the pickers, each with its own target', async () => {
    const model = modelOver({ bridge, settingTargets: ['connectors/demo.py:DemoConnector/web'] });
    await model.listSources();
    const choices = await model.hostChoices();
    assert.deepEqual(choices.map((c) => [c.target, names(c.hosts)]), [
      ['connectors/demo.py:DemoConnector', ['web-1', 'web-2', 'db-1']],
      ['connectors/demo.py:DemoConnector/web', ['web-1', 'web-2']],
    ]);
    assert.ok(choices.every((c) => c.hosts.every((h) => h.connector === c.target)), 'each host is credited to the target it came from');
  });

  it('reports a host name yielded by two targets of one run instead of merging them', async () => {
    const run = bridge.run([{ target: 'connectors/demo.py:DemoConnector' }, { target: 'connectors/demo.py:DemoConnector/web' }], 'true');
    await assert.rejects(run, (error: unknown) => {
      assert.ok(error instanceof BridgeError);
      assert.match(error.message, /Host 'web-1' comes from both connectors\/demo\.py:DemoConnector and connectors\/demo\.py:DemoConnector\/web/);
      return true;
    });
  });

  it('says why there is no tree: Restricted Mode, no pyinfra', async () => {
    const untrusted = modelOver({ bridge, trusted: false });
    assert.deepEqual(await untrusted.listSources(), []);
    assert.equal(untrusted.status, 'untrusted');
    const noPyinfra = new Bridge({ python: '/usr/bin/python3', cwd: WORKSPACE });
    try {
      const model = modelOver({ bridge: noPyinfra });
      const statuses: string[] = [];
      model.onDidChange((change) => change.kind === 'status' && statuses.push(model.status));
      assert.deepEqual(await model.listSources(), []);
      assert.deepEqual(statuses, ['noPyinfra']);
    } finally {
      noPyinfra.dispose();
    }
  });
});
