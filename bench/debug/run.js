// Bundles the debug benchmark into out/bench and runs it: node bench/debug/run.js
// (BENCH_RUNS=n sessions, default 5; BENCH_PYTHON_DIR=dir times another copy of python/, e.g. before a change)
const esbuild = require('esbuild');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
esbuild.buildSync({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', entryPoints: [path.join(root, 'bench/debug/bench.ts')], outfile: path.join(root, 'out/bench/debug.js') });
process.exit(spawnSync(process.execPath, [path.join(root, 'out/bench/debug.js')], { stdio: 'inherit' }).status ?? 1);
