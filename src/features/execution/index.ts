// Execution: run a shell command, upload, download, on hosts chosen in the tree or a quick pick;
// runs show in a terminal and can be re-run or kept as `pyinfra-connector` tasks.
import * as vscode from 'vscode';
import type { HostRunResult } from '../../core/bridge/protocol';
import { rememberCommand } from '../../core/execution/history';
import type { ChosenHosts } from '../../core/inventory/chosenHosts';
import type { Ctx } from '../ctx';
import type { InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';
import { pickHosts } from '../inventory/pickers';
import { askCommand, RunSettings } from './runFlow';
import { RunRecord, RunRequest, Runs } from './runs';
import { TASK_TYPE, taskProvider } from './tasks';
import { download, DownloadRequest, upload, UploadRequest } from './transfer';

const HISTORY_KEY = 'pyinfraConnectors.commandHistory';

export type { RunRequest };

export interface ExecutionFeature {
  /** Runs in the target's terminal and resolves with the results of every host that ended. */
  run(request: RunRequest): Promise<HostRunResult[]>;
  lastRun(): RunRequest | undefined;
  runs: Runs;
  recentRuns(): readonly RunRecord[];
}

/** What a session remembers: the last request (Run Again) and the options last chosen in the run flow. */
interface Session {
  last?: RunRequest;
  settings: RunSettings;
  history(): string[];
  run(request: RunRequest): Promise<HostRunResult[]>;
}

/** The hosts a command addresses: tree nodes it was invoked on, the tree selection, or a quick pick. */
async function chooseHosts(inventory: InventoryFeature, title: string, node?: InventoryNode, nodes?: readonly InventoryNode[], many = true): Promise<ChosenHosts | undefined> {
  const fromTree = nodes && nodes.length > 0 ? nodes : node ? [node] : undefined;
  if (fromTree) return inventory.model.chosenHosts(fromTree);
  return pickHosts(inventory.model, title, many);
}

function executionCommands(ctx: Ctx, inventory: InventoryFeature, runs: Runs, session: Session): Record<string, (...args: any[]) => unknown> {
  return {
    'pyinfraConnectors.runShellCommand': async (node?: InventoryNode, nodes?: InventoryNode[], request?: { command: string; settings?: RunSettings }) => {
      if (!ctx.ensureTrusted('Running a command')) return undefined;
      const hosts = await chooseHosts(inventory, 'Run Shell Command', node, nodes);
      if (!hosts) return undefined;
      const answer = request ?? (await askCommand(`Run Shell Command on ${hosts.label}`, session.history(), session.settings));
      if (!answer) return undefined;
      // options chosen in the flow are kept for the next run of this session
      if (answer.settings) session.settings = answer.settings;
      return session.run({ hosts, command: answer.command, settings: session.settings });
    },
    'pyinfraConnectors.runAgain': () => {
      if (!session.last) return void vscode.window.showInformationMessage('Nothing has run yet: use "pyinfra: Run Shell Command…" first.');
      return session.run(session.last);
    },
    'pyinfraConnectors.showRecentRuns': () => runs.showRecent(),
    'pyinfraConnectors.uploadFile': async (node?: InventoryNode, nodes?: InventoryNode[], request?: UploadRequest) => {
      if (!ctx.ensureTrusted('Uploading a file')) return undefined;
      const hosts = await chooseHosts(inventory, 'Upload File', node, nodes);
      return hosts && upload(ctx, hosts, request);
    },
    'pyinfraConnectors.downloadFile': async (node?: InventoryNode, nodes?: InventoryNode[], request?: DownloadRequest) => {
      if (!ctx.ensureTrusted('Downloading a file')) return undefined;
      const hosts = await chooseHosts(inventory, 'Download File', node, nodes, false);
      return hosts && download(ctx, hosts, request);
    },
  };
}

export function activateExecution(ctx: Ctx, inventory: InventoryFeature): ExecutionFeature {
  const runs = new Runs(ctx);
  // the tree marks the hosts a command is running on
  inventory.provider.runningHost = (target, host) => runs.isRunning(target, host);
  ctx.extension.subscriptions.push(runs.onDidChangeProgress(() => inventory.provider.rerender()));
  const session: Session = {
    settings: {},
    history: () => ctx.extension.workspaceState.get<string[]>(HISTORY_KEY, []),
    run: async (request) => {
      session.last = request;
      void vscode.commands.executeCommand('setContext', 'pyinfraConnectors.hasLastRun', true);
      await ctx.extension.workspaceState.update(HISTORY_KEY, rememberCommand(session.history(), request.command));
      return (await runs.run(request)).results;
    },
  };
  ctx.extension.subscriptions.push(
    ...Object.entries(executionCommands(ctx, inventory, runs, session)).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    runs,
    vscode.tasks.registerTaskProvider(TASK_TYPE, taskProvider(runs, inventory, () => session.history()[0])),
  );
  return { run: session.run, lastRun: () => session.last, runs, recentRuns: () => runs.recentRuns };
}
