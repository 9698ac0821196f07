// A minimal LSP client over the real server's stdio: Content-Length framing, requests, notifications,
// and waiting for a server message that matches.
import { ChildProcess, spawn } from 'child_process';

export interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

export class StdioClient {
  private readonly process: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  readonly received: Message[] = [];
  private readonly waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  stderr = '';

  constructor(serverPath: string) {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.process.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    // server-to-client requests (client/registerCapability, ...) get an empty success
    if (message.id !== undefined && message.method) this.write({ id: message.id, result: null });
    this.received.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.process.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin!.write(body);
  }

  notify(method: string, params: unknown): void {
    this.write({ method, params });
  }

  async request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    const reply = this.waitFor((m) => m.id === id && !m.method, `reply to ${method}`);
    this.write({ id, method, params });
    const message = await reply;
    if (message.error) throw new Error(message.error.message);
    return message.result as T;
  }

  /** The first message (already received from `since` on, or coming) that matches. */
  waitFor(match: (m: Message) => boolean, what: string, since = 0, timeoutMs = 15000): Promise<Message> {
    const already = this.received.slice(since).find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  async close(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => { this.process.kill(); resolve(); }, 3000);
      this.process.once('exit', () => { clearTimeout(timer); resolve(); });
    });
  }
}
