// Turns a process's stdout and stderr chunks into lines: sent to onOutput as they complete, and
// kept per stream for the result (pyinfra's CommandOutput does the same).
import { performance } from 'perf_hooks';
import { StringDecoder } from 'string_decoder';
import type { HostRunResult, OutputEvent } from '../bridge/protocol';

export class OutputLines {
  private readonly partial = { stdout: '', stderr: '' };
  // a character split across two chunks is decoded whole; bytes that are not UTF-8 become U+FFFD
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private readonly lines = { stdout: [] as string[], stderr: [] as string[] };

  constructor(
    private readonly host: string,
    private readonly onOutput?: (event: OutputEvent) => void,
  ) {}

  push(stream: 'stdout' | 'stderr', chunk: Buffer | string): void {
    const parts = (this.partial[stream] + (typeof chunk === 'string' ? chunk : this.decoders[stream].write(chunk))).split('\n');
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
      this.partial[stream] += this.decoders[stream].end();
      if (this.partial[stream] !== '') this.emit(stream, this.partial[stream]);
      this.partial[stream] = '';
    }
    return { stdout: this.lines.stdout.join('\n'), stderr: this.lines.stderr.join('\n') };
  }
}

/** The result of a host that never ran anything: only why. */
export function failedResult(host: string, error: string): HostRunResult {
  return { host, success: false, stdout: '', stderr: '', durationMs: 0, error };
}

/** Collects a command's output from its start; `result` closes it as the host's HostRunResult. */
export function commandRecorder(host: string, onOutput?: (event: OutputEvent) => void) {
  const started = performance.now();
  const output = new OutputLines(host, onOutput);
  const result = (success: boolean, error?: string): HostRunResult => ({
    host,
    success,
    ...output.finish(),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    ...(error ? { error } : {}),
  });
  return { output, result };
}
