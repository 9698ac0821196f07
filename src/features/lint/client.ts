// The language client (a chunk of its own, see chunks.ts): starts the language server (dist/server.js)
// through vscode-languageclient, keeps it running (restarts with back-off, logged), feeds the status
// item, and asks the server for connector classes and host data keys.
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
import type { createLintStatusItem } from './statusItem';
import { SELECTOR } from './selector';

export interface LintClient {
  client: LanguageClient;
  connectorClasses(): Promise<ConnectorClass[]>;
  /** Host data keys of a workspace connector class, with type, description and default (for tooltips). */
  dataKeys(file: string, className: string): Promise<DataKeysResult | null>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

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

export interface LintClientParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  config: Config;
  status: ReturnType<typeof createLintStatusItem>;
  classesChanged: vscode.EventEmitter<void>;
}

export function startLintClient({ context, log, config, status, classesChanged }: LintClientParts): LintClient {
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
    client.onNotification(StatusNotification.type, (params) => status.update(params)),
    client.onNotification(ConnectorClassesChangedNotification.type, () => classesChanged.fire()),
    client.onDidChangeState((event) => {
      // a restarted server has rescanned: the sidebar asks again
      if (event.newState === State.Running) classesChanged.fire();
    }),
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
    restart,
    stop: async () => {
      await starting;
      if (client.needsStop()) await client.stop();
    },
  };
}
