// The client of the Python bridge: one process per interpreter, started on first use, reused, and
// started again after it exited (a crash, os._exit in a connector, a timeout). The extension and
// the CLI both use it.
import { BridgeProcess, type CallOptions } from './bridgeProcess';
import { locatePythonDir } from './pythonDir';
import { BridgeError, type AnswerLimits, type ConnectorInfo, type HostEntry, type HostKeyAcceptance, type HostRunResult, type HostSelector, type InventoryOptions, type RunOptions, type RunProgressEvent } from './protocol';
import type { BridgeInfo, HostsNotification, InventoryCount, InventoryParams, ProgressNotification, RunParams, TestParams, TransferParams } from './wire';
import type { CheckInfo, CheckResult, ConformanceOptions } from '../conformance/results';

export interface BridgeOptions {
  /** The interpreter: a path or a command on PATH. */
  python: string;
  /** Where relative target paths resolve and workspace modules import from. */
  cwd: string;
  /** Everything the bridge writes to stderr (connector print()s included), line by line. */
  log?: (line: string) => void;
  pythonDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Default for make_names_data; 30 s as the issue asks. */
  inventoryTimeoutMs?: number;
  /**
   * Default deadline of each connector call of a run, put or get (connect, run_shell_command,
   * put_file, get_file, disconnect) when the run sets no `_timeout`: generous, for a hung connector.
   * Asked at each call, so a changed setting needs no restart.
   */
  callTimeoutMs?: () => number | undefined;
  /** Defaults of InventoryOptions.limits, asked at each call. */
  limits?: () => AnswerLimits;
  startTimeoutMs?: number;
}

export interface TransferOptions {
  signal?: AbortSignal;
  /** Deadline of each connector call; the bridge's callTimeoutMs when absent. */
  timeoutMs?: number;
  onProgress?: RunOptions['onProgress'];
  /** Extra host data, as `--data key=value` gives it. */
  data?: Record<string, string>;
  hostKeys?: HostKeyAcceptance;
}

/** Passes the bridge's `progress` notifications of a run, put or get on as RunProgressEvents. */
function progressListener(onProgress: ((event: RunProgressEvent) => void) | undefined): CallOptions['onNotification'] {
  return onProgress && ((method, params) => {
    if (method !== 'progress') return;
    const { id: _id, ...event } = params as unknown as ProgressNotification;
    onProgress(event as RunProgressEvent); // the bridge sends `planned` or `finished`, one a notification
  });
}

const DEFAULT_INVENTORY_TIMEOUT_MS = 30_000;
const DEFAULT_CALL_TIMEOUT_MS = 3_600_000;
// past pyinfra's own `_timeout`, so a connector that honours it reports its own error first
const OWN_TIMEOUT_SLACK_MS = 1000;
// Ctrl-C or closing: how long the bridge gets to stop its calls and remove partial files
const SHUTDOWN_GRACE_MS = 5000;
// generous: pyinfra's import and gevent's patching take ~0.5 s, much more on a cold disk
const DEFAULT_START_TIMEOUT_MS = 30_000;
// listing entry points imports every installed connector module
const CONNECTORS_TIMEOUT_MS = 60_000;

export class Bridge {
  private current: BridgeProcess | undefined;
  private disposed = false;
  // after dispose() the log (an editor's output channel, perhaps gone too) hears nothing more
  private silenced = false;
  private readonly exitHook = () => this.current?.kill('the client exited');

  constructor(private readonly options: BridgeOptions) {
    process.on('exit', this.exitHook);
  }

  private log(line: string): void {
    if (!this.silenced) this.options.log?.(line);
  }

  /** The running process, started when there is none (first use, or after it exited). */
  private async process(): Promise<BridgeProcess> {
    if (this.disposed) throw new BridgeError('cancelled', 'The Python bridge was disposed');
    if (!this.current || !this.current.isAlive) {
      if (this.current) this.log('Python bridge: starting again after it exited');
      const started = new BridgeProcess({
        python: this.options.python,
        pythonDir: this.options.pythonDir ?? locatePythonDir(),
        cwd: this.options.cwd,
        env: this.options.env,
        log: (line) => this.log(line),
        startTimeoutMs: this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      });
      this.current = started;
      started.ready.then((info) => this.log(`Python bridge started: pid ${info.pid}, Python ${info.pythonVersion}, pyinfra ${info.pyinfraVersion}`), () => undefined);
    }
    const running = this.current;
    await running.ready;
    return running;
  }

  /** The interpreter and the pyinfra it has; starting the bridge if needed proves it works. */
  async info(): Promise<BridgeInfo> {
    return (await this.process()).ready;
  }

  get pid(): number | undefined {
    return this.current?.isAlive ? this.current.pid : undefined;
  }

  async connectors(): Promise<ConnectorInfo[]> {
    return (await this.process()).call<ConnectorInfo[]>('connectors', {}, { describe: 'Listing connectors', deadlineMs: CONNECTORS_TIMEOUT_MS });
  }

  /**
   * The target's hosts, as pyinfra's Inventory has them. They arrive in chunks (`onHosts`) while
   * make_names_data is still yielding, never as one message; a host whose data changed after it was
   * yielded comes again (`onChanged`) once pyinfra's Inventory is built, and the answer has it so.
   */
  async inventory(target: string, options: InventoryOptions = {}): Promise<HostEntry[]> {
    const hosts: HostEntry[] = [];
    let positions: Map<string, number> | undefined; // built on the first change only: most answers have none
    await this.streamInventory(target, {
      ...options,
      onHosts: (chunk) => {
        for (const host of chunk) hosts.push(host); // never push(...chunk): a long chunk overflows the stack
        options.onHosts?.(chunk);
      },
      onChanged: (chunk) => {
        positions ??= new Map(hosts.map((host, index) => [host.name, index]));
        for (const host of chunk) {
          const at = positions.get(host.name);
          if (at === undefined) positions.set(host.name, hosts.push(host) - 1);
          else hosts[at] = host;
        }
        options.onChanged?.(chunk);
      },
    });
    return hosts;
  }

  /** The hosts only as they arrive (none kept here), for a reader that needs each once; returns pyinfra's host count. */
  async streamInventory(target: string, options: InventoryOptions = {}): Promise<number> {
    const timeoutMs = options.timeoutMs ?? this.options.inventoryTimeoutMs ?? DEFAULT_INVENTORY_TIMEOUT_MS;
    const limits = { ...this.options.limits?.(), ...options.limits };
    const onNotification = (method: string, params: Record<string, unknown>) => {
      const chunk = (params as unknown as HostsNotification).hosts;
      if (method === 'hosts') options.onHosts?.(chunk);
      else if (method === 'hostsChanged') options.onChanged?.(chunk);
    };
    const { count } = await (await this.process()).call<InventoryCount>(
      'inventory',
      { targets: [target], data: options.data ?? {}, showSecrets: options.showSecrets ?? false, sources: options.sources ?? {}, chunked: true, limits } satisfies InventoryParams,
      { describe: `make_names_data of ${target}`, deadlineMs: timeoutMs, signal: options.signal, onNotification },
    );
    return count;
  }

  private callTimeoutMs(ownTimeoutSec?: number): number {
    if (ownTimeoutSec) return ownTimeoutSec * 1000 + OWN_TIMEOUT_SLACK_MS;
    return this.options.callTimeoutMs?.() ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  async run(selectors: HostSelector[], command: string, options: RunOptions = {}): Promise<HostRunResult[]> {
    const { onOutput, onProgress, signal, sources, ...runOptions } = options;
    return (await this.process()).call<HostRunResult[]>(
      'run',
      { selectors, command, options: runOptions, sources: sources ?? {} } satisfies RunParams,
      { describe: `Running '${command}'`, signal, onOutput, onNotification: progressListener(onProgress), deadlineMs: this.callTimeoutMs(options.timeoutSec) },
    );
  }

  async put(selector: HostSelector, localPath: string, remotePath: string, options: TransferOptions = {}): Promise<HostRunResult[]> {
    return (await this.process()).call<HostRunResult[]>(
      'put',
      { selector, local: localPath, remote: remotePath, options: { data: options.data, hostKeys: options.hostKeys } } satisfies TransferParams,
      { describe: `Uploading ${localPath}`, signal: options.signal, onNotification: progressListener(options.onProgress), deadlineMs: options.timeoutMs ?? this.callTimeoutMs() },
    );
  }

  /** Writes beside localPath and renames when complete: a failed download leaves no file. */
  async get(selector: HostSelector, remotePath: string, localPath: string, options: TransferOptions = {}): Promise<HostRunResult[]> {
    return (await this.process()).call<HostRunResult[]>(
      'get',
      { selector, remote: remotePath, local: localPath, options: { data: options.data, hostKeys: options.hostKeys } } satisfies TransferParams,
      { describe: `Downloading ${remotePath}`, signal: options.signal, deadlineMs: options.timeoutMs ?? this.callTimeoutMs() },
    );
  }

  /** The conformance suite on one target (python/pyinfra_kit_bridge/conformance), in that target's worker. */
  async test(target: string, options: ConformanceOptions = {}): Promise<CheckResult[]> {
    const { signal, ...params } = options;
    return (await this.process()).call<CheckResult[]>('test', { target, ...params } satisfies TestParams, { describe: `Conformance tests of ${target}`, signal });
  }

  /** The checks the suite has, in the order it runs them. */
  async conformanceChecks(): Promise<CheckInfo[]> {
    return (await this.process()).call<CheckInfo[]>('test', { list: true } satisfies TestParams, { describe: 'Listing conformance checks' });
  }

  /** Stops every call, letting the bridge clean up (partial downloads, remote commands), then ends it. */
  async shutdown(): Promise<void> {
    const running = this.current;
    this.forget();
    await running?.shutdown(SHUTDOWN_GRACE_MS);
  }

  dispose(): void {
    this.silenced = true;
    this.current?.kill('the client was disposed');
    this.forget();
  }

  private forget(): void {
    this.disposed = true;
    this.current = undefined;
    process.off('exit', this.exitHook);
  }
}
