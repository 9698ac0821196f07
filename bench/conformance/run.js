// node bench/conformance/run.js (after `node esbuild.js`): the whole conformance suite through the
// CLI, as a person runs it, on @local (goal: 10 s) and on 20 hosts of a workspace subclass of
// LocalConnector in parallel, beside 1 host of the same connector for reference.
const path = require('path');
const os = require('os');
const fs = require('fs');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const fixtures = path.join(root, 'test', 'fixtures', 'connectors');
const python = path.join(root, '.venv', 'bin', 'python');
if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.js` first');

function suite(target) {
  const started = process.hrtime.bigint();
  const done = spawnSync(process.execPath, [cli, 'test', target, '--format', 'json'], {
    cwd: fixtures, env: { ...process.env, PYINFRA_KIT_PYTHON: python }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const results = JSON.parse(done.stdout);
  const counts = {};
  for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  const hosts = new Set(results.map((result) => result.host).filter(Boolean)).size;
  const checkMs = results.reduce((total, result) => total + result.durationMs, 0);
  const failing = results.filter((result) => result.status === 'fail' || result.status === 'error').map((result) => `${result.host} ${result.check}`);
  return { target, wallMs, checkMs, hosts, counts, failing };
}

const rows = [
  ['whole suite on @local', suite('@local'), 'goal ≤ 10 s'],
  ['1 host of ManyLocalConnector', suite('local_subclass.py:ManyLocalConnector/1'), 'reference for the row below'],
  ['20 hosts of ManyLocalConnector in parallel', suite('local_subclass.py:ManyLocalConnector/20'), '20× the row above if serial'],
];
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
console.log('| run | hosts | results | wall time | sum of check times | goal / reference |');
console.log('|---|---|---|---|---|---|');
for (const [name, run, goal] of rows) {
  const counts = Object.entries(run.counts).map(([status, count]) => `${count} ${status}`).join(', ');
  console.log(`| ${name} | ${run.hosts} | ${counts} | ${(run.wallMs / 1000).toFixed(1)} s | ${(run.checkMs / 1000).toFixed(1)} s | ${goal} |`);
}
for (const [name, run] of rows) if (run.failing.length) console.log(`${name}: not passing: ${[...new Set(run.failing.map((entry) => entry.split(' ')[1]))].join(', ')}`);
