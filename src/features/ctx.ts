// The extension's state in one place: the log, the interpreter, the bridge that runs connectors,
// and whether workspace code may run at all (workspace trust).
import * as vscode from 'vscode';
import { BridgeError, type HostRunResult } from '../core/bridge/protocol';
import { createBridge, type Bridge } from './bridgeFactory';
import { Config, RESTART_DEBOUNCE_MS } from './config';
import { RuntimeErrors, type HostCall } from './runtimeErrors';
import { InterpreterChoice, onPythonEnvironmentChange, resolveInterpreter } from './interpreter/resolveInterpreter';

/** What the inventory view shows when it has no tree: each value has a welcome view. */
export type ViewState = 'loading' | 'ready' | 'untrusted' | 'noPython' | 'noPyinfra' | 'noConnector';

export class Ctx implements vscode.Disposable {
  private bridgePromise: Promise<Bridge> | undefined;
  private interpreter: InterpreterChoice | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly bridgeChanged = new vscode.EventEmitter<void>();
  /** Fires after the bridge was replaced (new interpreter, restart): cached results are stale. */
  readonly onDidChangeBridge = this.bridgeChanged.event;
  readonly config = new Config(() => this.folder);
  private restartTimer: NodeJS.Timeout | undefined;
  /** Where connector code raised, as diagnostics on the author's lines. */
  readonly runtimeErrors = new RuntimeErrors(() => this.folder?.uri.fsPath);

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this.bridgeChanged, this.config, this.runtimeErrors, { dispose: () => clearTimeout(this.restartTimer) });
    void onPythonEnvironmentChange(() => this.restartBridgeSoon('the active Python environment changed')).then((d) => d && this.disposables.push(d));
  }

  get folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  get isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  get interpreterPath(): string | undefined {
    return this.interpreter?.path;
  }

  /** The bridge for the current interpreter, started on first use. */
  bridge(): Promise<Bridge> {
    if (!this.isTrusted) {
      return Promise.reject(new BridgeError('usage', 'This workspace is not trusted: pyinfra Connector Kit runs connector code only in a trusted workspace.'));
    }
    this.bridgePromise ??= this.startBridge();
    return this.bridgePromise;
  }

  private async startBridge(): Promise<Bridge> {
    this.interpreter = await resolveInterpreter(this.config.python, this.folder, this.log);
    this.log.info(`Python bridge: using ${this.interpreter.path} (from ${this.interpreter.source})`);
    return createBridge({
      python: this.interpreter.path,
      cwd: this.folder?.uri.fsPath ?? process.cwd(),
      log: (line) => this.log.debug(`[bridge] ${line}`),
      callTimeoutMs: () => this.config.callTimeoutMs,
      limits: () => this.config.answerLimits,
    });
  }

  /** The one debounced way to restart for a change (setting, environment): a burst of changes restarts once. */
  restartBridgeSoon(reason: string): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.restartBridge(reason), RESTART_DEBOUNCE_MS);
  }

  async restartBridge(reason: string): Promise<void> {
    clearTimeout(this.restartTimer);
    const previous = this.bridgePromise;
    this.bridgePromise = undefined;
    this.interpreter = undefined;
    if (previous) {
      this.log.info(`Restarting the Python bridge: ${reason}`);
      previous.then((bridge) => bridge.dispose(), () => undefined);
    }
    this.bridgeChanged.fire();
  }

  private state: ViewState = 'loading';

  /** What the inventory view shows; a welcome view matches each state but 'ready'. */
  get viewState(): ViewState {
    return this.state;
  }

  setViewState(state: ViewState): void {
    this.state = state;
    void vscode.commands.executeCommand('setContext', 'pyinfraConnectors.state', state);
  }

  /** Logs the error, the author's frames of a traceback first, and returns the line a person should see. */
  describeError(error: unknown, doing: string): string {
    const runtime = this.runtimeErrors.read(error);
    const message = runtime?.message ?? (error instanceof Error ? error.message : String(error));
    this.log.error(`${doing}: ${message}`);
    if (runtime) {
      this.log.error(runtime.traceback);
      this.log.debug((error as BridgeError).detail ?? '');
    } else if (error instanceof BridgeError && error.detail) {
      this.log.error(error.detail);
    }
    return `${doing}: ${message}`;
  }

  /** Host results with each raising host's error read from its traceback (see RuntimeErrors.readResults), its author's frames logged. */
  readResults(targets: readonly string[], call: HostCall, results: HostRunResult[]): HostRunResult[] {
    const read = this.runtimeErrors.readResults(targets, call, results);
    for (const traceback of read.tracebacks) this.log.error(traceback);
    return read.results;
  }

  /** In Restricted Mode: says why nothing runs and offers to manage trust. Returns whether to go on. */
  ensureTrusted(action: string): boolean {
    if (this.isTrusted) return true;
    void vscode.window
      .showWarningMessage(`${action} runs connector code from this workspace, which is not trusted.`, 'Manage Workspace Trust')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  dispose(): void {
    void this.bridgePromise?.then((bridge) => bridge.dispose(), () => undefined);
    for (const d of this.disposables) d.dispose();
  }
}
