// Debugging a connector: the `pyinfra-connector` debug type (debugpy's adapter, gevent support on), the
// "Debug" tree command, "Install debugpy", and the answer shown when a session ends.
import * as vscode from 'vscode';
import { DEBUG_TYPE, launchFor, type ConnectorLaunch } from '../../core/debug/launchConfig';
import type { ConnectorSource } from '../../core/inventory/sources';
import type { Ctx } from '../ctx';
import { runInstallTask } from '../environment';
import type { ConnectorClassFeed, InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';
import { ConnectorCodeLens, DEBUG_METHOD_COMMAND, launchForMethod, SHOW_IN_INVENTORY_COMMAND, sourceOfClass } from './codeLens';
import { ConnectorLaunchProvider, DebugpyAdapterFactory, INSTALL_DEBUGPY_COMMAND } from './launchProvider';
import { settleSession, type DebugOutcome } from './sessionOutcome';

export interface DebugFeature {
  /** Fires when a `pyinfra-connector` session ended, with the answer its request gave. */
  onDidFinish: vscode.Event<DebugOutcome>;
  /** Starts a session for a launch configuration; resolves whether it started. */
  start(launch: ConnectorLaunch): Thenable<boolean>;
}

export function activateDebug(ctx: Ctx, inventory: InventoryFeature, classes: ConnectorClassFeed): DebugFeature {
  const finished = new vscode.EventEmitter<DebugOutcome>();
  const targetOf = (source: ConnectorSource) => inventory.model.targetOf(source);
  const selectedTarget = () => {
    const selected = inventory.model.selected;
    return selected ? targetOf(selected) : undefined;
  };
  const start = (launch: ConnectorLaunch) => vscode.debug.startDebugging(ctx.folder, { ...launchFor(launch.target ?? '', launch.action ?? 'inventory'), ...launch });

  const commands: Record<string, (...args: any[]) => unknown> = {
    /** On a connector: its inventory; on a host: a command on it (given by a caller, else asked when it starts). */
    'pyinfraConnectors.debug': async (node?: InventoryNode, _nodes?: InventoryNode[], command?: string) => {
      if (!ctx.ensureTrusted('Debugging a connector')) return false;
      if (node?.kind === 'host') return start(launchFor(targetOf(node.source), 'run', { host: node.host.name, command }));
      const target = node && 'source' in node ? targetOf(node.source) : selectedTarget();
      if (!target) return void vscode.window.showErrorMessage('pyinfra: select a connector to debug in the Inventory view.');
      return start(launchFor(target, 'inventory'));
    },
    /** A CodeLens: the launch that reaches `method` of a workspace class. */
    [DEBUG_METHOD_COMMAND]: async (file: string, className: string, method: string) => {
      if (!ctx.ensureTrusted('Debugging a connector')) return false;
      const source = await sourceOfClass(inventory.model, file, className);
      if (!source) return void vscode.window.showErrorMessage(`pyinfra: ${className} is not in the inventory (is it a concrete connector class?).`);
      const launch = await launchForMethod(inventory.model, source, method);
      return launch ? start(launch) : false;
    },
    [SHOW_IN_INVENTORY_COMMAND]: async (file: string, className: string) => {
      const source = await sourceOfClass(inventory.model, file, className);
      if (!source) return void vscode.window.showErrorMessage(`pyinfra: ${className} is not in the inventory (is it a concrete connector class?).`);
      await inventory.model.select(source.id);
      await inventory.reveal(source.id);
      return source.id;
    },
    [INSTALL_DEBUGPY_COMMAND]: async (python?: string) => {
      const folder = ctx.folder;
      if (!folder) return void vscode.window.showErrorMessage('Open a folder first: debugpy is installed for its interpreter.');
      if (!ctx.ensureTrusted('Installing debugpy')) return;
      const interpreter = python ?? ctx.interpreterPath ?? 'python3';
      const exitCode = await runInstallTask(folder, 'Install debugpy', `"${interpreter}" -m pip install --upgrade "debugpy>=1.8,<2"`);
      if (exitCode !== 0) return void vscode.window.showErrorMessage(`Installing debugpy failed (exit code ${exitCode}); see the terminal.`);
      void vscode.window.showInformationMessage(`debugpy is installed for ${interpreter}: start the debug session again.`);
    },
  };

  const lenses = new ConnectorCodeLens(classes);
  ctx.extension.subscriptions.push(
    finished,
    lenses,
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file' }, lenses),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new ConnectorLaunchProvider(ctx, selectedTarget)),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new DebugpyAdapterFactory()),
    vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.type !== DEBUG_TYPE) return;
      const outcome = settleSession(ctx, inventory, session);
      if (outcome) finished.fire(outcome);
    }),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
  return { onDidFinish: finished.event, start };
}
