// The client of the Python bridge: one process per interpreter, started on first use, reused, and
// started again after it exited (a crash, os._exit in a connector, a timeout). The extension and
// the CLI both use it.
import { BridgeProcess } from './bridgeProcess';
import { locatePythonDir } from './pythonDir';
import { BridgeError, type ConnectorInfo, type HostEntry, type HostRunResult, type HostSelector, type InventoryOptions, type RunOptions } from './protocol';
import type { BridgeInfo } from './wire';

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
  startTimeoutMs?: number;
}

export interface TransferOptions {
  signal?: AbortSignal;
  /** Extra host data, as `--data key=value` gives it. */
  data?: Record<string, string>;
}

const DEFAULT_INVENTORY_TIMEOUT_MS = 30_000;
// generous: pyinfra's import and gevent's patching take ~0.5 s, much more on a cold disk
const DEFAULT_START_TIMEOUT_MS = 30_000;
// listing entry points imports every installed connector module
const CONNECTORS_TIMEOUT_MS = 60_000;

export class Bridge {
  private current: BridgeProcess | undefined;
  private disposed = false;
  private readonly exitHook = () => this.current?.kill('the client exited');

  constructor(private readonly options: BridgeOptions) {
    process.on('exit', this.exitHook);
  }

  private log(line: string): void {
    this.options.log?.(line);
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
    return (await this.process()).call<ConnectorInfo[]>('connectors', {}, { describe: 'Listing connectors', timeoutMs: CONNECTORS_TIMEOUT_MS });
  }

  async inventory(target: string, options: InventoryOptions = {}): Promise<HostEntry[]> {
    const timeoutMs = options.timeoutMs ?? this.options.inventoryTimeoutMs ?? DEFAULT_INVENTORY_TIMEOUT_MS;
    return (await this.process()).call<HostEntry[]>(
      'inventory',
      { targets: [target], data: options.data ?? {}, showSecrets: options.showSecrets ?? false, sources: options.sources ?? {} },
      { describe: `make_names_data of ${target}`, timeoutMs, signal: options.signal },
    );
  }

  async run(selectors: HostSelector[], command: string, options: RunOptions = {}): Promise<HostRunResult[]> {
    const { onOutput, signal, sources, ...runOptions } = options;
    return (await this.process()).call<HostRunResult[]>(
      'run',
      { selectors, command, options: runOptions, sources: sources ?? {} },
      { describe: `Running '${command}'`, signal, onOutput },
    );
  }

  async put(selector: HostSelector, localPath: string, remotePath: string, options: TransferOptions = {}): Promise<HostRunResult[]> {
    return (await this.process()).call<HostRunResult[]>(
      'put',
      { selector, local: localPath, remote: remotePath, options: { data: options.data } },
      { describe: `Uploading ${localPath}`, signal: options.signal },
    );
  }

  /** Writes beside localPath and renames when complete: a failed download leaves no file. */
  async get(selector: HostSelector, remotePath: string, localPath: string, options: TransferOptions = {}): Promise<HostRunResult[]> {
    return (await this.process()).call<HostRunResult[]>(
      'get',
      { selector, remote: remotePath, local: localPath, options: { data: options.data } },
      { describe: `Downloading ${remotePath}`, signal: options.signal },
    );
  }

  dispose(): void {
    this.disposed = true;
    this.current?.kill('the client was disposed');
    this.current = undefined;
    process.off('exit', this.exitHook);
  }
}
