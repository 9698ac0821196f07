// Where runs happen and what is kept of them: one terminal per target (or one per run, by setting), progress in
// the window and the Inventory view while a command runs, every run in the log, and the recent runs to reopen.
import * as vscode from 'vscode';
import type { HostRunResult, RunProgressEvent } from '../../core/bridge/protocol';
import { withHostKeyConsent } from '../../core/connectors/hostKeyConsent';
import { escapeIcons } from '../../core/execution/iconLabels';
import { describeSettings, formatHeader, logSummary, type RunSettings } from '../../core/execution/runReport';
import { unsavedSources } from '../bridgeFactory';
import type { Ctx } from '../ctx';
import { askAboutHostKey } from '../ssh/hostKeyPrompt';
import { RunOutcome, RunTerminal } from './runTerminal';
import type { ChosenHosts } from '../../core/inventory/chosenHosts';

export interface RunRequest {
  hosts: ChosenHosts;
  command: string;
  settings?: RunSettings;
}

/** A run that has ended, kept to be reopened. */
export interface RunRecord {
  request: RunRequest;
  endedAt: Date;
  outcome: RunOutcome;
}

/** How far a run has got: what the progress indicators show. */
export interface RunProgress {
  command: string;
  targets: string[];
  planned: string[];
  finished: string[];
}

const RECENT_RUNS = 10;
const INVENTORY_VIEW = 'pyinfraConnectors.inventory';
const RUN_SCHEME = 'pyinfra-run';
const ANSI = /\x1b\[[0-9;]*m/g;

function terminalKey(targets: readonly string[]): string {
  return [...new Set(targets)].sort().join('\n');
}

export class Runs implements vscode.Disposable {
  private readonly terminals = new Map<string, { terminal: vscode.Terminal; pty: RunTerminal }>();
  private readonly recent: RunRecord[] = [];
  private readonly active = new Set<RunProgress>();
  private readonly progressChanged = new vscode.EventEmitter<void>();
  /** Fires when a run starts, a host of it ends, or it ends. */
  readonly onDidChangeProgress = this.progressChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.progressChanged];

  /** Transcripts of reopened runs, by the path of their read-only document. */
  private readonly transcripts = new Map<string, string>();

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      vscode.window.onDidCloseTerminal((closed) => {
        for (const [key, entry] of this.terminals) if (entry.terminal === closed) this.terminals.delete(key);
      }),
      // a reopened run is read-only: nothing to save when it is closed
      vscode.workspace.registerTextDocumentContentProvider(RUN_SCHEME, { provideTextDocumentContent: (uri) => this.transcripts.get(uri.path) }),
    );
  }

  /** The runs going on now. */
  get running(): readonly RunProgress[] {
    return [...this.active];
  }

  /** The terminal that runs on these targets use (when runs share one per target). */
  terminalOf(targets: readonly string[]): vscode.Terminal | undefined {
    return this.terminals.get(terminalKey(targets))?.terminal;
  }

  /** Whether a run going on now addresses this host of this target and it has not ended yet. */
  isRunning(target: string, host: string): boolean {
    return [...this.active].some((run) => run.targets.includes(target) && run.planned.includes(host) && !run.finished.includes(host));
  }

  /** Ended runs, newest first. */
  get recentRuns(): readonly RunRecord[] {
    return this.recent;
  }

  /** The run's terminal: the target's own when it is free and the setting allows, else a new one. */
  private terminalFor(request: RunRequest): RunTerminal {
    const perRun = this.ctx.config.terminalPerRun;
    const key = terminalKey(request.hosts.selectors.map((s) => s.target));
    const reusable = this.terminals.get(key);
    if (!perRun && reusable && !reusable.pty.busy && !reusable.pty.isClosed) {
      reusable.terminal.show(true);
      return reusable.pty;
    }
    const pty = new RunTerminal();
    const terminal = vscode.window.createTerminal({ name: RunTerminal.nameFor(request.command), pty, iconPath: new vscode.ThemeIcon('server') });
    if (!perRun) this.terminals.set(key, { terminal, pty });
    terminal.show(true);
    return pty;
  }

  /** Runs in a terminal, with progress, and logs it; resolves when it ended. */
  async run(request: RunRequest, pty: RunTerminal = this.terminalFor(request)): Promise<RunOutcome> {
    const settings = request.settings ?? {};
    this.ctx.log.info(`Run '${request.command}' on ${request.hosts.label} (options: ${describeSettings(settings)})`);
    const progress: RunProgress = { command: request.command, targets: request.hosts.selectors.map((s) => s.target), planned: [], finished: [] };
    this.active.add(progress);
    this.progressChanged.fire();
    let report: (() => void) | undefined;
    const running = pty.start({
      command: request.command,
      header: formatHeader(request.command, request.hosts.label, settings),
      run: async ({ onOutput, onProgress }, signal) => {
        const bridge = await this.ctx.bridge();
        const options = { ...settings, onOutput, onProgress, signal, sources: unsavedSources() };
        const first = await bridge.run(request.hosts.selectors, request.command, options);
        // an unknown host key met through pyinfra's @ssh: the person decides, and only the accepted hosts run again
        const results = await withHostKeyConsent(first, askAboutHostKey, (selectors, hostKeys) => bridge.run(selectors, request.command, { ...options, hostKeys }));
        return this.ctx.readResults(progress.targets, 'run', results);
      },
      onProgress: (event: RunProgressEvent) => {
        if ('planned' in event) progress.planned.push(...event.planned);
        else progress.finished.push(event.finished.host);
        report?.();
        this.progressChanged.fire();
      },
    });
    const title = `pyinfra: ${escapeIcons(request.command)}`;
    void vscode.window.withProgress({ location: { viewId: INVENTORY_VIEW } }, () => running);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (bar) => {
      report = () => bar.report({ message: `${progress.finished.length}/${progress.planned.length} hosts finished` });
      report();
      return running;
    });
    const outcome = await running;
    this.active.delete(progress);
    this.progressChanged.fire();
    this.remember({ request, endedAt: new Date(), outcome });
    return outcome;
  }

  private remember(record: RunRecord): void {
    const { request, outcome } = record;
    const ended = outcome.cancelled.length > 0 ? `cancelled (${outcome.cancelled.join(', ')} not finished)` : outcome.failure ?? 'ended';
    const log = outcome.exitCode === 0 ? this.ctx.log.info : this.ctx.log.warn;
    log.call(this.ctx.log, `Run '${request.command}' on ${request.hosts.label} ${ended}`);
    for (const line of logSummary(outcome.results, outcome.cancelled)) log.call(this.ctx.log, `  ${line}`);
    this.recent.unshift(record);
    this.recent.splice(RECENT_RUNS);
    void vscode.commands.executeCommand('setContext', 'pyinfraConnectors.hasRecentRuns', true);
  }

  /** Lets a person pick one of the recent runs and shows what its terminal showed. */
  async showRecent(): Promise<vscode.TextDocument | undefined> {
    if (this.recent.length === 0) {
      void vscode.window.showInformationMessage('No run has ended yet in this window.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(this.recent.map((record) => ({
      label: escapeIcons(record.request.command),
      description: `${record.request.hosts.label}, ${record.endedAt.toLocaleTimeString()}`,
      detail: summaryLine(record.outcome.results, record.outcome.cancelled),
      record,
    })), { title: 'Recent Runs', placeHolder: 'Show the output and summary of a run' });
    return picked && this.open(picked.record);
  }

  async open(record: RunRecord): Promise<vscode.TextDocument> {
    const name = `${record.endedAt.toISOString().replace(/[:.]/g, '-')} ${record.request.command.replace(/[/\\]/g, '_').slice(0, 40)}.log`;
    this.transcripts.set(`/${name}`, record.outcome.transcript.replace(ANSI, '').replace(/\r\n/g, '\n'));
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RUN_SCHEME, path: `/${name}` }));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function summaryLine(results: readonly HostRunResult[], cancelled: readonly string[]): string {
  const succeeded = results.filter((r) => r.success).length;
  return `${succeeded} succeeded, ${results.length - succeeded} failed${cancelled.length ? `, ${cancelled.length} cancelled` : ''}`;
}
