// Time from the start of a `pyinfra-connector` debug session to its first stop at a breakpoint in the demo
// connector's make_names_data: debugpy's adapter run with .venv's Python, spoken to over DAP as VS Code does,
// with the launch arguments the extension gives it (src/core/debug/launchConfig.ts). Beside it, the same
// request without the debugger, and each session's phases: the adapter up, the debuggee started and connected,
// the breakpoint set, the run to the stop.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bridgeRequestFor, debugpyLaunchArguments } from '../../src/core/debug/launchConfig';

const ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(ROOT, '.venv/bin/python');
const WORKSPACE = path.join(ROOT, 'test/fixtures/demo-workspace');
const DEMO = path.join(WORKSPACE, 'connectors/demo.py');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Another copy of the bridge's Python side to compare with (before/after a change). */
const PYTHON_DIR = process.env.BENCH_PYTHON_DIR ?? path.join(ROOT, 'python');

function lineOf(file: string, text: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
}

/** The milestones of one session, in milliseconds from spawning the adapter (the last one is the stop). */
const PHASES = [
  ['adapter answers initialize', 'response initialize'],
  ['debuggee started and connected (initialized)', 'event initialized'],
  ['breakpoint set, configuration done', 'response configurationDone'],
  ['debuggee ran to the breakpoint (stopped)', 'event stopped'],
] as const;
type Milestones = Record<(typeof PHASES)[number][1], number>;

/** One session: resolves with the time of each milestone from spawning the adapter to the `stopped` event. */
function timeToFirstStop(): Promise<Milestones> {
  const launch = { target: 'connectors/demo.py:DemoConnector/web', action: 'inventory' as const };
  const request = bridgeRequestFor(launch);
  if ('error' in request) throw new Error(request.error);
  const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-debug-bench-'));
  const args = debugpyLaunchArguments(launch, request.ok, { python: PYTHON, pythonDir: PYTHON_DIR, cwd: WORKSPACE, resultFile: path.join(resultDir, 'reply.json') });
  const started = performance.now();
  const adapter = spawn(PYTHON, ['-m', 'debugpy.adapter'], { cwd: resultDir, stdio: ['pipe', 'pipe', 'inherit'] });
  let seq = 1;
  const send = (command: string, argumentsOf: unknown) => {
    const body = JSON.stringify({ seq: seq++, type: 'request', command, arguments: argumentsOf });
    adapter.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const milestones: Partial<Milestones> = {};
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('no stop within 60 s')), 60_000);
    adapter.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
        buffer = buffer.subarray(header + 4 + length);
        const key = `${message.type} ${message.event ?? message.command}` as keyof Milestones;
        if (PHASES.some(([, k]) => k === key) && milestones[key] === undefined) milestones[key] = performance.now() - started;
        if (message.type === 'event' && message.event === 'initialized') {
          send('setBreakpoints', { source: { path: DEMO }, breakpoints: [{ line: lineOf(DEMO, 'for host_name, data, groups in hosts') }] });
          send('configurationDone', {});
        } else if (message.type === 'event' && message.event === 'stopped') {
          clearTimeout(timer);
          adapter.on('exit', () => {
            fs.rmSync(resultDir, { recursive: true, force: true });
            resolve(milestones as Milestones);
          });
          send('disconnect', { terminateDebuggee: true });
        } else if (message.type === 'response' && message.command === 'disconnect') {
          adapter.kill(); // the adapter keeps serving after the session; VS Code ends it the same way
        } else if (message.type === 'response' && !message.success) {
          reject(new Error(`${message.command}: ${message.message}`));
        }
      }
    });
    send('initialize', { clientID: 'bench', adapterID: 'pyinfra-connector', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    send('launch', { type: 'pyinfra-connector', request: 'launch', name: 'bench', ...args });
  });
}

function withoutDebugger(): number {
  const started = performance.now();
  const result = path.join(os.tmpdir(), `pck-debug-bench-${process.pid}.json`);
  const request = JSON.stringify({ method: 'inventory', params: { targets: ['connectors/demo.py:DemoConnector/web'] } });
  spawnSync(PYTHON, [path.join(PYTHON_DIR, 'pyinfra_kit_bridge/debug_entry.py'), request, result], { cwd: WORKSPACE });
  const elapsed = performance.now() - started;
  fs.rmSync(result, { force: true });
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const loadBefore = load();
  const sessions: Milestones[] = [];
  for (let i = 0; i < RUNS; i++) sessions.push(await timeToFirstStop());
  const stops = sessions.map((m) => m['event stopped']);
  const plain = Array.from({ length: RUNS }, withoutDebugger);
  const row = (label: string, ms: number, note: string) => console.log(`${label.padEnd(58)}${`${ms.toFixed(0)} ms`.padStart(10)}  ${note}`);
  console.log(`debug benchmark (debugpy ${spawnSync(PYTHON, ['-c', 'import debugpy; print(debugpy.__version__)']).stdout.toString().trim()}, median of ${RUNS}; load average ${loadBefore} before, ${load()} after)`);
  row('session start to first stop in make_names_data', median(stops), 'goal <= 3000 ms');
  row('slowest of the runs', Math.max(...stops), '');
  let previous = sessions.map(() => 0);
  for (const [label, key] of PHASES) {
    row(`  phase: ${label}`, median(sessions.map((m, i) => m[key] - previous[i])), '');
    previous = sessions.map((m) => m[key]);
  }
  row('the same request without the debugger (to its answer)', median(plain), '(reference)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
