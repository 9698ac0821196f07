// A minimal stdio LSP driver for the benchmark: framing, requests, notifications, waiting for a message.
const { spawn } = require('child_process');

function startServer(serverPath) {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const waiters = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method) write({ id: message.id, result: null });
      for (const waiter of [...waiters]) {
        if (waiter.match(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }
  });
  function write(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  const waitFor = (match) => new Promise((resolve) => waiters.push({ match, resolve }));
  return {
    pid: child.pid,
    notify: (method, params) => write({ method, params }),
    waitFor,
    async request(method, params) {
      const id = nextId++;
      const reply = waitFor((m) => m.id === id && !m.method);
      write({ id, method, params });
      return (await reply).result;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await this.request('shutdown', null);
      write({ method: 'exit', params: null });
      await exited;
    },
  };
}

module.exports = { startServer };
