// The InventoryModel of src/core/inventory, fed by this extension: the bridge for hosts and installed
// connectors, the language client for workspace classes, settings, workspace trust, the log.
import * as vscode from 'vscode';
import type { ConnectorClass } from '../../core/analysis/types';
import { InventoryModel } from '../../core/inventory/model';
import { unsavedSources } from '../bridgeFactory';
import type { Ctx } from '../ctx';

export interface ConnectorClassFeed {
  connectorClasses(): Promise<ConnectorClass[]>;
  onDidChangeConnectorClasses: vscode.Event<void>;
}

function settings(ctx: Ctx): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('pyinfraConnectors', ctx.folder?.uri);
}

export function createInventoryModel(ctx: Ctx, classes: ConnectorClassFeed): InventoryModel {
  return new InventoryModel({
    isTrusted: () => ctx.isTrusted,
    workspaceRoot: () => ctx.folder?.uri.fsPath ?? '',
    settingTargets: () => settings(ctx).get<string[]>('inventory', []),
    installed: async () => (await ctx.bridge()).connectors(),
    classes: () => classes.connectorClasses(),
    hosts: async (target, { showSecrets }) => {
      const timeoutMs = 1000 * settings(ctx).get<number>('inventoryTimeout', 30);
      return (await ctx.bridge()).inventory(target, { timeoutMs, showSecrets, sources: unsavedSources() });
    },
    reportError: (error, doing) => void ctx.describeError(error, doing),
    log: (message) => ctx.log.info(message),
  }, ctx.extension.workspaceState);
}
