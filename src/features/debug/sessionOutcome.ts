// When a `pyinfra-connector` session ends, its answer shows where the same request's answer shows without the
// debugger: an inventory refreshes the tree, a run or transfer goes to a run terminal (a host whose connector raised
// to Problems, as in a normal run), and a line to the debug console.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostEntry, HostRunResult } from '../../core/bridge/protocol';
import { countStatuses, type CheckResult } from '../../core/conformance/results';
import { type ConnectorLaunch, type DebugReply, parseReply } from '../../core/debug/launchConfig';
import { terminalText } from '../../core/execution/runReport';
import type { Ctx } from '../ctx';
import { RunTerminal } from '../execution/runTerminal';
import type { InventoryFeature } from '../inventory';
import { RESULT_FILE_KEY } from './launchProvider';

export interface DebugOutcome {
  launch: ConnectorLaunch;
  reply: DebugReply;
}

function readReply(resultFile: string): DebugReply {
  let text: string | undefined;
  try {
    text = fs.readFileSync(resultFile, 'utf8');
  } catch {
    text = undefined; // the session was stopped before the request answered
  }
  fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  return parseReply(text);
}

function describe(launch: ConnectorLaunch, reply: DebugReply): string {
  const what = `${launch.action ?? 'inventory'} of ${launch.target}`;
  if ('error' in reply) return `pyinfra: ${what} failed: ${reply.error.message}`;
  if ((launch.action ?? 'inventory') === 'inventory') {
    const hosts = reply.result as HostEntry[];
    return `pyinfra: ${what}: ${hosts.length} host${hosts.length === 1 ? '' : 's'} (${hosts.map((h) => h.name).join(', ')})`;
  }
  if (launch.action === 'test') {
    const counts = countStatuses(reply.result as CheckResult[]);
    return `pyinfra: ${what}: ${Object.entries(counts).map(([status, count]) => `${count} ${status}`).join(', ')}`;
  }
  if (Array.isArray(reply.result)) {
    const results = reply.result as HostRunResult[];
    return `pyinfra: ${what}: ${results.filter((r) => r.success).length} succeeded, ${results.filter((r) => !r.success).length} failed`;
  }
  return `pyinfra: ${what}: ${JSON.stringify(reply.result)}`;
}

/** The run's output replayed in a run terminal, as a run without the debugger shows it. */
function showRunResults(launch: ConnectorLaunch, results: HostRunResult[]): void {
  const title = `${launch.action === 'run' ? launch.command : `${launch.action} ${launch.remote}`}  (${launch.host ?? launch.target}, debugged)`;
  const pty = new RunTerminal();
  vscode.window.createTerminal({ name: RunTerminal.nameFor(title), pty, iconPath: new vscode.ThemeIcon('debug') }).show(true);
  void pty.start({
    command: title,
    header: terminalText(`\x1b[1mpyinfra: ${title}\x1b[0m\n`),
    run: async ({ onOutput }) => {
      for (const result of results) {
        for (const stream of ['stdout', 'stderr'] as const) {
          for (const line of result[stream] ? result[stream].split('\n') : []) onOutput({ host: result.host, stream, line });
        }
      }
      return results;
    },
  });
}

export function settleSession(ctx: Ctx, inventory: InventoryFeature, session: vscode.DebugSession): DebugOutcome | undefined {
  const resultFile = session.configuration[RESULT_FILE_KEY];
  if (typeof resultFile !== 'string') return undefined;
  const launch = session.configuration as ConnectorLaunch;
  const reply = readReply(resultFile);
  const line = describe(launch, reply);
  if ('error' in reply) {
    ctx.log.error(line);
    if (reply.error.detail) ctx.log.error(reply.error.detail);
    // a session stopped before it answered is the person's choice, not a failure to announce
    if (reply.error.kind !== 'exited') void vscode.window.showErrorMessage(line);
  } else {
    ctx.log.info(line);
  }
  vscode.debug.activeDebugConsole.appendLine(line);
  const action = launch.action ?? 'inventory';
  if (action === 'inventory') inventory.model.refresh(); // the tree's own load shows where make_names_data raised
  else if ('result' in reply && Array.isArray(reply.result) && action !== 'test') showRunResults(launch, ctx.readResults([launch.target ?? ''], action, reply.result as HostRunResult[]));
  return { launch, reply };
}
