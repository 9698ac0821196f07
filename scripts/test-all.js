// Runs every test tier and ends with one line summing them: `N passed, N failed, N skipped`.
//   node scripts/test-all.js              all tiers
//   TEST_TIERS=unit,python node scripts/test-all.js
// Tiers: typecheck, unit (node:test, no VS Code), python (pytest on the bridge), e2e (a real VS Code),
// package (a release build packed by vsce holds exactly the allow-listed files).
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
// one test that hangs (a regression leaving a connection open) fails instead of stalling the run
const TEST_TIMEOUT_MS = 120_000;
const selected = (process.env.TEST_TIERS || 'typecheck,unit,python,e2e,package').split(',').map((t) => t.trim());

function run(command, args, { quiet = false, ...options } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        if (!quiet) (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const count = (output, pattern) => {
  const match = output.match(pattern);
  return match ? Number(match[1]) : 0;
};

function listFiles(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).filter((f) => pattern.test(f)).map((f) => path.join(dir, f)).sort();
}

const tiers = {
  async typecheck() {
    const { code } = await run('npx', ['tsc', '--noEmit', '-p', '.']);
    return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  },
  async unit() {
    const files = listFiles(path.join(ROOT, 'out/test/unit'), /\.test\.js$/);
    if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, note: 'no unit test bundles in out/test/unit' };
    const { code, output } = await run(process.execPath, ['--test', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${path.join(ROOT, 'out/unit.tap')}`, ...files]);
    const tap = fs.existsSync(path.join(ROOT, 'out/unit.tap')) ? fs.readFileSync(path.join(ROOT, 'out/unit.tap'), 'utf8') : output;
    const result = { passed: count(tap, /^# pass (\d+)/m), failed: count(tap, /^# fail (\d+)/m), skipped: count(tap, /^# skipped (\d+)/m) + count(tap, /^# todo (\d+)/m) };
    if (code !== 0 && result.failed === 0) result.failed = 1;
    return result;
  },
  async python() {
    const junit = path.join(ROOT, 'out/pytest.xml');
    const { code } = await run(path.join(ROOT, '.venv/bin/python'), ['-m', 'pytest', '-q', 'test/python', `--junitxml=${junit}`]);
    if (code === 5) return { passed: 0, failed: 0, skipped: 0, note: 'pytest collected no tests' };
    const xml = fs.existsSync(junit) ? fs.readFileSync(junit, 'utf8') : '';
    const attr = (name) => count(xml, new RegExp(`<testsuite [^>]*\\b${name}="(\\d+)"`));
    const total = attr('tests');
    const failed = attr('failures') + attr('errors');
    const skipped = attr('skipped');
    const result = { passed: total - failed - skipped, failed, skipped };
    if (code !== 0 && failed === 0) result.failed = 1;
    return result;
  },
  async package() {
    const vsix = path.join(ROOT, 'out/pyinfra-connector-kit.vsix');
    fs.rmSync(vsix, { force: true });
    const { code } = await run('npm', ['run', '--silent', 'package']);
    const listing = code === 0 ? await run('unzip', ['-Z1', vsix], { quiet: true }) : { code: 1, output: '' };
    // the release build replaced dist/: put the development build back for whoever runs next
    await run(process.execPath, ['esbuild.js', '--tests']);
    const files = listing.output.split('\n').filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    // python/ ships once, as dist/python (where the bundles start it from)
    const allowed = /^(dist\/(chunks\/)?[^/]+\.(js|wasm)|dist\/python\/.+\.(py|json)|media\/.+\.(svg|png|md)|package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/;
    const stray = files.filter((f) => !allowed.test(f));
    const missing = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/tree-sitter-python.wasm', 'dist/python/pyinfra_kit_bridge/__main__.py',
      'dist/chunks/lintClient.js', 'dist/chunks/sshSession.js', 'dist/chunks/createConnector.js', 'package.json'].filter((f) => !files.includes(f));
    if (stray.length) console.error(`not allow-listed in the .vsix: ${stray.join(', ')}`);
    if (missing.length) console.error(`missing from the .vsix: ${missing.join(', ')}`);
    const ok = code === 0 && listing.code === 0 && !stray.length && !missing.length;
    console.log(ok ? `vsix: ${files.length} files, all allow-listed` : 'vsix check failed');
    return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  },
  async e2e() {
    const summaryFile = path.join(ROOT, '.e2e-work/summary.json');
    fs.rmSync(summaryFile, { force: true });
    // the UI scenario runs on the packaged extension, installed into code-server; the suites on the development build
    const vsix = path.join(ROOT, '.e2e-vsix/pyinfra-connector-kit.vsix');
    fs.rmSync(path.dirname(vsix), { recursive: true, force: true });
    const packed = await run('npm', ['run', '--silent', 'package']);
    if (packed.code === 0) {
      fs.mkdirSync(path.dirname(vsix), { recursive: true });
      fs.renameSync(path.join(ROOT, 'out/pyinfra-connector-kit.vsix'), vsix);
    }
    await run(process.execPath, ['esbuild.js', '--tests']);
    if (packed.code !== 0) return { passed: 0, failed: 1, skipped: 0 };
    const { code } = await run('bash', ['test/e2e/run.sh'], { env: { ...process.env, E2E_VSIX: vsix } });
    const summary = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
    if (code !== 0 && !summary.failed) summary.failed = 1;
    return summary;
  },
};

(async () => {
  const build = await run(process.execPath, ['esbuild.js', '--tests']);
  const totals = { passed: 0, failed: build.code === 0 ? 0 : 1, skipped: 0 };
  const lines = [];
  if (build.code !== 0) lines.push('build: FAILED');
  for (const name of selected) {
    if (!tiers[name]) { console.error(`unknown tier '${name}'`); process.exit(2); }
    if (build.code !== 0 && name !== 'typecheck') { lines.push(`${name}: not run (build failed)`); continue; }
    console.log(`\n===== ${name} =====`);
    const result = await tiers[name]();
    totals.passed += result.passed; totals.failed += result.failed; totals.skipped += result.skipped || 0;
    lines.push(`${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped || 0} skipped${result.note ? ` (${result.note})` : ''}`);
  }
  console.log('\n===== summary =====');
  for (const line of lines) console.log(line);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
})();
