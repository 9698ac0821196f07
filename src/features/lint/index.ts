// The lint feature's VS Code side: starts the language server (dist/server.js) through
// vscode-languageclient, keeps it running (restarts with back-off, logged), shows its status, and gives
// the inventory sidebar the workspace's connector classes.
import * as vscode from 'vscode';
import {
  CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult, LanguageClient, LanguageClientOptions,
  ServerOptions, State, TransportKind,
} from 'vscode-languageclient/node';
import type { ConnectorClass } from '../../core/analysis/types';
import {
  ConnectorClassesChangedNotification, ConnectorClassesRequest, DataKeysRequest, DataKeysResult, DEFAULT_DEBOUNCE_MS,
  LintInitializationOptions, StatusNotification,
} from '../../server/customMessages';
import type { Config } from '../config';
import { createLintStatusItem, SHOW_LOG_COMMAND } from './statusItem';

export const RESTART_COMMAND = 'pyinfraConnectors.lint.restart';

export interface LintFeature {
  client: LanguageClient;
  connectorClasses(): Promise<ConnectorClass[]>;
  /** Host data keys of a workspace connector class, with type, description and default (for tooltips). */
  dataKeys(file: string, className: string): Promise<DataKeysResult | null>;
  onDidChangeConnectorClasses: vscode.Event<void>;
  restart(): Promise<void>;
  /** Stops the server; deactivate awaits it so the process is gone when VS Code unloads the extension. */
  stop(): Promise<void>;
}

const SELECTOR: Array<{ scheme: string; language?: string; pattern?: string }> = [
  { scheme: 'file', language: 'python' },
  { scheme: 'file', pattern: '**/pyproject.toml' },
];

/** Restarts however often the server dies, waiting longer after crashes that come in quick succession. */
function restartingErrorHandler(log: vscode.LogOutputChannel, onStopped: (reason: string) => void): ErrorHandler {
  const crashes: number[] = [];
  return {
    error(error, message, count): ErrorHandlerResult {
      log.error(`language server connection error (${count ?? 0}): ${error.message}${message ? ` while handling ${message.jsonrpc}` : ''}`);
      return { action: ErrorAction.Continue, handled: true };
    },
    async closed(): Promise<CloseHandlerResult> {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0] < now - 60_000) crashes.shift();
      const delay = Math.min(30_000, 250 * 2 ** Math.max(0, crashes.length - 1));
      log.warn(`language server stopped (${crashes.length} time(s) in the last minute); restarting in ${delay} ms`);
      onStopped(`restarting in ${Math.round(delay / 1000)} s; see the log`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export function activateLint(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, config: Config): LintFeature {
  const status = createLintStatusItem(SELECTOR);
  const classesChanged = new vscode.EventEmitter<void>();
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions = (): LintInitializationOptions => ({
    debounceMs: config.lintDebounceMs ?? DEFAULT_DEBOUNCE_MS,
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: log,
    initializationOptions,
    errorHandler: restartingErrorHandler(log, (reason) => status.stopped(reason)),
  };
  const client = new LanguageClient('pyinfraConnectors.lint', 'pyinfra connector lint', serverOptions, clientOptions);
  context.subscriptions.push(
    status.item,
    classesChanged,
    client.onNotification(StatusNotification.type, (params) => status.update(params)),
    client.onNotification(ConnectorClassesChangedNotification.type, () => classesChanged.fire()),
    client.onDidChangeState((event) => {
      // a restarted server has rescanned: the sidebar asks again
      if (event.newState === State.Running) classesChanged.fire();
    }),
    vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show()),
    vscode.commands.registerCommand(RESTART_COMMAND, () => restart()),
  );

  let starting: Promise<void> = client.start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`language server failed to start: ${message}`);
    status.stopped(message);
  });

  async function restart(): Promise<void> {
    log.info('restarting the language server');
    clientOptions.initializationOptions = initializationOptions();
    starting = client.restart().catch((error: unknown) => {
      log.error(`language server failed to restart: ${error instanceof Error ? error.message : String(error)}`);
    });
    await starting;
  }

  return {
    client,
    async connectorClasses() {
      await starting;
      if (!client.isRunning()) throw new Error('The pyinfra lint server is not running; see its log (pyinfra: Show Language Server Log).');
      return client.sendRequest(ConnectorClassesRequest.type);
    },
    async dataKeys(file, className) {
      await starting;
      return client.isRunning() ? client.sendRequest(DataKeysRequest.type, { file, className }) : null;
    },
    onDidChangeConnectorClasses: classesChanged.event,
    restart,
    stop: async () => {
      await starting;
      if (client.needsStop()) await client.stop();
    },
  };
}
