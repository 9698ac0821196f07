// A run shown in a terminal: output streams in as the bridge reports it, a summary ends it.
// Closing the terminal cancels the run.
import * as vscode from 'vscode';
import type { HostRunResult, OutputEvent } from '../../core/bridge/protocol';
import { formatOutputLine, formatSummary, terminalText } from '../../core/execution/runReport';

export type RunFunction = (onOutput: (event: OutputEvent) => void, signal: AbortSignal) => Promise<HostRunResult[]>;

export class RunTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly abort = new AbortController();
  private settle!: (results: HostRunResult[]) => void;
  /** Every host's result once the run ends; empty when it failed as a whole or was cancelled. */
  readonly done = new Promise<HostRunResult[]>((resolve) => (this.settle = resolve));

  constructor(
    private readonly header: string,
    private readonly run: RunFunction,
    /** Tasks end with the run (exit code 0 or 1); a plain run terminal stays open to be read. */
    private readonly closeWhenDone = false,
  ) {}

  open(): void {
    this.writeEmitter.fire(terminalText(`\x1b[1m${this.header}\x1b[0m\n`));
    const started = Date.now();
    this.run((event) => this.writeEmitter.fire(formatOutputLine(event)), this.abort.signal).then(
      (results) => {
        this.writeEmitter.fire(formatSummary(results, Date.now() - started));
        this.finish(results, results.every((r) => r.success) ? 0 : 1);
      },
      (error: unknown) => {
        const message = this.abort.signal.aborted ? 'Cancelled.' : `Run failed: ${error instanceof Error ? error.message : String(error)}`;
        this.writeEmitter.fire(terminalText(`\n\x1b[31m${message}\x1b[0m\n`));
        this.finish([], 1);
      },
    );
  }

  private finish(results: HostRunResult[], code: number): void {
    this.settle(results);
    if (this.closeWhenDone) this.closeEmitter.fire(code);
  }

  /** Ctrl-C in the terminal cancels, as in a shell. */
  handleInput(data: string): void {
    if (data === '\x03') this.abort.abort();
  }

  close(): void {
    this.abort.abort();
  }
}
