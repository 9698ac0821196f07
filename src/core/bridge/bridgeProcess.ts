// One running bridge process: spawn, handshake, requests and replies, output notifications, and
// what happens when it dies. The Bridge class above it decides when to start and restart.
//
// The process is a supervisor that runs no connector code itself: each connector target gets a
// worker process of its own (python/pyinfra_kit_bridge/supervisor.py), and deadlines, cancels and
// clean-up of a target are enforced there, so one connector's failure reaches no other. The cancel
// timer here is only a backstop for a supervisor that stopped answering.
import { spawn, type ChildProcess } from 'child_process';
import type { Socket } from 'net';
import { BridgeError, type OutputEvent } from './protocol';
import { LineSplitter, type BridgeInfo, type CallDeadline, type CancelParams, type OutputNotification, type WireError, type WireNotification, type WireReply } from './wire';

// sys.path[0] becomes the bridge's own folder instead of the cwd, so a workspace file named like a
// library (gevent.py, json.py) never shadows it.
const LAUNCH = 'import sys; sys.path[0] = sys.argv[1]; from pyinfra_kit_bridge.__main__ import main; main(sys.argv[2:])';
const CHANNEL_FD = 3;
const STDERR_TAIL = 30;
// how long the stderr of an exited bridge is still read (a detached daemon may keep it open forever)
const STDERR_LINGER_MS = 200;
// the supervisor stops a worker 2 s after a cancel it did not obey; this is for a supervisor that
// does not answer at all, so it waits longer before stopping everything
const CANCEL_GRACE_MS = 4000;

export interface SpawnOptions {
  python: string;
  pythonDir: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  startTimeoutMs: number;
}

export interface CallOptions {
  /** The deadline of each call into connector code (make_names_data, connect, ...), enforced by the bridge. */
  deadlineMs?: number;
  /** Says what timed out, e.g. "make_names_data of @local". */
  describe: string;
  signal?: AbortSignal;
  onOutput?: (event: OutputEvent) => void;
  /** Every notification of this request other than output lines (e.g. chunks of hosts). */
  onNotification?: (method: string, params: Record<string, unknown>) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: BridgeError) => void;
  options: CallOptions;
}

function fromWire(error: WireError): BridgeError {
  return new BridgeError(error.kind, error.message, error.detail, error.target);
}

export class BridgeProcess {
  private readonly child: ChildProcess;
  private readonly channel: Socket;
  private readonly pending = new Map<number, Pending>();
  private readonly cancelling = new Map<number, NodeJS.Timeout>();
  private readonly stderrTail: string[] = [];
  private nextId = 1;
  private exitError: BridgeError | undefined;
  private killReason: string | undefined;
  private readyResolve!: (info: BridgeInfo) => void;
  private readyReject!: (error: BridgeError) => void;
  readonly ready: Promise<BridgeInfo>;
  /** Set when the process is gone; every later call fails with it. */
  readonly exited: Promise<void>;
  /** Set when all the process wrote to stderr has been logged (or given up on, see releaseStreams). */
  private readonly stderrRead: Promise<void>;

  constructor(private readonly options: SpawnOptions) {
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.child = this.spawnProcess();
    this.channel = this.child.stdio[CHANNEL_FD] as Socket;
    this.stderrRead = this.collectStderr();
    this.armStartTimer();
    this.readChannel();
    this.exited = this.watchExit();
  }

  private spawnProcess(): ChildProcess {
    const { python, pythonDir, cwd, env } = this.options;
    return spawn(python, ['-u', '-c', LAUNCH, pythonDir, String(CHANNEL_FD)], {
      cwd,
      env: env ?? process.env,
      // stdin closed so input() fails fast; fd 1 is redirected to stderr by the bridge itself
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      // its own process group: a timeout kills the connector's subprocesses too, and it has no
      // controlling terminal, so getpass() cannot hang waiting for a password
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
  }

  private collectStderr(): Promise<void> {
    const lines = new LineSplitter();
    const take = (line: string) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
      this.options.log(line);
    };
    const stderr = this.child.stderr!;
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => lines.push(chunk).forEach(take));
    return new Promise((resolve) => stderr.once('close', () => {
      lines.end().forEach(take);
      resolve();
    }));
  }

  private armStartTimer(): void {
    const { python, startTimeoutMs } = this.options;
    const timer = setTimeout(() => {
      this.readyReject(new BridgeError('timeout', `The Python bridge (${python}) did not start within ${Math.round(startTimeoutMs / 1000)} s`, this.tail()));
      this.kill('it did not start in time');
    }, startTimeoutMs);
    this.ready.then(() => clearTimeout(timer), () => clearTimeout(timer));
  }

  private readChannel(): void {
    const lines = new LineSplitter();
    this.channel.setEncoding('utf8');
    this.channel.on('data', (chunk: string) => {
      for (const line of lines.push(chunk)) this.receive(line);
    });
    this.channel.on('error', (error) => this.options.log(`bridge channel: ${error.message}`));
  }

  private watchExit(): Promise<void> {
    const { python } = this.options;
    return new Promise((resolve) => {
      this.child.on('error', (error: NodeJS.ErrnoException) => {
        const notFound = error.code === 'ENOENT' || error.code === 'EACCES';
        this.exitError = new BridgeError(
          'python-missing',
          notFound ? `Cannot start the Python interpreter '${python}': ${error.code === 'ENOENT' ? 'not found' : 'not executable'}` : `Cannot start the Python interpreter '${python}': ${error.message}`,
          error.stack,
        );
        this.readyReject(this.exitError);
        this.failAll(this.exitError);
        resolve();
      });
      this.child.on('exit', (code, signal) => {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const message = this.killReason ? `The Python bridge was stopped: ${this.killReason}` : `The Python bridge ${how}`;
        this.exitError ??= new BridgeError('exited', message, this.tail());
        this.readyReject(new BridgeError('python-missing', `The interpreter '${python}' ${how} before the bridge started${this.lastLine()}`, this.tail()));
        this.failAll(this.exitError);
        this.releaseStreams();
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isAlive(): boolean {
    return this.exitError === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  private tail(): string {
    return this.stderrTail.join('\n');
  }

  private lastLine(): string {
    const last = this.stderrTail.filter((line) => line.trim()).at(-1);
    return last ? `: ${last.trim()}` : '';
  }

  private receive(line: string): void {
    let message: WireReply & WireNotification;
    try {
      message = JSON.parse(line);
    } catch {
      this.options.log(`bridge sent a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message.id === 'number') this.settle(message);
    else if (message.method === 'ready') this.started(message.params as unknown as { error?: WireError } & BridgeInfo);
    else this.notified(message);
  }

  private settle(reply: WireReply): void {
    const cancelTimer = this.cancelling.get(reply.id);
    if (cancelTimer) {
      clearTimeout(cancelTimer); // the bridge confirmed the cancel: nothing to stop
      this.cancelling.delete(reply.id);
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return; // cancelled or timed out: the reply came too late
    this.pending.delete(reply.id);
    if (reply.error) pending.reject(fromWire(reply.error));
    else pending.resolve(reply.result);
  }

  private started(params: { error?: WireError } & BridgeInfo): void {
    if (params.error) {
      this.exitError = fromWire(params.error);
      this.readyReject(this.exitError);
    } else {
      this.readyResolve(params);
    }
  }

  private notified(message: WireNotification): void {
    const id = (message.params as { id?: unknown })?.id;
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!pending) return;
    if (message.method === 'output') {
      const output = message.params as unknown as OutputNotification;
      pending.options.onOutput?.({ host: output.host, stream: output.stream, line: output.line });
    } else {
      pending.options.onNotification?.(message.method, message.params);
    }
  }

  private failAll(error: BridgeError): void {
    for (const timer of this.cancelling.values()) clearTimeout(timer);
    this.cancelling.clear();
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /** The number of calls sent and not yet answered (cancelled calls awaiting confirmation included). */
  get inFlight(): number {
    return this.pending.size + this.cancelling.size;
  }

  call<T>(method: string, params: object, options: CallOptions): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    if (options.signal?.aborted) return Promise.reject(new BridgeError('cancelled', `Cancelled: ${options.describe}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const settle = () => options.signal?.removeEventListener('abort', onAbort);
      const onAbort = () => {
        this.pending.delete(id);
        this.send({ method: 'cancel', params: { id } satisfies CancelParams });
        this.cancelling.set(id, setTimeout(() => this.kill(`${options.describe} did not stop when cancelled`), CANCEL_GRACE_MS));
        settle();
        reject(new BridgeError('cancelled', `Cancelled: ${options.describe}`));
      };
      this.pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value as T);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        options,
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const deadline: CallDeadline = options.deadlineMs === undefined ? {} : { deadlineSec: options.deadlineMs / 1000 };
      this.send({ id, method, params: { ...params, ...deadline } });
    });
  }

  private send(message: object): void {
    if (this.channel.writable) this.channel.write(`${JSON.stringify(message)}\n`);
  }

  /**
   * Ends the bridge the gentle way: its channel closes, every worker stops its calls and removes
   * what it was writing (partial downloads, temporary copies, remote commands), then it exits.
   * Killed after `graceMs` if it has not.
   */
  async shutdown(graceMs: number): Promise<void> {
    if (!this.isAlive) return;
    this.channel.end();
    const timer = setTimeout(() => this.kill('it did not stop in time'), graceMs);
    await this.exited;
    clearTimeout(timer);
    await this.stderrRead;
  }

  /** Kills the process and everything it started (its process group; its workers follow it). */
  kill(reason: string): void {
    if (!this.isAlive) return;
    this.killReason = reason;
    const pid = this.child.pid;
    try {
      if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
      else this.child.kill('SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    this.releaseStreams();
  }

  /**
   * A daemon a connector detached may hold the bridge's stderr open: it must not keep Node alive.
   * What the bridge wrote before it exited is still read, for a moment, so its last lines reach the log.
   */
  private releaseStreams(): void {
    const stderr = this.child.stderr as Socket | null;
    stderr?.unref();
    if (stderr) setTimeout(() => stderr.destroy(), STDERR_LINGER_MS).unref();
    this.channel.destroy();
  }
}
