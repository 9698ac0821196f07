// The bridge's wire format: one JSON object per line on a private socket (fd 3 of the Python
// process), never on its stdout. Requests carry an id; the reply carries the same id; anything
// without an id is a notification ("ready" once at start, "output" while a command runs). Each
// request's params and answer, each notification: python/pyinfra_kit_bridge/protocol.schema.json.
import type { AnswerLimits, BridgeErrorKind, HostEntry, HostKeyAcceptance, HostRunResult, HostSelector, OutputEvent, RunArguments } from './protocol';

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

/** Sent by BridgeProcess with every request: the deadline of each call into connector code. */
export interface CallDeadline {
  deadlineSec?: number;
}

export interface InventoryParams {
  targets: string[];
  data?: Record<string, string>;
  showSecrets?: boolean;
  /** Unsaved editor text by absolute file path. */
  sources?: Record<string, string>;
  /** Hosts as `hosts`/`hostsChanged` notifications while they are yielded; the answer is then an InventoryCount. */
  chunked?: boolean;
  limits?: AnswerLimits;
}

export interface InventoryCount {
  count: number;
}

export interface RunParams {
  selectors: HostSelector[];
  command: string;
  options?: RunArguments;
  sources?: Record<string, string>;
}

export interface TransferArguments {
  data?: Record<string, string>;
  hostKeys?: HostKeyAcceptance;
}

/** put and get: one selector, as a download goes to one host. */
export interface TransferParams {
  selector: HostSelector;
  local: string;
  remote: string;
  options?: TransferArguments;
}

/** The conformance suite on `target`, or with `list` the checks it has. */
export interface TestParams {
  target?: string;
  list?: boolean;
  only?: string[];
  timeoutSec?: number;
  data?: Record<string, string>;
  hosts?: string[];
  sources?: Record<string, string>;
  /** Unknown SSH host keys to accept, as for a run (python/pyinfra_kit_bridge/host_keys.py). */
  hostKeys?: HostKeyAcceptance;
}

export interface CancelParams {
  id: number;
}

/** `hosts` and `hostsChanged`: a chunk of an inventory request's hosts. */
export interface HostsNotification {
  id: number;
  hosts: HostEntry[];
}

export interface OutputNotification extends OutputEvent {
  id: number;
}

/** A RunProgressEvent of request `id`: `planned` once, then `finished` per host. */
export interface ProgressNotification {
  id: number;
  planned?: string[];
  finished?: HostRunResult;
}

/** What the bridge says once it has started: the interpreter and the pyinfra it found. */
export interface BridgeInfo {
  python: string;
  pythonVersion: string;
  pyinfraVersion: string;
  pid: number;
}

/**
 * Newline-delimited JSON rather than vscode-jsonrpc's Content-Length framing: the Python side reads
 * and routes lines without parsing them (the supervisor keeps a worker's `{"method": "_` lines to
 * itself, a worker writes its hosts chunks pre-encoded), so headers would add a reader in Python for
 * the few lines they save here.
 *
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

  /** The stream ended: its last line, when it had no newline. */
  end(): string[] {
    const line = this.partial.join('');
    this.partial = [];
    return /\S/.test(line) ? [line] : [];
  }
}
