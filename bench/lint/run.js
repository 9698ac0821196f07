#!/usr/bin/env node
// bench/lint: the figures of issues 3 and 10, side by side, in one run.
//   (a) cold CLI scan of the CPython standard library vs python3 ast.parse of the same files vs ruff check
//       (mostly the textual pre-pass: few standard-library files mention pyinfra, so few are parsed)
//   (b) server re-lint after a one-character edit of a 5,000-line connector file: p50 / p95
//   (c) server resident memory after the standard-library workspace scan
//   (d) parse-heavy: cold CLI lint of pyinfra's installed package (nearly every file parsed) vs ast.parse vs ruff, with
//       each runtime's bare start-up and, in one process, the lint's phases beside ast.parse's loop
//   (e) growth: a file of N connector classes and an N-deep inheritance chain, at N and 4N (linear: 4x the time)
// Usage: node bench/lint/run.js [--runs N] [--only abcde]     (needs dist/server.js: node esbuild.js)
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { startServer } = require('./lspDriver');

const root = path.resolve(__dirname, '..', '..');
const work = path.join(root, 'bench', '.work');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const stdlib = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const SKIPPED = new Set(['.venv', 'node_modules', '.git', 'site-packages', 'dist-packages']);

function pythonFiles(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (!SKIPPED.has(entry.name)) pythonFiles(full, found); } else if (entry.name.endsWith('.py')) found.push(full);
  }
  return found;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Wall time of a fresh process, median of `runs` after one warm-up (so every tool reads from the page cache). */
function timeProcess(command, args) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    if (i > 0) times.push(elapsed);
  }
  return median(times);
}

/** One of bench/lint's TypeScript entry points, bundled into bench/.work with tree-sitter's wasm beside it (as in dist/). */
function bundle(name) {
  fs.mkdirSync(work, { recursive: true });
  const out = path.join(work, `${name}.js`);
  require('esbuild').buildSync({
    entryPoints: [path.join(__dirname, `${name}.ts`)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning',
  });
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.copyFileSync(path.join(root, 'dist', wasm), path.join(work, wasm));
  return out;
}

function cliCommand() {
  const cli = path.join(root, 'dist', 'cli.js');
  if (fs.existsSync(cli)) return { args: [cli, 'lint'], label: 'node dist/cli.js lint' };
  // dist/cli.js not built (another command missing): bundle the same lint command behind a minimal main
  return { args: [bundle('lintOnlyCli')], label: 'node bench/.work/lintOnlyCli.js (lint only)' };
}

const AST_LOOP = [
  'import ast, os, sys',
  'skip = {".venv", "node_modules", ".git", "site-packages", "dist-packages"}',
  'for top, dirs, names in os.walk(sys.argv[1]):',
  '    dirs[:] = [d for d in dirs if d not in skip]',
  '    for name in names:',
  '        if name.endswith(".py"):',
  '            try: ast.parse(open(os.path.join(top, name), "rb").read())',
  '            except (SyntaxError, ValueError): pass',
].join('\n');

// the same loop timed inside Python: ast.parse's own cost, without the interpreter's start-up
const AST_LOOP_IN_PROCESS = `import time\n_started = time.perf_counter()\n${AST_LOOP}\nprint((time.perf_counter() - _started) * 1000)`;

/** The CLI, an ast.parse loop and ruff, each a fresh process over the same folder. */
function threeTools(dir) {
  const files = pythonFiles(dir);
  const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const cli = cliCommand();
  const ruff = path.join(root, '.venv', 'bin', 'ruff');
  return {
    files: files.length,
    megabytes: bytes / 1e6,
    cli: { label: cli.label, ms: timeProcess(process.execPath, [...cli.args, dir]) },
    ast: { label: `${python} ast.parse loop`, ms: timeProcess(python, ['-c', AST_LOOP, dir]) },
    ruff: fs.existsSync(ruff) ? { label: '.venv/bin/ruff check --no-cache', ms: timeProcess(ruff, ['check', '--no-cache', '--exit-zero', '--quiet', dir]) } : undefined,
  };
}

/**
 * What the two fresh-process figures are made of: each runtime's bare start-up, and inside one process on one
 * thread, the lint's phases (bench/lint/phases.ts) beside ast.parse's loop, and the floor of any tree-sitter lint of
 * the files the lint parses (bench/lint/parseFloor.ts); medians of `runs`.
 */
function parseBreakdown(dir) {
  const out = bundle('phases');
  const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [out, dir], { encoding: 'utf8' })));
  const phases = Object.fromEntries(Object.keys(samples[0].phases).map((name) => [name, median(samples.map((sample) => sample.phases[name]))]));
  const { lintParses, lintParsedShare } = samples[0];
  const floorScript = bundle('parseFloor');
  const floorMs = timeProcess(process.execPath, [floorScript, ...lintParses]);
  const astMs = median(Array.from({ length: runs }, () => Number(execFileSync(python, ['-c', AST_LOOP_IN_PROCESS, dir], { encoding: 'utf8' }))));
  return { phases, lintParses: lintParses.length, lintParsedShare, floorMs, astMs, nodeStart: timeProcess(process.execPath, ['-e', '0']), pythonStart: timeProcess(python, ['-c', 'pass']) };
}

function pyinfraPackage() {
  const venvPython = path.join(root, '.venv', 'bin', 'python');
  return execFileSync(venvPython, ['-c', 'import os, pyinfra; print(os.path.dirname(pyinfra.__file__))'], { encoding: 'utf8' }).trim();
}

/** In-process lint time of generated files (bench/lint/scaling.ts), bundled into bench/.work. */
function growthFigures() {
  const out = bundle('scaling');
  const measure = (kind, sizes) => JSON.parse(execFileSync(process.execPath, [out, kind, ...sizes.map(String)], { encoding: 'utf8' }));
  return { wide: measure('wide', [1250, 5000]), deep: measure('deep', [5000, 20000]) };
}

function scanFigures() {
  return threeTools(stdlib);
}

function bigConnector(lines) {
  const head = [
    'from pyinfra.connectors.base import BaseConnector',
    '',
    '',
    'class BigConnector(BaseConnector):',
    '    handles_execution = True',
    '',
    '    @staticmethod',
    '    def make_names_data(name=None):',
    '        yield "big", {}, []',
    '',
    '    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):',
    '        return True, None',
    '',
    '    def put_file(self, filename_or_io, remote_filename, remote_temp_filename=None, print_output=False, print_input=False, **arguments):',
    '        return True',
    '',
  ];
  const body = [];
  for (let i = 0; head.length + body.length + 7 <= lines; i++) {
    body.push(`    def helper_${i}(self, value, *, scale=${i}):`, `        """Helper ${i}."""`, `        result = {"value": value, "scale": scale, "name": "helper_${i}"}`,
      '        for key in sorted(result):', '            result[key] = str(result[key])', '        return result', '');
  }
  while (head.length + body.length < lines) body.push('    # padding to the exact line count');
  return `${[...head, ...body].join('\n')}\n`;
}

async function relintFigures() {
  const dir = path.join(work, 'relint');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'big.py');
  const text = bigConnector(5000);
  fs.writeFileSync(file, text);
  const server = startServer(path.join(root, 'dist', 'server.js'));
  await server.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'relint' }], initializationOptions: { debounceMs: 0 } });
  server.notify('initialized', {});
  const uri = pathToFileURL(file).href;
  const published = (version) => server.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version);
  let ready = published(1);
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await ready;
  // the edit lands in a docstring in the middle of the file; it alternates insert / delete of one character
  const line = text.split('\n').findIndex((l, i) => i > 2500 && l.includes('"""Helper'));
  const column = text.split('\n')[line].indexOf('Helper');
  const times = [];
  for (let version = 2; version < 2 + 400; version++) {
    const insert = version % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' }
      : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
    ready = published(version);
    const started = process.hrtime.bigint();
    server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await ready;
    if (version >= 22) times.push(Number(process.hrtime.bigint() - started) / 1e6); // first 20 warm the JIT
  }
  await server.stop();
  return { lines: text.split('\n').length - 1, edits: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function memoryFigures() {
  const server = startServer(path.join(root, 'dist', 'server.js'));
  const started = Date.now();
  const ready = server.waitFor((m) => m.method === 'pyinfraConnectors/status' && m.params.state === 'ready');
  await server.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(stdlib).href, name: 'stdlib' }] });
  server.notify('initialized', {});
  const status = (await ready).params;
  const scanMs = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
  await server.stop();
  return { rss, scanMs, files: status.total, parsed: status.analysedFiles };
}

function row(label, value, goal) {
  return `  ${label.padEnd(48)} ${value.padStart(12)}   ${goal}`;
}

async function scanSection() {
  const scan = scanFigures();
  return [
    `(a) cold scan of ${stdlib}: ${scan.files} files, ${scan.megabytes.toFixed(1)} MB (median of ${runs} fresh processes after a warm-up)`,
    row(scan.cli.label, `${scan.cli.ms.toFixed(0)} ms`, 'goal <= 1000 ms and faster than ast.parse'),
    row(scan.ast.label, `${scan.ast.ms.toFixed(0)} ms`, 'reference'),
    scan.ruff ? row(scan.ruff.label, `${scan.ruff.ms.toFixed(0)} ms`, 'reference') : '  ruff: not installed in .venv',
  ];
}

async function relintSection() {
  const relint = await relintFigures();
  return [
    `(b) server re-lint after a one-character edit of a ${relint.lines}-line connector file (${relint.edits} edits, didChange -> publishDiagnostics over stdio)`,
    row('p50', `${relint.p50.toFixed(2)} ms`, 'goal <= 5 ms'),
    row('p95', `${relint.p95.toFixed(2)} ms`, 'goal <= 15 ms'),
  ];
}

async function memorySection() {
  const memory = await memoryFigures();
  return [
    `(c) server after scanning the standard library as a workspace (${memory.files} files, ${memory.parsed} parsed, scan ${memory.scanMs} ms incl. start)`,
    row('resident memory (VmRSS)', `${memory.rss.toFixed(0)} MB`, 'goal <= 150 MB'),
  ];
}

async function parseHeavySection() {
  const pyinfraDir = pyinfraPackage();
  const parseHeavy = threeTools(pyinfraDir);
  const breakdown = parseBreakdown(pyinfraDir);
  const phaseText = Object.entries(breakdown.phases).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ');
  return [
    `(d) cold lint of pyinfra's installed package ${pyinfraDir}: ${parseHeavy.files} files, ${parseHeavy.megabytes.toFixed(1)} MB; the lint parses ${breakdown.lintParses}`
      + ` (${(breakdown.lintParsedShare * 100).toFixed(0)}% of the text; the rest fail its textual pre-pass), ast.parse and the phases below all`,
    row(parseHeavy.cli.label, `${parseHeavy.cli.ms.toFixed(0)} ms`, 'goal: no slower than ast.parse'),
    row(parseHeavy.ast.label, `${parseHeavy.ast.ms.toFixed(0)} ms`, 'reference (a fresh process: start-up included)'),
    parseHeavy.ruff ? row(parseHeavy.ruff.label, `${parseHeavy.ruff.ms.toFixed(0)} ms`, 'reference') : '  ruff: not installed in .venv',
    row('  start-up alone: node -e 0', `${breakdown.nodeStart.toFixed(0)} ms`, 'inside the lint figure'),
    row(`  start-up alone: ${python} -c pass`, `${breakdown.pythonStart.toFixed(0)} ms`, 'inside the ast.parse figure'),
    row(`  node, wasm and the parse of those ${breakdown.lintParses}`, `${breakdown.floorMs.toFixed(0)} ms`, 'the lint before any summary or rule'),
    row('  one process, one thread: ast.parse loop', `${breakdown.astMs.toFixed(0)} ms`, 'Python start-up excluded'),
    `  one process, one thread, the lint's phases, every file parsed (ms): ${phaseText}`,
  ];
}

async function growthSection() {
  const growth = growthFigures();
  const growthRow = (label, [small, large]) => row(`${label}: ${small.size} -> ${large.size}`,
    `${small.ms.toFixed(0)} -> ${large.ms.toFixed(0)} ms`, `x${(large.ms / small.ms).toFixed(2)} for x${large.size / small.size} (linear: x4)`);
  return [
    `(e) growth, in-process lint of one generated file (each size warmed once, then median of 5 taking turns)`,
    growthRow('connector classes side by side', growth.wide),
    growthRow('inheritance chain depth', growth.deep),
  ];
}

const SECTIONS = { a: scanSection, b: relintSection, c: memorySection, d: parseHeavySection, e: growthSection };

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `node esbuild.js` first');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] ?? '' : Object.keys(SECTIONS).join('');
  const unknown = [...only].filter((letter) => !(letter in SECTIONS));
  if (unknown.length > 0 || only === '') throw new Error(`--only takes letters of ${Object.keys(SECTIONS).join('')} (got ${only || 'nothing'})`);
  const lines = [`bench/lint — ${new Date().toISOString().slice(0, 10)}, ${require('os').cpus().length} cores, node ${process.version}, load average ${require('os').loadavg()[0].toFixed(1)}`];
  for (const letter of Object.keys(SECTIONS).filter((key) => only.includes(key))) lines.push('', ...await SECTIONS[letter]());
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
