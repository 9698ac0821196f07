// Bundles the benchmark and the CLI into out/bench, then runs the benchmark: node bench/bridge/run.js [--only=a,g,h]
const esbuild = require('esbuild');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' };
esbuild.buildSync({ ...common, entryPoints: [path.join(root, 'bench/bridge/bench.ts')], outfile: path.join(root, 'out/bench/bridge.js') });
esbuild.buildSync({ ...common, entryPoints: [path.join(root, 'src/cli/bin.ts')], outfile: path.join(root, 'out/bench/cli.js') });
process.exit(spawnSync(process.execPath, [path.join(root, 'out/bench/bridge.js'), ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1);
