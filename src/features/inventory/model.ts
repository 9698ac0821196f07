// The InventoryModel of src/core/inventory, fed by this extension: the bridge for hosts and installed
// connectors, the language client for workspace classes, settings, workspace trust, the log.
import * as vscode from 'vscode';
import type { ConnectorClass } from '../../core/analysis/types';
import type { DataKeysResult } from '../../server/customMessages';
import { InventoryModel } from '../../core/inventory/model';
import { unsavedSources } from '../bridgeFactory';
import type { Ctx } from '../ctx';

export interface ConnectorClassFeed {
  connectorClasses(): Promise<ConnectorClass[]>;
  /** A workspace class's host data keys with type, description and default (the host-data tooltips). */
  dataKeys(file: string, className: string): Promise<DataKeysResult | null>;
  onDidChangeConnectorClasses: vscode.Event<void>;
}

export function createInventoryModel(ctx: Ctx, classes: ConnectorClassFeed): InventoryModel {
  return new InventoryModel({
    isTrusted: () => ctx.isTrusted,
    workspaceRoot: () => ctx.folder?.uri.fsPath ?? '',
    settingTargets: () => ctx.config.inventoryTargets,
    installed: async () => (await ctx.bridge()).connectors(),
    classes: () => classes.connectorClasses(),
    hosts: async (target, { showSecrets, onHosts }) => {
      try {
        const hosts = await (await ctx.bridge()).inventory(target, { timeoutMs: ctx.config.inventoryTimeoutMs, showSecrets, sources: unsavedSources(), onHosts });
        ctx.runtimeErrors.clear(target);
        return hosts;
      } catch (error) {
        throw ctx.runtimeErrors.failed(target, `make_names_data of ${target}`, error);
      }
    },
    reportError: (error, doing) => void ctx.describeError(error, doing),
    log: (message) => ctx.log.info(message),
  }, ctx.extension.workspaceState);
}
