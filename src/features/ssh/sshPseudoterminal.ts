// A terminal bridged to an interactive shell on an SSH host: keystrokes go to the remote pty, its
// output comes back as is (the remote pty already writes \r\n), resizes follow the panel. Closing
// the terminal ends the session; the shell exiting closes the terminal.
import { StringDecoder } from 'string_decoder';
import type { ClientChannel } from 'ssh2';
import * as vscode from 'vscode';
import type { SshHost } from '../../core/connectors/ssh';

const DEFAULT_SIZE = { rows: 24, columns: 80 };
/** What `output` keeps: enough for a test to find a command's answer, bounded for long sessions. */
const KEPT_OUTPUT = 64 * 1024;

export class SshPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private channel: ClientChannel | undefined;
  private ended = false;
  private kept = '';
  private opened!: () => void;
  private failed!: (error: Error) => void;
  /** Settles once the remote shell is open (or could not be opened). */
  readonly shellOpened = new Promise<void>((resolve, reject) => {
    this.opened = resolve;
    this.failed = reject;
  });

  constructor(
    private readonly session: SshHost,
    private readonly hostName: string,
  ) {
    this.shellOpened.catch(() => undefined);
  }

  /** The latest text the terminal showed, remote output and notices alike. */
  get output(): string {
    return this.kept;
  }

  private write(text: string): void {
    this.kept = (this.kept + text).slice(-KEPT_OUTPUT);
    this.writeEmitter.fire(text);
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    const size = initialDimensions ?? DEFAULT_SIZE;
    this.session.shell({ rows: size.rows, cols: size.columns }).then(
      (channel) => {
        if (this.ended) return void channel.close();
        this.channel = channel;
        const stdout = new StringDecoder('utf8');
        const stderr = new StringDecoder('utf8');
        let exitCode: number | undefined;
        channel.on('data', (chunk: Buffer) => this.write(stdout.write(chunk)));
        channel.stderr.on('data', (chunk: Buffer) => this.write(stderr.write(chunk)));
        // a shell killed by a signal has no exit code
        channel.on('exit', (code: number | null) => (exitCode = code ?? 1));
        channel.on('close', () => {
          const closedHere = this.ended;
          this.endSession();
          if (closedHere) return;
          if (exitCode === undefined) this.write(`\r\n\x1b[31mThe connection to ${this.hostName} was lost.\x1b[0m\r\n`);
          // 0 closes the terminal as a local shell's exit does; a failure is reported in it
          this.closeEmitter.fire(exitCode ?? 1);
        });
        this.opened();
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.write(`\x1b[31mCannot open a shell on ${this.hostName}: ${message}\x1b[0m\r\n`);
        this.failed(new Error(message));
        this.endSession();
      },
    );
  }

  handleInput(data: string): void {
    this.channel?.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.channel?.setWindow(dimensions.rows, dimensions.columns, 0, 0);
  }

  close(): void {
    this.channel?.close();
    this.endSession();
  }

  private endSession(): void {
    if (this.ended) return;
    this.ended = true;
    this.session.close();
  }
}
