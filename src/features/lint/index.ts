// The lint feature's VS Code side: the status item and commands at once; the language client (most of
// the extension's code, vscode-languageclient) is loaded from its chunk right after activation returns.
import * as vscode from 'vscode';
import type { ConnectorClass } from '../../core/analysis/types';
import type { DataKeysResult } from '../../server/customMessages';
import { loadChunk } from '../chunks';
import type { Config } from '../config';
import type { LintClient } from './client';
import { SELECTOR } from './selector';
import { createLintStatusItem, SHOW_LOG_COMMAND } from './statusItem';

export const RESTART_COMMAND = 'pyinfraConnectors.lint.restart';

export interface LintFeature {
  /** The language client, once its chunk is loaded and it was asked to start. */
  client(): Promise<LintClient['client']>;
  connectorClasses(): Promise<ConnectorClass[]>;
  /** Host data keys of a workspace connector class, with type, description and default (for tooltips). */
  dataKeys(file: string, className: string): Promise<DataKeysResult | null>;
  onDidChangeConnectorClasses: vscode.Event<void>;
  /** The language status item: scan progress, then counts. */
  statusItem: vscode.LanguageStatusItem;
  restart(): Promise<void>;
  /** Stops the server; deactivate awaits it so the process is gone when VS Code unloads the extension. */
  stop(): Promise<void>;
}

export function activateLint(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, config: Config): LintFeature {
  const status = createLintStatusItem(SELECTOR);
  const classesChanged = new vscode.EventEmitter<void>();
  const lint = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => loadChunk('lintClient').startLintClient({ context, log, config, status, classesChanged }));
  context.subscriptions.push(
    status.item,
    classesChanged,
    vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show()),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => (await lint).restart()),
  );
  return {
    client: async () => (await lint).client,
    connectorClasses: async () => (await lint).connectorClasses(),
    dataKeys: async (file, className) => (await lint).dataKeys(file, className),
    onDidChangeConnectorClasses: classesChanged.event,
    statusItem: status.item,
    restart: async () => (await lint).restart(),
    stop: async () => (await lint).stop(),
  };
}
