// The one place the extension constructs the Python bridge client of src/core/bridge.
import type { ConnectorInfo, HostEntry, HostRunResult, HostSelector, InventoryOptions, RunOptions } from '../core/bridge/protocol';

export interface Bridge {
  connectors(): Promise<ConnectorInfo[]>;
  inventory(target: string, options?: InventoryOptions): Promise<HostEntry[]>;
  run(selectors: HostSelector[], command: string, options?: RunOptions): Promise<HostRunResult[]>;
  put(selector: HostSelector, localPath: string, remotePath: string, options?: { signal?: AbortSignal }): Promise<HostRunResult[]>;
  get(selector: HostSelector, remotePath: string, localPath: string, options?: { signal?: AbortSignal }): Promise<HostRunResult[]>;
  dispose(): void;
}

export interface BridgeOptions {
  python: string;
  cwd: string;
  log: (line: string) => void;
}

export function createBridge(_options: BridgeOptions): Bridge {
  throw new Error('not wired yet');
}
