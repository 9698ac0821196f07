// Language server start to the first diagnostics of an open file: dist/server.js started over stdio
// as VS Code starts it, initialized on the demo workspace, half_written.py opened at once; the time
// from spawning the process to the first publishDiagnostics for that file. Prints milliseconds.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '../..');
const WORKSPACE = path.join(ROOT, 'test/fixtures/demo-workspace');
const FILE = path.join(WORKSPACE, 'connectors/half_written.py');
const uri = (file) => `file://${file}`;

function measure() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const server = spawn(process.execPath, [path.join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const send = (message) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => { server.kill(); reject(new Error('no diagnostics within 30 s')); }, 30000);
    server.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
        buffer = buffer.subarray(header + 4 + length);
        if (message.id === 1 && message.result) {
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri: uri(FILE), languageId: 'python', version: 1, text: fs.readFileSync(FILE, 'utf8') } } });
        } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri(FILE) && message.params.diagnostics.length > 0) {
          clearTimeout(timer);
          const ms = performance.now() - started;
          server.kill();
          resolve(ms);
        } else if (message.id !== undefined && message.method) {
          send({ id: message.id, result: null }); // workspace/configuration, registrations, progress
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: uri(WORKSPACE), workspaceFolders: [{ uri: uri(WORKSPACE), name: 'demo' }], capabilities: {} } });
  });
}

(async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await measure());
  runs.sort((a, b) => a - b);
  console.log(JSON.stringify({ firstDiagnosticsMedianMs: runs[2], firstDiagnosticsRunsMs: runs.map((r) => Math.round(r)) }));
})().catch((error) => { console.error(error); process.exit(1); });
