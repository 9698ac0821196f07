// One running bridge process: spawn, handshake, requests and replies, output notifications, and
// what happens when it dies. The Bridge class above it decides when to start and restart.
import { spawn, type ChildProcess } from 'child_process';
import type { Socket } from 'net';
import { BridgeError, type OutputEvent } from './protocol';
import { LineSplitter, type BridgeInfo, type OutputNotification, type WireError, type WireNotification, type WireReply } from './wire';

// sys.path[0] becomes the bridge's own folder instead of the cwd, so a workspace file named like a
// library (gevent.py, json.py) never shadows it.
const LAUNCH = 'import sys; sys.path[0] = sys.argv[1]; from pyinfra_kit_bridge.__main__ import main; main(sys.argv[2:])';
const CHANNEL_FD = 3;
const STDERR_TAIL = 30;
// a cancelled call whose greenlet does not stop (a connector spinning the CPU) holds the whole
// bridge: after this long without the cancellation being acknowledged, the process is stopped
const CANCEL_GRACE_MS = 2000;

export interface SpawnOptions {
  python: string;
  pythonDir: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  startTimeoutMs: number;
}

export interface CallOptions {
  timeoutMs?: number;
  /** Says what timed out, e.g. "make_names_data of @local". */
  describe: string;
  signal?: AbortSignal;
  onOutput?: (event: OutputEvent) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: BridgeError) => void;
  onOutput?: (event: OutputEvent) => void;
}

function fromWire(error: WireError): BridgeError {
  return new BridgeError(error.kind, error.message, error.detail);
}

export class BridgeProcess {
  private readonly child: ChildProcess;
  private readonly channel: Socket;
  private readonly pending = new Map<number, Pending>();
  private readonly cancelling = new Map<number, NodeJS.Timeout>();
  private readonly stderrTail: string[] = [];
  private nextId = 1;
  private exitError: BridgeError | undefined;
  /** Set when the process is gone; every later call fails with it. */
  readonly ready: Promise<BridgeInfo>;
  readonly exited: Promise<void>;
  private killReason: string | undefined;

  constructor(private readonly options: SpawnOptions) {
    this.child = spawn(options.python, ['-u', '-c', LAUNCH, options.pythonDir, String(CHANNEL_FD)], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      // stdin closed so input() fails fast; fd 1 is redirected to stderr by the bridge itself
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      // its own process group: a timeout kills the connector's subprocesses too, and it has no
      // controlling terminal, so getpass() cannot hang waiting for a password
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.channel = this.child.stdio[CHANNEL_FD] as Socket;
    const stderrLines = new LineSplitter();
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      for (const line of stderrLines.push(chunk)) {
        this.stderrTail.push(line);
        if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
        options.log(line);
      }
    });
    let readyResolve!: (info: BridgeInfo) => void;
    let readyReject!: (error: BridgeError) => void;
    this.ready = new Promise((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    const startTimer = setTimeout(() => {
      readyReject(new BridgeError('timeout', `The Python bridge (${options.python}) did not start within ${Math.round(options.startTimeoutMs / 1000)} s`, this.tail()));
      this.kill('it did not start in time');
    }, options.startTimeoutMs);
    this.ready.then(() => clearTimeout(startTimer), () => clearTimeout(startTimer));

    const lines = new LineSplitter();
    this.channel.setEncoding('utf8');
    this.channel.on('data', (chunk: string) => {
      for (const line of lines.push(chunk)) this.receive(line, readyResolve, readyReject);
    });
    this.channel.on('error', (error) => options.log(`bridge channel: ${error.message}`));

    this.exited = new Promise((resolve) => {
      this.child.on('error', (error: NodeJS.ErrnoException) => {
        const notFound = error.code === 'ENOENT' || error.code === 'EACCES';
        this.exitError = new BridgeError(
          'python-missing',
          notFound ? `Cannot start the Python interpreter '${options.python}': ${error.code === 'ENOENT' ? 'not found' : 'not executable'}` : `Cannot start the Python interpreter '${options.python}': ${error.message}`,
          error.stack,
        );
        readyReject(this.exitError);
        this.failAll(this.exitError);
        resolve();
      });
      this.child.on('exit', (code, signal) => {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const message = this.killReason ? `The Python bridge was stopped: ${this.killReason}` : `The Python bridge ${how}`;
        this.exitError ??= new BridgeError('exited', message, this.tail());
        readyReject(new BridgeError('python-missing', `The interpreter '${options.python}' ${how} before the bridge started${this.lastLine()}`, this.tail()));
        this.failAll(this.exitError);
        this.channel.destroy();
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

  private receive(line: string, readyResolve: (info: BridgeInfo) => void, readyReject: (error: BridgeError) => void): void {
    let message: WireReply & WireNotification;
    try {
      message = JSON.parse(line);
    } catch {
      this.options.log(`bridge sent a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message.id === 'number') {
      const cancelTimer = this.cancelling.get(message.id);
      if (cancelTimer) {
        clearTimeout(cancelTimer);
        this.cancelling.delete(message.id);
      }
      const pending = this.pending.get(message.id);
      if (!pending) return; // cancelled or timed out: the reply came too late
      this.pending.delete(message.id);
      if (message.error) pending.reject(fromWire(message.error));
      else pending.resolve(message.result);
      return;
    }
    if (message.method === 'output') {
      const output = message.params as unknown as OutputNotification;
      this.pending.get(output.id)?.onOutput?.({ host: output.host, stream: output.stream, line: output.line });
    } else if (message.method === 'ready') {
      const params = message.params as unknown as { error?: WireError } & BridgeInfo;
      if (params.error) {
        this.exitError = fromWire(params.error);
        readyReject(this.exitError);
      } else {
        readyResolve(params);
      }
    }
  }

  private failAll(error: BridgeError): void {
    for (const timer of this.cancelling.values()) clearTimeout(timer);
    this.cancelling.clear();
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  call<T>(method: string, params: Record<string, unknown>, options: CallOptions): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    if (options.signal?.aborted) return Promise.reject(new BridgeError('cancelled', `Cancelled: ${options.describe}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        this.pending.delete(id);
        this.send({ method: 'cancel', params: { id } });
        this.cancelling.set(id, setTimeout(() => this.kill(`${options.describe} did not stop when cancelled`), CANCEL_GRACE_MS));
        settle();
        reject(new BridgeError('cancelled', `Cancelled: ${options.describe}`));
      };
      const settle = () => {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
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
        onOutput: options.onOutput,
      });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const seconds = Math.round((options.timeoutMs ?? 0) / 100) / 10;
          const pending = this.pending.get(id);
          this.pending.delete(id);
          pending?.reject(new BridgeError('timeout', `${options.describe} did not finish within ${seconds} s; the bridge was stopped and starts again on the next call`));
          this.kill(`${options.describe} timed out`);
        }, options.timeoutMs);
      }
      this.send({ id, method, params });
    });
  }

  private send(message: object): void {
    if (this.channel.writable) this.channel.write(`${JSON.stringify(message)}\n`);
  }

  /** Kills the process and everything it started (its process group). */
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
  }
}
