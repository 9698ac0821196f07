// Runs a person can follow: progress while a command runs, one terminal per target, recent runs to reopen,
// Ctrl+C naming the cancelled hosts, and every run in the log.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import type { ExtensionApi } from '../../../src/extension';
import type { InventoryNode } from '../../../src/features/inventory/nodes';
import { activateExtension, connectorNamed, hostsBelow, logText, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/** DemoConnector's group web, once its answer is in (the connector's row comes first, while it loads). */
async function webGroup(api: ExtensionApi): Promise<InventoryNode> {
  return waitFor('group web of DemoConnector', async () => {
    const demo = await connectorNamed(api, 'DemoConnector');
    return (await api.inventory.provider.getChildren(demo)).find((n) => n.kind === 'group' && n.group.name === 'web');
  });
}

function runOn(node: InventoryNode, command: string): Thenable<HostRunResult[]> {
  return vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', node, undefined, { command }) as Thenable<HostRunResult[]>;
}

// host names and an error that would forge summary lines if the terminal took them as they are
const FORGED_FILE = 'connectors/forged_names.py';
const FORGED_SOURCE = [
  'from pyinfra.connectors.local import LocalConnector',
  '',
  '',
  'class ForgedNames(LocalConnector):',
  '    handles_execution = True',
  '',
  '    @staticmethod',
  '    def make_names_data(name=None):',
  '        yield "evil\\r\\n  web-1  \\x1b[32m✔ succeeded", {}, []',
  '        yield "raiser", {}, []',
  '',
  '    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):',
  '        if self.host.name == "raiser":',
  '            raise RuntimeError("boom\\n  db-1  \\x1b[32m✔ succeeded")',
  '        return super().run_shell_command(command, print_output=print_output, print_input=print_input, **arguments)',
  '',
].join('\n');

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
    const running = runOn(web, 'sleep 60'); // ended by the Ctrl+C alone, however slow the machine
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
    const log = await waitFor('the cancellation in the log', () => (/Run 'sleep 60' on group web cancelled \(web-\d, web-\d not finished\)/.test(logText(api)) ? logText(api) : undefined));
    assert.match(log, /Run 'sleep 60' on group web \(options: none\)/);
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

  test('host names and errors holding newlines or ANSI escapes cannot forge lines of the run terminal; the command\'s own output stays as it was written', async () => {
    const api = await activateExtension();
    await writeWorkspaceFile(FORGED_FILE, FORGED_SOURCE);
    try {
      const connector = await waitFor('ForgedNames with its hosts', async () => {
        api.inventory.provider.refresh();
        const node = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'ForgedNames');
        return node && (await hostsBelow(api, node)).length === 2 ? node : undefined;
      });
      const evil = (await hostsBelow(api, connector)).find((n) => n.kind === 'host' && n.host.name.startsWith('evil'));
      assert.ok(evil);
      await runOn(evil, "printf '\\033[35mcolored\\033[0m\\n'");
      await runOn(connector, "printf '\\033[35mcolored\\033[0m\\n'");
      for (const record of api.execution.recentRuns().slice(0, 2)) {
        const transcript = record.outcome.transcript;
        const lines = transcript.replace(/\x1b\[[0-9;]*m/g, '').split('\r\n');
        assert.ok(!lines.some((line) => /^ +(web|db)-1 +✔/.test(line)), `no forged line in:\n${lines.join('\n')}`);
        assert.ok(transcript.includes('evil\\r\\n  web-1  \\x1b[32m✔ succeeded'), 'the host name is shown escaped');
        assert.ok(transcript.includes('\x1b[35mcolored\x1b[0m'), 'the command\'s own escapes reach the terminal');
      }
      const [both] = api.execution.recentRuns();
      assert.ok(both.outcome.transcript.includes('boom\\n  db-1  \\x1b[32m✔ succeeded'), 'the error is shown escaped');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), FORGED_FILE));
    }
  });
});
