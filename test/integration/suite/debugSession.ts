// Debug sessions driven as the suites need them: a DebugAdapterTracker on the adapter's messages, a breakpoint set
// through the API as the gutter sets it, and prompts answered as a person would.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DebugOutcome } from '../../../src/features/debug/sessionOutcome';
import { activateExtension, workspaceRoot } from './helpers';

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

export function within<T>(what: string, promise: Thenable<T>, ms = 60000): Promise<T> {
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
/** A launch configuration, or what starts the session (a command) and resolves whether it started. */
export type Starter = vscode.DebugConfiguration | (() => Thenable<unknown>);

export async function stopAndInspect(launch: Starter, at: string, expression: string, file = 'connectors/demo.py'): Promise<{ outcome: DebugOutcome; value: string; line: number; frameLine: number; trackedLines: number[]; console: string }> {
  const api = await activateExtension();
  const demo = vscode.Uri.joinPath(workspaceRoot(), file);
  const { breakpoint, line } = await breakpointAt(demo, at);
  const tracker = trackAdapter();
  const finished = new Promise<DebugOutcome>((resolve) => {
    const listener = api.debug.onDidFinish((outcome) => {
      listener.dispose();
      resolve(outcome);
    });
  });
  try {
    const started = typeof launch === 'function' ? launch() : vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], launch);
    assert.strictEqual(await started, true, 'the session starts');
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

/**
 * Runs `starting` while answering the input boxes it shows, as a person pressing Enter on the value offered (the
 * prompt's default) or Escape; the quick input is not in the API, so the answer is sent until `starting` settles.
 */
export async function answeringPrompts<T>(starting: () => Thenable<T>, answer: 'accept' | 'dismiss'): Promise<T> {
  let settled = false;
  const pending = Promise.resolve(starting()).finally(() => (settled = true));
  const command = answer === 'accept' ? 'workbench.action.acceptSelectedQuickOpenItem' : 'workbench.action.closeQuickOpen';
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (!settled) await vscode.commands.executeCommand(command);
  }
  return pending;
}
