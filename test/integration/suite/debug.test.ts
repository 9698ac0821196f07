// Debugging a connector in the real VS Code: the kit's own debug adapter (debugpy, gevent support) with no
// Python extension installed, breakpoints set through the API as the editor's gutter sets them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DebugOutcome } from '../../../src/features/debug/sessionOutcome';
import { activateExtension, connectorNamed, hostsBelow, waitFor, workspaceRoot } from './helpers';

interface StoppedBody { reason: string; threadId: number }

/** Records the adapter's `stopped` events and the stack frames it reports, as a DebugAdapterTracker sees them. */
function trackAdapter(): { nextStop: () => Promise<StoppedBody>; frameLines: number[]; output: string[]; dispose: () => void } {
  const stops: StoppedBody[] = [];
  const output: string[] = [];
  const waiting: ((body: StoppedBody) => void)[] = [];
  const frameLines: number[] = [];
  const registration = vscode.debug.registerDebugAdapterTrackerFactory('pyinfra-connector', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage: (message: { type: string; event?: string; command?: string; body?: any }) => {
        if (message.type === 'event' && message.event === 'stopped') {
          const next = waiting.shift();
          if (next) next(message.body);
          else stops.push(message.body);
        }
        if (message.type === 'event' && message.event === 'output' && message.body?.category !== 'telemetry') output.push(message.body.output);
        if (message.type === 'response' && message.command === 'stackTrace' && message.body?.stackFrames?.[0]) frameLines.push(message.body.stackFrames[0].line);
      },
    }),
  });
  const nextStop = () => {
    const queued = stops.shift();
    return queued ? Promise.resolve(queued) : new Promise<StoppedBody>((resolve) => waiting.push(resolve));
  };
  return { nextStop, frameLines, output, dispose: () => registration.dispose() };
}

function within<T>(what: string, promise: Thenable<T>, ms = 60000): Promise<T> {
  return Promise.race([Promise.resolve(promise), new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}

async function breakpointAt(file: vscode.Uri, text: string): Promise<{ breakpoint: vscode.SourceBreakpoint; line: number }> {
  const document = await vscode.workspace.openTextDocument(file);
  const index = document.getText().split('\n').findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `'${text}' in ${file.fsPath}`);
  const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(file, new vscode.Position(index, 0)));
  vscode.debug.addBreakpoints([breakpoint]);
  return { breakpoint, line: index + 1 };
}

/** Starts a session, waits for the stop, checks the frame and evaluates `expression` there; then continues. */
async function stopAndInspect(launch: vscode.DebugConfiguration, at: string, expression: string): Promise<{ outcome: DebugOutcome; value: string; line: number; frameLine: number; trackedLines: number[]; console: string }> {
  const api = await activateExtension();
  const demo = vscode.Uri.joinPath(workspaceRoot(), 'connectors/demo.py');
  const { breakpoint, line } = await breakpointAt(demo, at);
  const tracker = trackAdapter();
  const finished = new Promise<DebugOutcome>((resolve) => {
    const listener = api.debug.onDidFinish((outcome) => {
      listener.dispose();
      resolve(outcome);
    });
  });
  try {
    assert.strictEqual(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], launch), true, 'the session starts');
    const stopped = await within('the stop at the breakpoint', tracker.nextStop());
    assert.strictEqual(stopped.reason, 'breakpoint');
    const session = vscode.debug.activeDebugSession;
    assert.ok(session && session.type === 'pyinfra-connector', 'a pyinfra-connector session is active');
    const trace = await session.customRequest('stackTrace', { threadId: stopped.threadId, startFrame: 0, levels: 1 });
    const frame = trace.stackFrames[0];
    // a remote window (code-server) reports sources as vscode-remote URIs
    assert.ok(String(frame.source.path).endsWith(demo.path), `the frame is in ${demo.path}: ${frame.source.path}`);
    const evaluated = await session.customRequest('evaluate', { expression, frameId: frame.id, context: 'watch' });
    vscode.debug.removeBreakpoints([breakpoint]);
    await session.customRequest('continue', { threadId: stopped.threadId });
    const outcome = await within('the session to end with an answer', finished);
    return { outcome, value: evaluated.result, line, frameLine: frame.line, trackedLines: tracker.frameLines, console: tracker.output.join('') };
  } finally {
    vscode.debug.removeBreakpoints([breakpoint]);
    tracker.dispose();
  }
}

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

  test('a launch without a target does not start, and says why', async () => {
    await activateExtension();
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], { type: 'pyinfra-connector', request: 'launch', name: 'e2e: no target', action: 'inventory' });
    assert.strictEqual(started, false);
  });
});
