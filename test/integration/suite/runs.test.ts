// Runs a person can follow: progress while a command runs, one terminal per target, recent runs to reopen,
// Ctrl+C naming the cancelled hosts, and every run in the log.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import type { ExtensionApi } from '../../../src/extension';
import type { InventoryNode } from '../../../src/features/inventory/nodes';
import { activateExtension, connectorNamed, hostsBelow, logText, waitFor } from './helpers';

async function webGroup(api: ExtensionApi): Promise<InventoryNode> {
  const demo = await connectorNamed(api, 'DemoConnector');
  const web = (await api.inventory.provider.getChildren(demo)).find((n) => n.kind === 'group' && n.group.name === 'web');
  assert.ok(web, 'group web');
  return web;
}

function runOn(node: InventoryNode, command: string): Thenable<HostRunResult[]> {
  return vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', node, undefined, { command }) as Thenable<HostRunResult[]>;
}

const pyinfraTerminals = () => vscode.window.terminals.filter((t) => t.name.startsWith('pyinfra: '));

suite('Runs', function () {
  this.timeout(120000);

  test('a run shows how many hosts finished while it runs, then is kept among the recent runs', async () => {
    const api = await activateExtension();
    const web = await webGroup(api);
    const seen: string[] = [];
    const listener = api.execution.runs.onDidChangeProgress(() => {
      for (const progress of api.execution.runs.running) seen.push(`${progress.finished.length}/${progress.planned.length}`);
    });
    const running = runOn(web, 'sleep 1; echo done-$((1+1))');
    const midway = await waitFor('a run in progress with its hosts planned', () => {
      const [progress] = api.execution.runs.running;
      return progress && progress.planned.length === 2 ? { ...progress, planned: [...progress.planned] } : undefined;
    });
    assert.deepStrictEqual(midway.planned.sort(), ['web-1', 'web-2']);
    const results = await running;
    assert.strictEqual(results.length, 2);
    listener.dispose();
    assert.deepStrictEqual([...new Set(seen)], ['0/0', '0/2', '1/2', '2/2'], 'the finished count as each host ended');
    assert.strictEqual(api.execution.runs.running.length, 0, 'no run in progress once it ended');
    const [record] = api.execution.recentRuns();
    assert.strictEqual(record.request.command, api.execution.lastRun()?.command);
    const document = await api.execution.runs.open(record);
    assert.match(document.getText(), /\[web-1\] done-2/);
    assert.match(document.getText(), /2 succeeded, 0 failed/);
    assert.ok(!/\x1b\[/.test(document.getText()), 'the reopened run is plain text');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('runs on one target reuse its terminal; the setting opens a terminal per run', async () => {
    const api = await activateExtension();
    const [host] = await hostsBelow(api, await connectorNamed(api, '@local'));
    await runOn(host, 'echo first');
    const before = pyinfraTerminals().length;
    await runOn(host, 'echo second');
    assert.strictEqual(pyinfraTerminals().length, before, 'the second run on @local used the same terminal');
    const config = vscode.workspace.getConfiguration('pyinfraConnectors');
    await config.update('run.terminalPerRun', true, vscode.ConfigurationTarget.Workspace);
    try {
      await runOn(host, 'echo third');
      assert.strictEqual(pyinfraTerminals().length, before + 1, 'with run.terminalPerRun a run opens its own terminal');
    } finally {
      await config.update('run.terminalPerRun', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Ctrl+C cancels: the summary and the log name the hosts that were cancelled', async () => {
    const api = await activateExtension();
    const web = await webGroup(api);
    const running = runOn(web, 'sleep 6');
    await waitFor('the run to have planned its hosts', () => (api.execution.runs.running[0]?.planned.length === 2 ? true : undefined));
    assert.ok(web.kind === 'group');
    const terminal = api.execution.runs.terminalOf([api.inventory.model.targetOf(web.source)]);
    assert.ok(terminal, 'the terminal of the DemoConnector target');
    terminal.sendText('\x03', false);
    const results = await running;
    assert.deepStrictEqual(results, [], 'no host had ended');
    const [record] = api.execution.recentRuns();
    assert.deepStrictEqual([...record.outcome.cancelled].sort(), ['web-1', 'web-2']);
    assert.match(record.outcome.transcript.replace(/\x1b\[[0-9;]*m/g, ''), /web-1 +■ cancelled/);
    const log = await waitFor('the cancellation in the log', () => (/Run 'sleep 6' on group web cancelled \(web-\d, web-\d not finished\)/.test(logText(api)) ? logText(api) : undefined));
    assert.match(log, /Run 'sleep 6' on group web \(options: none\)/);
  });

  test('the log records a run with its options and each host\'s result', async () => {
    const api = await activateExtension();
    const [host] = await hostsBelow(api, await connectorNamed(api, '@local'));
    const results = (await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined,
      { command: 'echo "$GREETING"; exit 3', settings: { env: { GREETING: 'hi there' }, chdir: '/tmp' } })) as HostRunResult[];
    assert.strictEqual(results[0].stdout.trim(), 'hi there');
    await waitFor('the run and its result in the log', () => {
      const log = logText(api);
      return /Run 'echo "\$GREETING"; exit 3' on @local \(options: env GREETING, cd \/tmp\)/.test(log) && /@local failed/.test(log) ? true : undefined;
    });
    assert.ok(!logText(api).includes('hi there'), 'environment values stay out of the log');
  });
});
