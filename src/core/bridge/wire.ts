// The bridge's wire format: one JSON object per line on a private socket (fd 3 of the Python
// process), never on its stdout. Requests carry an id; the reply carries the same id; anything
// without an id is a notification ("ready" once at start, "output" while a command runs).
import type { BridgeErrorKind, OutputEvent, RunProgressEvent } from './protocol';

export interface WireError {
  kind: BridgeErrorKind;
  message: string;
  detail?: string;
  target?: string;
}

export interface WireReply {
  id: number;
  result?: unknown;
  error?: WireError;
}

export interface WireNotification {
  method: string;
  params: Record<string, unknown>;
}

export interface OutputNotification extends OutputEvent {
  id: number;
}

export type ProgressNotification = RunProgressEvent & { id: number };

/** What the bridge says once it has started: the interpreter and the pyinfra it found. */
export interface BridgeInfo {
  python: string;
  pythonVersion: string;
  pyinfraVersion: string;
  pid: number;
}

/**
 * Splits a byte stream into lines; a partial line waits for the rest. The pieces of a partial line are
 * kept apart until its newline arrives, so a 10 MB answer is joined once, not re-scanned per chunk.
 */
export class LineSplitter {
  private partial: string[] = [];

  push(chunk: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      this.partial.push(chunk.slice(start, newline));
      const line = this.partial.join('');
      this.partial = [];
      if (/\S/.test(line)) lines.push(line);
      start = newline + 1;
    }
    if (start < chunk.length) this.partial.push(chunk.slice(start));
    return lines;
  }
}
