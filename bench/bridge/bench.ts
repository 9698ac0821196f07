// Bridge speed, side by side with pyinfra's own CLI, in one run:
//   node bench/bridge/run.js [--only=a,g,h]   (bundles this file and the CLI into out/bench, then runs it)
// (a) cold start to the first make_names_data result for @local
// (b) warm inventory call, p50
// (c) warm run_shell_command('true') on @local through the client, p50, vs `pyinfra @local exec -- true`
// (d) exec on 200 hosts of a workspace LocalConnector subclass vs `pyinfra @benchlocal/200 exec -- true`
// (e) resident memory of the bridge (supervisor and workers) after (d), vs pyinfra's peak in (d)
// (f) one-shot `pyinfra-kit exec @local -- true` vs `pyinfra @local exec -- true`
// (g) time to the first and the last host of a 100,000-host connector, vs pyinfra's own Inventory
// (h) resident memory of the bridge after the 1,000,000 hosts of one connector
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Bridge } from '../../src/core/bridge/bridge';

const ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const PYINFRA = path.join(ROOT, '.venv', 'bin', 'pyinfra');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'connectors');
const CLI = path.join(ROOT, 'out', 'bench', 'cli.js');
const HOSTS = 200;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`);
const now = () => performance.now();

/** pyinfra's CLI sees the bench's LocalConnector subclass as an installed entry point. */
function benchSite(): string {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-bench-site-'));
  const info = path.join(site, 'bench_local-0.1.dist-info');
  fs.mkdirSync(info);
  fs.writeFileSync(path.join(info, 'METADATA'), 'Metadata-Version: 2.1\nName: bench-local\nVersion: 0.1\n');
  fs.writeFileSync(path.join(info, 'entry_points.txt'), '[pyinfra.connectors]\nbenchlocal = local_subclass:ManyLocalConnector\nbenchmany = runaway:ManyHosts\n');
  return site;
}

function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv, runs: number): { p50: number; ok: boolean } {
  const times: number[] = [];
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const started = now();
    const result = spawnSync(command, args, { cwd: FIXTURES, env, stdio: 'ignore' });
    times.push(now() - started);
    ok &&= result.status === 0;
  }
  return { p50: median(times), ok };
}

/** Peak RSS of a child process, through the kernel's accounting (ru_maxrss of children). */
function peakRssMb(args: string[], env: NodeJS.ProcessEnv): number {
  const script = 'import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  const result = spawnSync(PYTHON, ['-c', script, ...args], { cwd: FIXTURES, env, encoding: 'utf8' });
  return Number(result.stdout.trim()) / 1024;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The supervisor and its worker processes. */
function bridgeRssMb(pid: number): number {
  const workers = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((entry) => {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
  return rssMb(pid) + workers.reduce((sum, worker) => sum + rssMb(Number(worker)), 0);
}

// pyinfra's own Inventory of 100,000 hosts takes minutes (its group lists are quadratic): stopped here
const PYINFRA_INVENTORY_LIMIT_S = 60;

/** pyinfra's own Inventory for `@benchmany/N` (make_names_data and its processing), or how long it ran before it was stopped. */
function pyinfraOwnInventory(hosts: number, env: NodeJS.ProcessEnv): string {
  const script = `import time; from gevent import monkey; monkey.patch_all(); from pyinfra.api.inventory import Inventory; t = time.monotonic(); Inventory((["@benchmany/${hosts}"], {})); print(time.monotonic() - t)`;
  const run = spawnSync(PYTHON, ['-c', script], { cwd: FIXTURES, env, encoding: 'utf8', timeout: PYINFRA_INVENTORY_LIMIT_S * 1000, killSignal: 'SIGKILL' });
  return run.status === 0 ? ms(1000 * Number(run.stdout.trim())) : `> ${PYINFRA_INVENTORY_LIMIT_S} s (stopped)`;
}

async function lastHostMs(bridge: Bridge, target: string): Promise<number> {
  const started = now();
  await bridge.inventory(target, { timeoutMs: 600_000 });
  return now() - started;
}

function row(label: string, ours: string, theirs: string, verdict: string): void {
  console.log(`${label.padEnd(58)} ${ours.padStart(12)} ${theirs.padStart(14)}   ${verdict}`);
}

// --only=a,g,h runs those figures (all by default)
const only = new Set(process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',') ?? [...'abcdefgh']);

async function main(): Promise<void> {
  const site = benchSite();
  const env = { ...process.env, PYTHONPATH: [FIXTURES, site].join(path.delimiter), PYINFRA_PROGRESS: 'off', PYINFRA_KIT_PYTHON: PYTHON };
  console.log(`bridge benchmark: ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 16)} UTC, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  row('measure', 'bridge', 'pyinfra CLI', 'goal');

  // (a) cold start: a new bridge process each time, to the first make_names_data result
  const pyinfraInventory = only.has('a') || only.has('b') ? timeCommand(PYINFRA, ['@local', 'debug-inventory'], env, 5) : { p50: NaN };
  if (only.has('a')) {
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      const bridge = new Bridge({ python: PYTHON, cwd: FIXTURES, env });
      const started = now();
      await bridge.inventory('@local');
      cold.push(now() - started);
      bridge.dispose();
    }
    row('(a) cold start to first @local inventory (p50 of 5)', ms(median(cold)), ms(pyinfraInventory.p50), `<= 1500 ms: ${median(cold) <= 1500 ? 'met' : 'MISSED'}`);
  }

  const bridge = new Bridge({ python: PYTHON, cwd: FIXTURES, env });
  await bridge.inventory('@local');

  // (b) warm inventory
  if (only.has('b')) await warmInventory(bridge, pyinfraInventory.p50);
  if (only.has('c')) await warmRun(bridge, env);
  if (only.has('d') || only.has('e')) await fanOutFigures(bridge, env);
  if (only.has('g')) await streamingFigures(bridge, env);
  if (only.has('h')) {
    // (h) memory after a million hosts
    const million = await bridge.inventory('runaway.py:ManyHosts/1000000', { timeoutMs: 1_800_000 });
    const pid = (await bridge.info()).pid;
    row('(h) bridge RSS after 1,000,000 hosts of one connector', `${bridgeRssMb(pid).toFixed(0)} MB`, '', `${million.length} hosts`);
  }
  bridge.dispose();
  if (only.has('f')) oneShotFigures(env);
  fs.rmSync(site, { recursive: true, force: true });
}

async function warmInventory(bridge: Bridge, pyinfraP50: number): Promise<void> {
  const warm: number[] = [];
  for (let i = 0; i < 300; i++) {
    const started = now();
    await bridge.inventory('@local');
    warm.push(now() - started);
  }
  row('(b) warm @local inventory, p50 of 300', ms(median(warm)), ms(pyinfraP50), `<= 10 ms: ${median(warm) <= 10 ? 'met' : 'MISSED'}`);
}

// (c) warm run_shell_command('true')
async function warmRun(bridge: Bridge, env: NodeJS.ProcessEnv): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const started = now();
    const [result] = await bridge.run([{ target: '@local' }], 'true');
    runs.push(now() - started);
    if (!result.success) throw new Error(`true failed: ${JSON.stringify(result)}`);
  }
  const pyinfraExec = timeCommand(PYINFRA, ['@local', 'exec', '--', 'true'], env, 5);
  const speedup = pyinfraExec.p50 / median(runs);
  row("(c) warm run 'true' on @local, p50 of 100", ms(median(runs)), ms(pyinfraExec.p50), `<= 15 ms and >= 20x faster: ${speedup.toFixed(0)}x ${median(runs) <= 15 && speedup >= 20 ? 'met' : 'MISSED'}`);
}

async function fanOutFigures(bridge: Bridge, env: NodeJS.ProcessEnv): Promise<void> {
  // (d) 200 hosts of a workspace LocalConnector subclass; interleaved with pyinfra's runs so
  // that load from elsewhere on the machine falls on both alike
  const target = `local_subclass.py:ManyLocalConnector/${HOSTS}`;
  const fanOut: number[] = [];
  const oneShotFanOut: number[] = [];
  const pyinfraFanOut: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = now();
    const results = await bridge.run([{ target }], 'true');
    fanOut.push(now() - started);
    if (results.length !== HOSTS || !results.every((r) => r.success)) throw new Error('a host failed in (d)');
    const theirs = timeCommand(PYINFRA, [`@benchlocal/${HOSTS}`, 'exec', '--', 'true'], env, 1);
    if (!theirs.ok) throw new Error('pyinfra failed in (d)');
    pyinfraFanOut.push(theirs.p50);
    oneShotFanOut.push(timeCommand(process.execPath, [CLI, 'exec', target, '--', 'true'], env, 1).p50);
  }
  row(`(d) exec 'true' on ${HOSTS} hosts, warm bridge client, p50 of 5`, ms(median(fanOut)), ms(median(pyinfraFanOut)), `<= 0.5x: ${(median(fanOut) / median(pyinfraFanOut)).toFixed(2)}x ${median(fanOut) <= 0.5 * median(pyinfraFanOut) ? 'met' : 'MISSED'}`);
  row(`(d') same, one-shot pyinfra-kit exec (new processes)`, ms(median(oneShotFanOut)), ms(median(pyinfraFanOut)), `no slower: ${median(oneShotFanOut) <= median(pyinfraFanOut) ? 'met' : 'MISSED'}`);

  // (e) memory after (d)
  const bridgeRss = bridgeRssMb((await bridge.info()).pid);
  const pyinfraRss = peakRssMb([PYINFRA, `@benchlocal/${HOSTS}`, 'exec', '--', 'true'], env);
  row(`(e) bridge RSS after (d) vs pyinfra's peak RSS in (d)`, `${bridgeRss.toFixed(0)} MB`, `${pyinfraRss.toFixed(0)} MB`, `<= 200 MB: ${bridgeRss <= 200 ? 'met' : 'MISSED'}`);
}

async function streamingFigures(bridge: Bridge, env: NodeJS.ProcessEnv): Promise<void> {
  // (g) the first and the last host of 100,000, as the tree sees them arrive
  const many = 'runaway.py:ManyHosts/100000';
  const started = now();
  let first = 0;
  const hosts = await bridge.inventory(many, { timeoutMs: 600_000, onHosts: () => (first ||= now() - started) });
  const last = now() - started;
  if (hosts.length !== 100_000) throw new Error(`(g) got ${hosts.length} hosts`);
  const theirs100k = pyinfraOwnInventory(100_000, env);
  row("(g) 100,000 hosts: first host, vs pyinfra's own Inventory", ms(first), theirs100k, `<= 300 ms: ${first <= 300 ? 'met' : 'MISSED'}`);
  row("(g) 100,000 hosts: last host, vs pyinfra's own Inventory", ms(last), theirs100k, '');
  row("(g) 10,000 hosts: last host, vs pyinfra's own Inventory", ms(await lastHostMs(bridge, 'runaway.py:ManyHosts/10000')), pyinfraOwnInventory(10_000, env), '');
}

function oneShotFigures(env: NodeJS.ProcessEnv): void {
  // (f) one-shot CLI, a new Node and Python each time, interleaved with pyinfra's
  const oneShot: number[] = [];
  const pyinfraOneShot: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ours = timeCommand(process.execPath, [CLI, 'exec', '@local', '--', 'true'], env, 1);
    if (!ours.ok) throw new Error('pyinfra-kit exec failed in (f)');
    oneShot.push(ours.p50);
    pyinfraOneShot.push(timeCommand(PYINFRA, ['@local', 'exec', '--', 'true'], env, 1).p50);
  }
  row('(f) one-shot exec @local -- true, p50 of 5', ms(median(oneShot)), ms(median(pyinfraOneShot)), `faster: ${median(oneShot) < median(pyinfraOneShot) ? 'met' : 'MISSED'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
