// A host reached natively, without Python: @local through child_process, SSH through ssh2. The
// results have the same shape as the bridge's, so the two paths can be compared side by side.
import type { HostRunResult, OutputEvent } from '../bridge/protocol';

export interface ExecOptions {
  sudo?: boolean;
  sudoUser?: string;
  env?: Record<string, string>;
  chdir?: string;
  /** Seconds; the command is stopped and the result says it timed out. */
  timeoutSec?: number;
  onOutput?: (event: OutputEvent) => void;
  signal?: AbortSignal;
}

export interface TransferOptions {
  signal?: AbortSignal;
}

export interface HostConnection {
  readonly name: string;
  run(command: string, options?: ExecOptions): Promise<HostRunResult>;
  put(localPath: string, remotePath: string, options?: TransferOptions): Promise<HostRunResult>;
  /** Writes beside localPath and renames when complete: a failed download leaves no file. */
  get(remotePath: string, localPath: string, options?: TransferOptions): Promise<HostRunResult>;
  close(): void;
}
