// The terminal runs are shown in: a header with the options, output as the bridge reports it, a per-host summary.
// One terminal takes run after run (one per target); Ctrl+C cancels the current run, closing the terminal too.
import * as vscode from 'vscode';
import type { HostRunResult, OutputEvent, RunProgressEvent } from '../../core/bridge/protocol';
import { escapeIcons } from '../../core/execution/iconLabels';
import { printable } from '../../core/execution/printable';
import { formatOutputLine, formatSummary, runExitCode, terminalText } from '../../core/execution/runReport';

export interface RunCallbacks {
  onOutput: (event: OutputEvent) => void;
  onProgress: (event: RunProgressEvent) => void;
}

export interface RunJob {
  command: string;
  /** The formatted first lines: the command, where, and the active options. */
  header: string;
  run: (callbacks: RunCallbacks, signal: AbortSignal) => Promise<HostRunResult[]>;
  /** Each progress event, after the terminal has taken it into account. */
  onProgress?: (event: RunProgressEvent) => void;
}

export interface RunOutcome {
  /** Every host that ended; a cancelled run keeps the results of the hosts that ended before. */
  results: HostRunResult[];
  /** Hosts that had not ended when the run was cancelled. */
  cancelled: string[];
  /** Why the run failed as a whole (no host ran), when it did. */
  failure?: string;
  /** What a task ends with: 0 when every host succeeded, else the command's exit code (runExitCode). */
  exitCode: number;
  /** What the terminal showed, for reopening the run later. */
  transcript: string;
}

const NAME_LENGTH = 60;
// VS Code reports a terminal that ends within 500 ms of opening as "failed to launch" whatever its exit code
// (ProcessConstants.ErrorLaunchThresholdDuration), so a task terminal stays open at least that long.
const LAUNCH_THRESHOLD_MS = 600;

export class RunTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly nameEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  readonly onDidChangeName = this.nameEmitter.event;
  private markOpened!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.markOpened = resolve));
  private current: AbortController | undefined;
  private closed = false;

  /** Tasks end with their run (closeWhenDone); a run terminal stays open for the next run on its target. */
  constructor(private readonly closeWhenDone = false) {}

  static nameFor(command: string): string {
    return escapeIcons(printable(`pyinfra: ${command}`).slice(0, NAME_LENGTH));
  }

  /** Whether a run is going on in it: a new run then opens another terminal. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private openedAt = 0;

  open(): void {
    this.openedAt = Date.now();
    this.markOpened();
  }

  async start(job: RunJob): Promise<RunOutcome> {
    const abort = new AbortController();
    this.current = abort;
    await this.opened;
    let transcript = '';
    const write = (text: string) => {
      transcript += text;
      this.writeEmitter.fire(text);
    };
    this.nameEmitter.fire(RunTerminal.nameFor(job.command));
    write(job.header);
    const started = Date.now();
    const planned: string[] = [];
    const finished = new Map<string, HostRunResult>();
    const onProgress = (event: RunProgressEvent) => {
      if ('planned' in event) planned.push(...event.planned);
      else finished.set(event.finished.host, event.finished);
      job.onProgress?.(event);
    };
    let outcome: RunOutcome;
    try {
      const results = await job.run({ onOutput: (event) => write(formatOutputLine(event)), onProgress }, abort.signal);
      write(formatSummary(results, Date.now() - started));
      outcome = { results, cancelled: [], exitCode: runExitCode(results), transcript };
    } catch (error) {
      if (abort.signal.aborted) {
        const results = [...finished.values()];
        const cancelled = planned.filter((host) => !finished.has(host));
        write(formatSummary(results, Date.now() - started, cancelled));
        outcome = { results, cancelled, exitCode: runExitCode(results, cancelled), transcript };
      } else {
        const failure = `Run failed: ${error instanceof Error ? error.message : String(error)}`;
        write(terminalText(`\n\x1b[31m${printable(failure)}\x1b[0m\n`));
        outcome = { results: [], cancelled: [], failure, exitCode: 1, transcript };
      }
    }
    outcome.transcript = transcript;
    this.current = undefined;
    if (this.closed) return outcome;
    if (!this.closeWhenDone) {
      this.writeEmitter.fire(terminalText('\n'));
      return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, this.openedAt + LAUNCH_THRESHOLD_MS - Date.now())));
    this.closed = true;
    this.closeEmitter.fire(outcome.exitCode);
    return outcome;
  }

  /** Ctrl+C in the terminal cancels, as in a shell. */
  handleInput(data: string): void {
    if (data === '\x03') this.current?.abort();
  }

  close(): void {
    this.closed = true;
    this.current?.abort();
  }
}
