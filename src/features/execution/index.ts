// Execution: run a shell command, upload, download, on hosts chosen in the tree or a quick pick;
// runs show in a terminal and can be re-run or kept as `pyinfra-connector` tasks.
import * as vscode from 'vscode';
import type { HostRunResult, HostSelector } from '../../core/bridge/protocol';
import { withHostKeyConsent } from '../../core/connectors/hostKeyConsent';
import { rememberCommand } from '../../core/execution/history';
import type { ChosenHosts } from '../../core/inventory/chosenHosts';
import { unsavedSources } from '../bridgeFactory';
import type { Ctx } from '../ctx';
import type { InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';
import { pickHosts } from '../inventory/pickers';
import { askAboutHostKey } from '../ssh/hostKeyPrompt';
import { askCommand, RunSettings } from './runFlow';
import { RunTerminal } from './runTerminal';
import { download, DownloadRequest, upload, UploadRequest } from './transfer';

const HISTORY_KEY = 'pyinfraConnectors.commandHistory';
const TASK_TYPE = 'pyinfra-connector';

export interface RunRequest {
  hosts: ChosenHosts;
  command: string;
  settings?: RunSettings;
}

export interface ExecutionFeature {
  /** Runs in a new terminal and resolves with every host's result. */
  run(request: RunRequest): Promise<HostRunResult[]>;
  lastRun(): RunRequest | undefined;
}

interface PyinfraTaskDefinition extends vscode.TaskDefinition {
  target: string;
  command: string;
  sudo?: boolean;
}

/** `target#host` in a task picks one host of the target. */
function taskSelector(target: string): HostSelector {
  const hash = target.lastIndexOf('#');
  return hash > 0 ? { target: target.slice(0, hash), hosts: [target.slice(hash + 1)] } : { target };
}

export function activateExecution(ctx: Ctx, inventory: InventoryFeature): ExecutionFeature {
  let last: RunRequest | undefined;
  let settings: RunSettings = {};
  const history = () => ctx.extension.workspaceState.get<string[]>(HISTORY_KEY, []);

  const terminalFor = (request: RunRequest, closeWhenDone: boolean) =>
    new RunTerminal(`pyinfra: ${request.command}  (${request.hosts.label})`, async (onOutput, signal) => {
      const bridge = await ctx.bridge();
      const options = { ...request.settings, onOutput, signal, sources: unsavedSources() };
      const first = await bridge.run(request.hosts.selectors, request.command, options);
      return withHostKeyConsent(first, askAboutHostKey, (selectors, hostKeys) => bridge.run(selectors, request.command, { ...options, hostKeys }));
    }, closeWhenDone);

  const run = async (request: RunRequest): Promise<HostRunResult[]> => {
    last = request;
    void vscode.commands.executeCommand('setContext', 'pyinfraConnectors.hasLastRun', true);
    await ctx.extension.workspaceState.update(HISTORY_KEY, rememberCommand(history(), request.command));
    ctx.log.info(`Run on ${request.hosts.label}: ${request.command}`);
    const pty = terminalFor(request, false);
    const terminal = vscode.window.createTerminal({ name: `pyinfra: ${request.command}`.slice(0, 60), pty, iconPath: new vscode.ThemeIcon('server') });
    terminal.show(true);
    return pty.done;
  };

  /** The hosts a command addresses: tree nodes it was invoked on, the tree selection, or a quick pick. */
  const chooseHosts = async (title: string, node?: InventoryNode, nodes?: readonly InventoryNode[], many = true): Promise<ChosenHosts | undefined> => {
    const fromTree = nodes && nodes.length > 0 ? nodes : node ? [node] : undefined;
    if (fromTree) return inventory.model.chosenHosts(fromTree);
    return pickHosts(inventory.model, title, many);
  };

  const commands: Record<string, (...args: any[]) => unknown> = {
    'pyinfraConnectors.runShellCommand': async (node?: InventoryNode, nodes?: InventoryNode[], request?: { command: string; settings?: RunSettings }) => {
      if (!ctx.ensureTrusted('Running a command')) return undefined;
      const hosts = await chooseHosts('Run Shell Command', node, nodes);
      if (!hosts) return undefined;
      const answer = request ?? (await askCommand(`Run Shell Command on ${hosts.label}`, history(), settings));
      if (!answer) return undefined;
      // options chosen in the flow are kept for the next run of this session
      if (answer.settings) settings = answer.settings;
      return run({ hosts, command: answer.command, settings });
    },
    'pyinfraConnectors.runAgain': () => {
      if (!last) return void vscode.window.showInformationMessage('Nothing has run yet: use "pyinfra: Run Shell Command…" first.');
      return run(last);
    },
    'pyinfraConnectors.uploadFile': async (node?: InventoryNode, nodes?: InventoryNode[], request?: UploadRequest) => {
      if (!ctx.ensureTrusted('Uploading a file')) return undefined;
      const hosts = await chooseHosts('Upload File', node, nodes);
      return hosts && upload(ctx, hosts, request);
    },
    'pyinfraConnectors.downloadFile': async (node?: InventoryNode, nodes?: InventoryNode[], request?: DownloadRequest) => {
      if (!ctx.ensureTrusted('Downloading a file')) return undefined;
      const hosts = await chooseHosts('Download File', node, nodes, false);
      return hosts && download(ctx, hosts, request);
    },
  };

  const taskProvider: vscode.TaskProvider = {
    provideTasks: () => (last ? [toTask(last.hosts.selectors[0], last.command)] : []),
    resolveTask: (task) => {
      const definition = task.definition as PyinfraTaskDefinition;
      if (!definition.target || !definition.command) return undefined;
      return toTask(taskSelector(definition.target), definition.command, definition);
    },
  };

  function toTask(selector: HostSelector, command: string, definition?: PyinfraTaskDefinition): vscode.Task {
    const target = selector.hosts?.length === 1 ? `${selector.target}#${selector.hosts[0]}` : selector.target;
    const resolved: PyinfraTaskDefinition = definition ?? { type: TASK_TYPE, target, command };
    const request: RunRequest = { hosts: { selectors: [selector], label: target }, command, settings: { sudo: resolved.sudo } };
    return new vscode.Task(resolved, vscode.TaskScope.Workspace, `${command} on ${target}`, 'pyinfra',
      new vscode.CustomExecution(async () => terminalFor(request, true)));
  }

  ctx.extension.subscriptions.push(
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, taskProvider),
  );
  return { run, lastRun: () => last };
}
