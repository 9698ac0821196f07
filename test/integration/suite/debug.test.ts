// Debugging a connector in the real VS Code: the kit's own debug adapter (debugpy, gevent support) with no
// Python extension installed, breakpoints set through the API as the editor's gutter sets them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import type { DebugOutcome } from '../../../src/features/debug/sessionOutcome';
import { answeringPrompts, stopAndInspect, within } from './debugSession';
import { activateExtension, connectorNamed, hostsBelow, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

suite('Debugging a connector', function () {
  this.timeout(180000);

  test('stops in make_names_data, evaluates a local, and continues to the inventory answer', async () => {
    const { outcome, value, line, frameLine, trackedLines } = await stopAndInspect(
      { type: 'pyinfra-connector', request: 'launch', name: 'e2e: inventory', target: 'connectors/demo.py:DemoConnector/web', action: 'inventory' },
      'hosts = [',
      'name',
    );
    assert.strictEqual(frameLine, line, 'the stack frame is on the breakpoint line');
    assert.ok(trackedLines.includes(line), `the tracker saw a frame on line ${line}: ${trackedLines.join(', ')}`);
    assert.strictEqual(value, "'web'", 'make_names_data got the target argument');
    assert.ok('result' in outcome.reply, JSON.stringify(outcome.reply));
    assert.deepStrictEqual((outcome.reply.result as { name: string }[]).map((h) => h.name), ['web-1', 'web-2']);
  });

  test('stops in run_shell_command reached through action run, and the run succeeds', async () => {
    const { outcome, value, line, frameLine, console } = await stopAndInspect(
      { type: 'pyinfra-connector', request: 'launch', name: 'e2e: run', target: 'connectors/demo.py:DemoConnector', action: 'run', host: 'web-1', command: 'echo debugged-$((6*7))' },
      'return super().run_shell_command(',
      'str(command)',
    );
    assert.strictEqual(frameLine, line);
    assert.match(value, /echo debugged-\$\(\(6\*7\)\)/);
    assert.ok('result' in outcome.reply, JSON.stringify(outcome.reply));
    const results = outcome.reply.result as { host: string; success: boolean; stdout: string }[];
    assert.deepStrictEqual(results.map((r) => [r.host, r.success, r.stdout]), [['web-1', true, 'debugged-42']]);
    assert.match(console, /\[web-1\] debugged-42/, 'the output line reached the debug console');
    await waitFor('the run terminal of the debugged run', () => vscode.window.terminals.find((t) => t.name.startsWith('pyinfra: echo debugged-')));
  });

  test('a dismissed prompt starts no session: put without "remote", run without "command"', async () => {
    const api = await activateExtension();
    const demo = vscode.Uri.joinPath(workspaceRoot(), 'connectors/demo.py');
    const folder = vscode.workspace.workspaceFolders?.[0];
    const put = { type: 'pyinfra-connector', request: 'launch', name: 'e2e: put, dismissed', target: 'connectors/demo.py:DemoConnector', action: 'put', host: 'web-1', local: demo.fsPath };
    assert.strictEqual(await answeringPrompts(() => vscode.debug.startDebugging(folder, put), 'dismiss'), false);
    const host = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-1');
    assert.strictEqual(await answeringPrompts(() => vscode.commands.executeCommand('pyinfraConnectors.debug', host), 'dismiss'), false);
    assert.strictEqual(vscode.debug.activeDebugSession, undefined);
  });

  test('"Debug" on a host in the tree runs the command under the debugger and hands back its result', async () => {
    const api = await activateExtension();
    const host = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-2');
    assert.ok(host, 'web-2 in the tree');
    const finished = new Promise<DebugOutcome>((resolve) => {
      const listener = api.debug.onDidFinish((outcome) => {
        listener.dispose();
        resolve(outcome);
      });
    });
    assert.strictEqual(await vscode.commands.executeCommand('pyinfraConnectors.debug', host, undefined, 'echo from-the-tree'), true);
    const outcome = await within('the session started from the tree to end', finished);
    assert.strictEqual(outcome.launch.target, 'connectors/demo.py:DemoConnector');
    assert.deepStrictEqual((outcome.reply as { result: { host: string; stdout: string }[] }).result.map((r) => [r.host, r.stdout]), [['web-2', 'from-the-tree']]);
  });

  test('CodeLens above the class, make_names_data and run_shell_command: Show in Inventory selects it, Debug runs it', async () => {
    const api = await activateExtension();
    const demo = vscode.Uri.joinPath(workspaceRoot(), 'connectors/demo.py');
    const document = await vscode.workspace.openTextDocument(demo);
    const lineOf = (text: string) => document.getText().split('\n').findIndex((line) => line.includes(text));
    const lenses = await waitFor('the connector CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', demo, 10);
      return found.some((l) => l.command?.title === 'Show in Inventory') ? found : undefined;
    });
    const titlesOn = (line: number) => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title).sort();
    // 'Test': the conformance kit's command (pyinfraConnectors.runConformanceTests) exists
    assert.deepStrictEqual(titlesOn(lineOf('class DemoConnector')), ['Debug', 'Show in Inventory', 'Test']);
    assert.deepStrictEqual(titlesOn(lineOf('def make_names_data')), ['Debug', 'Show in Inventory']);
    assert.deepStrictEqual(titlesOn(lineOf('def run_shell_command')), ['Debug']);

    const other = (await api.inventory.model.listSources()).find((s) => s.label !== 'DemoConnector');
    assert.ok(other, 'another connector to select first');
    await api.inventory.model.select(other.id);
    assert.notStrictEqual(api.inventory.model.selected?.label, 'DemoConnector');
    const show = lenses.find((l) => l.range.start.line === lineOf('class DemoConnector') && l.command?.title === 'Show in Inventory')!;
    await vscode.commands.executeCommand(show.command!.command, ...(show.command!.arguments ?? []));
    assert.strictEqual(api.inventory.model.selected?.label, 'DemoConnector');
    // revealed: the view is open and its row is the tree's selection (which reaches the extension host a little later)
    assert.ok(api.inventory.view.visible, 'the Inventory view is shown');
    await waitFor('the DemoConnector row selected', () => api.inventory.view.selection.some((n) => n.kind === 'connector' && n.source.label === 'DemoConnector'));
    assert.deepStrictEqual(api.inventory.view.selection.map((n) => n.kind === 'connector' && n.source.label), ['DemoConnector']);

    const finished = new Promise<DebugOutcome>((resolve) => {
      const listener = api.debug.onDidFinish((outcome) => {
        listener.dispose();
        resolve(outcome);
      });
    });
    const debug = lenses.find((l) => l.range.start.line === lineOf('def make_names_data') && l.command?.title === 'Debug')!;
    assert.strictEqual(await vscode.commands.executeCommand(debug.command!.command, ...(debug.command!.arguments ?? [])), true);
    const outcome = await within('the session started from the CodeLens to end', finished);
    assert.strictEqual(outcome.launch.action, 'inventory');
    assert.deepStrictEqual((outcome.reply as { result: { name: string }[] }).result.map((h) => h.name), ['web-1', 'web-2', 'db-1']);
  });

  test('a host below a group is revealed: its row becomes the selection, its group and connector expanded', async () => {
    const api = await activateExtension();
    const demo = (await api.inventory.model.listSources()).find((s) => s.label === 'DemoConnector');
    assert.ok(demo, 'DemoConnector in the inventory');
    // every connector has answered the refresh an earlier session left: a redraw while revealing drops the selection
    for (const source of await api.inventory.model.listSources()) await api.inventory.model.hosts(source);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    assert.strictEqual(await api.inventory.reveal(demo.id, 'db-1'), true);
    assert.ok(api.inventory.view.visible, 'the Inventory view is shown again');
    const isDb1 = (n: (typeof api.inventory.view.selection)[number] | undefined) => n?.kind === 'host' && n.host.name === 'db-1';
    await waitFor('the db-1 row selected', () => api.inventory.view.selection.some(isDb1), 15000).catch(() => undefined); // reported a little later
    const [selected] = api.inventory.view.selection;
    assert.ok(isDb1(selected) && selected, `db-1 is selected: ${JSON.stringify(api.inventory.view.selection.map((n) => n.id))}`);
    const parent = api.inventory.provider.getParent(selected);
    const expected = api.inventory.provider.grouped ? 'group' : 'connector';
    assert.strictEqual(parent?.kind, expected, `db-1's parent is its ${expected}`);
    assert.strictEqual(await api.inventory.reveal(demo.id, 'no-such-host'), false);
  });

  test('a launch without a target does not start, and says why', async () => {
    await activateExtension();
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], { type: 'pyinfra-connector', request: 'launch', name: 'e2e: no target', action: 'inventory' });
    assert.strictEqual(started, false);
  });
});

/** A connector of the suite's own with put_file and get_file in its file (the demo inherits LocalConnector's). */
const TRANSFERS = 'connectors/debug_transfers.py';
const TRANSFERS_SOURCE = `"""Written by the debug suite: put_file and get_file of its own, for breakpoints."""
from pyinfra.connectors.local import LocalConnector


class TransferConnector(LocalConnector):
    handles_execution = True

    @staticmethod
    def make_names_data(name=None):
        yield "transfer-1", {}, []

    def put_file(self, filename_or_io, remote_filename, remote_temp_filename=None, print_output=False, print_input=False, **arguments):
        return super().put_file(filename_or_io, remote_filename, remote_temp_filename, print_output=print_output, print_input=print_input, **arguments)

    def get_file(self, remote_filename, filename_or_io, remote_temp_filename=None, print_output=False, print_input=False, **arguments):
        return super().get_file(remote_filename, filename_or_io, remote_temp_filename, print_output=print_output, print_input=print_input, **arguments)
`;

suite('Debugging put_file and get_file', function () {
  this.timeout(180000);
  let file: vscode.Uri;

  suiteSetup(async () => {
    const api = await activateExtension();
    file = await writeWorkspaceFile(TRANSFERS, TRANSFERS_SOURCE);
    await waitFor('TransferConnector in the inventory', async () => (await api.inventory.model.listSources()).find((s) => s.label === 'TransferConnector'), 60000);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(file);
  });

  test('the put_file lens asks where to upload its file; a breakpoint in put_file stops, and the file arrives', async () => {
    await vscode.workspace.openTextDocument(file); // the lens provider is asked for an open document
    const lenses = await waitFor('the lenses of TransferConnector', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file, 10);
      return found.some((l) => l.command?.arguments?.[2] === 'get_file') ? found : undefined;
    });
    const lines = TRANSFERS_SOURCE.split('\n');
    const putLens = lenses.find((l) => l.command?.title === 'Debug' && lines[l.range.start.line].includes('def put_file'));
    assert.ok(putLens?.command, 'a Debug lens above put_file');
    const uploaded = '/tmp/debug_transfers.py'; // the prompt's default: /tmp and the file's name
    fs.rmSync(uploaded, { force: true });
    try {
      const click = () => answeringPrompts(() => vscode.commands.executeCommand(putLens.command!.command, ...(putLens.command!.arguments ?? [])), 'accept');
      const { outcome, value, line, frameLine } = await stopAndInspect(click, 'return super().put_file(', 'remote_filename', TRANSFERS);
      assert.strictEqual(frameLine, line, 'stopped on the breakpoint in put_file');
      assert.strictEqual(value, `'${uploaded}'`);
      assert.deepStrictEqual([outcome.launch.action, outcome.launch.host, outcome.launch.local, outcome.launch.remote], ['put', 'transfer-1', file.fsPath, uploaded]);
      assert.deepStrictEqual((outcome.reply as { result: { host: string; success: boolean }[] }).result.map((r) => [r.host, r.success]), [['transfer-1', true]]);
      assert.strictEqual(fs.readFileSync(uploaded, 'utf8'), TRANSFERS_SOURCE);
    } finally {
      fs.rmSync(uploaded, { force: true });
    }
  });

  test('a get launch without "remote" asks for it; a breakpoint in get_file stops, and the download lands in a temporary file', async () => {
    const launch = { type: 'pyinfra-connector', request: 'launch', name: 'e2e: get', target: `${TRANSFERS}:TransferConnector`, action: 'get', host: 'transfer-1' };
    const start = () => answeringPrompts(() => vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], launch), 'accept');
    const { outcome, value, line, frameLine } = await stopAndInspect(start, 'return super().get_file(', 'remote_filename', TRANSFERS);
    assert.strictEqual(frameLine, line, 'stopped on the breakpoint in get_file');
    assert.strictEqual(value, "'/etc/hostname'", 'the prompt offered /etc/hostname');
    assert.ok('result' in outcome.reply, JSON.stringify(outcome.reply));
    const local = String(outcome.launch.local);
    try {
      assert.ok(local.startsWith(os.tmpdir()), `downloaded into the temporary folder: ${local}`);
      assert.strictEqual(fs.readFileSync(local, 'utf8'), fs.readFileSync('/etc/hostname', 'utf8'));
    } finally {
      fs.rmSync(local, { force: true });
    }
  });
});

/** A connector of the suite's own whose run_shell_command raises, on a line the test knows. */
const RAISES = 'connectors/debug_raises.py';
const RAISES_SOURCE = `"""Written by the debug suite: a run_shell_command that raises."""
from pyinfra.connectors.local import LocalConnector


class RaisesInRun(LocalConnector):
    @staticmethod
    def make_names_data(name=None):
        yield "raising-1", {}, []

    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):
        raise RuntimeError("the API refused the command")
`;

suite('Debugging a connector that raises', function () {
  this.timeout(180000);

  test('a debugged run whose run_shell_command raises puts the error in Problems on the raising line, as a normal run does', async () => {
    const api = await activateExtension();
    const file = await writeWorkspaceFile(RAISES, RAISES_SOURCE);
    try {
      const finished = new Promise<DebugOutcome>((resolve) => {
        const listener = api.debug.onDidFinish((outcome) => {
          listener.dispose();
          resolve(outcome);
        });
      });
      const launch = { type: 'pyinfra-connector', request: 'launch', name: 'e2e: run raises', target: `${RAISES}:RaisesInRun`, action: 'run', host: 'raising-1', command: 'true' };
      assert.strictEqual(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], launch), true);
      const outcome = await within('the session of the raising run to end', finished);
      assert.deepStrictEqual((outcome.reply as { result: { host: string; success: boolean }[] }).result.map((r) => [r.host, r.success]), [['raising-1', false]]);
      const runtime = () => vscode.languages.getDiagnostics(file).filter((d) => d.source === 'pyinfra-kit (runtime)');
      const [diagnostic] = await waitFor('the runtime diagnostic of the debugged run', () => (runtime().length > 0 ? runtime() : undefined));
      assert.strictEqual(diagnostic.range.start.line, RAISES_SOURCE.split('\n').findIndex((line) => line.includes('raise RuntimeError')));
      assert.strictEqual(diagnostic.message, 'RuntimeError: the API refused the command (raised in a run on raising-1)');
      // the file goes (as with `rm`, not through the editor): so does what Problems said about it
      fs.rmSync(file.fsPath);
      await waitFor('the runtime diagnostic of the deleted file to go', () => (runtime().length === 0 ? true : undefined));
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
