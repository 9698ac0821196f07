// Turns a process's stdout and stderr chunks into lines: sent to onOutput as they complete, and
// kept per stream for the result (pyinfra's CommandOutput does the same).
import type { OutputEvent } from '../bridge/protocol';

export class OutputLines {
  private readonly partial = { stdout: '', stderr: '' };
  private readonly lines = { stdout: [] as string[], stderr: [] as string[] };

  constructor(
    private readonly host: string,
    private readonly onOutput?: (event: OutputEvent) => void,
  ) {}

  push(stream: 'stdout' | 'stderr', chunk: Buffer | string): void {
    const parts = (this.partial[stream] + chunk.toString()).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const line of parts) this.emit(stream, line.replace(/\r$/, ''));
  }

  private emit(stream: 'stdout' | 'stderr', line: string): void {
    this.lines[stream].push(line);
    this.onOutput?.({ host: this.host, stream, line });
  }

  /** Flushes unterminated last lines; returns each stream's text. */
  finish(): { stdout: string; stderr: string } {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') this.emit(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
    return { stdout: this.lines.stdout.join('\n'), stderr: this.lines.stderr.join('\n') };
  }
}
