// npm run test:mutation [-- GROUP...]: mutation testing of the modules that guard data and safety,
// each group against the fast-tier test files that cover it (StrykerJS + its TAP runner for src/core
// and src/cli, cosmic-ray for python/), one worker at a time, incremental. Ends with a score per module.
// Not part of `npm test`: it takes minutes per group. Reports land in out/mutation/.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'out', 'mutation');
// Shared settings. tsconfigFile names no file: esbuild needs no tsconfig paths, and Stryker would
// rewrite tsconfig.json with the TypeScript 5 API that TypeScript 7 lacks. sandboxBuild.js links
// node_modules and .venv into the sandbox before it bundles the instrumented sources.
const base = JSON.parse(fs.readFileSync(path.join(__dirname, 'stryker.config.json'), 'utf8'));

const unit = (...files) => files.map((f) => `out/test/unit/${f}.test.js`);

/**
 * `file:start-end` for each named function or method of a file, found by its declaration and the closing
 * brace at its indentation, so a group mutates the same code after the file is edited.
 */
function functions(file, ...names) {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return names.map((name) => {
    const declaration = new RegExp(`^(\\s*)(?:(?:export|private|public|static|async)\\s+)*(?:function\\s+)?${name}[<(]`);
    const start = lines.findIndex((line) => declaration.test(line));
    if (start === -1) throw new Error(`no function ${name} in ${file}`);
    const indent = declaration.exec(lines[start])[1];
    const end = lines.findIndex((line, i) => i > start && line.startsWith(`${indent}}`));
    return `${file}:${start + 1}-${end + 1}`;
  });
}

const TS_GROUPS = {
  'target-spec': { mutate: ['src/core/inventory/targetSpec.ts'], tests: unit('cli/args', 'cli/targetSpec') },
  // ssh.test.js is left out: it needs a real sshd for each dry run; knownHosts.test.js drives verifyHostKey directly
  'known-hosts': { mutate: ['src/core/connectors/knownHosts.ts'], tests: unit('connectors/knownHosts', 'connectors/knownHostsEdges') },
  'cli-main': { mutate: ['src/cli/main.ts'], tests: unit('cli/main') },
  masking: { mutate: ['src/core/secrets/masking.ts'], tests: unit('secrets/masking') },
  // the exit codes below main: usage errors, exec's verdict. bridgeCommands.test.js runs every command
  // through real bridges: only the tests of exec and of exit codes, or a minute a mutant;
  // pyinfraHostKeys.test.js for --accept-new-host-key (an @ssh host with an unknown key)
  'cli-exit': {
    mutate: ['src/cli/commands/exec.ts', 'src/cli/args.ts'],
    tests: unit('cli/args', 'cli/main', 'cli/bridgeCommands', 'connectors/pyinfraHostKeys'),
    only: 'parseArgs|errorLine|pyinfra-kit main|pyinfra-kit exec|failing target|exits 2|bad usage|three arguments|accept-new-host-key',
  },
  // a bridge error's exit code and line, and the Ctrl-C/SIGTERM handlers: those run in the CLI process
  // interruptedExec.test.js signals, whose coverage the TAP runner cannot see (it would call them not
  // covered), so the command runner runs every file against every mutant (the CLI inherits the mutant)
  'cli-session': {
    mutate: ['src/core/bridge/cliSession.ts'],
    tests: unit('cli/args', 'cli/interruptedExec', 'cli/bridgeCommands', 'cli/cliSession'),
    only: 'errorLine|pyinfra-kit exec|failing target|exits 2|bad usage|get --timeout|withCliBridge',
    runner: 'command',
  },
  // the quick fixes (the edits they are made of) and PCK001/PCK002 (missing methods); the other rules
  // are mutated with `lint-rules`
  lint: {
    mutate: ['src/core/analysis/quickFixes.ts', 'src/core/analysis/fixEdits.ts', 'src/core/analysis/rules/missingMethods.ts'],
    tests: unit('analysis/quickFixes', 'analysis/missingMethods', 'analysis/registerEntryPoint', 'analysis/fixEdits', 'analysis/rangesAndResults',
      'analysis/fixtureCorpus', 'analysis/ruleRegistry'),
  },
  // the files that check the rules' findings and fixes; pyinfraConnectors.test.js (the whole installed
  // pyinfra linted) and lintCommand.test.js (output formats) cost seconds a mutant and check no rule
  'lint-rules': {
    mutate: ['src/core/analysis/rules/*.ts', '!src/core/analysis/rules/missingMethods.ts', 'src/core/analysis/pyproject.ts'],
    tests: unit('analysis/fixtureCorpus', 'analysis/quickFixes', 'analysis/rangesAndResults', 'analysis/halfWritten', 'analysis/pyprojectLines',
      'pyproject/pyproject', 'analysis/registerEntryPoint', 'analysis/ruleRegistry', 'analysis/executionSignatureRule', 'analysis/hostDataRules', 'analysis/otherRules', 'analysis/ruleEdges', 'pyproject/pyprojectEdges'),
  },
  // the bridge client's cancel and timeout paths: the start timer, replies and cancels, the deadline
  // each call sends; the stand-in supervisor of bridgeClient.test.js shows what the real one cannot
  'bridge-cancel': {
    mutate: [
      ...functions('src/core/bridge/bridgeProcess.ts', 'armStartTimer', 'settle', 'failAll', 'call'),
      ...functions('src/core/bridge/bridge.ts', 'callTimeoutMs', 'connectors', 'inventory', 'run', 'put', 'get'),
    ],
    tests: unit('bridge/bridge', 'bridge/bridgeClient'),
    only: 'Bridge client|cancel|already-aborted|deadline|malformed item|streams hosts|masks secrets',
  },
  // the lint pre-pass: which closed files are parsed (the seed words, the names a file refers to), and the
  // files it wakes as connector classes are found (the names that reach them, setFile, wakeFilesReferring)
  prepass: {
    mutate: [
      'src/core/analysis/prepass.ts',
      ...functions('src/core/analysis/analyzeWorkspace.ts', 'reachingNames'),
      ...functions('src/core/analysis/workspaceIndex.ts', 'setFile', 'wakeFilesReferring'),
    ],
    tests: unit('analysis/prepass', 'analysis/skimmedBodies', 'analysis/rangesAndResults', 'analysis/registerEntryPoint', 'analysis/missingMethods'),
  },
};
// `python` runs every Python group; `python:NAME` one of python_mutation.py's GROUPS (it checks the name)
const PYTHON_GROUPS = ['python'];
// groups whose code now lives only in the bridge: partial downloads (the native @local/@ssh get is gone)
const MOVED_TO_PYTHON = { 'partial-file': 'python:partial-file' };
const isPython = (name) => PYTHON_GROUPS.includes(name) || name.startsWith('python:');

function runStryker(name, group) {
  const tests = group.tests.filter((f) => fs.existsSync(path.join(ROOT, f.replace(/^out\/test\/unit\//, 'test/unit/').replace(/\.js$/, '.ts'))));
  const config = {
    ...base,
    mutate: group.mutate,
    ...(group.runner === 'command'
      ? {
        testRunner: 'command',
        coverageAnalysis: 'off',
        commandRunner: { command: ['node --test --test-timeout=120000 --test-concurrency=1', ...(group.only ? [`--test-name-pattern=${JSON.stringify(group.only)}`] : []), ...tests].join(' ') },
      }
      : { tap: { testFiles: tests, nodeArgs: ['-r', '{{hookFile}}', ...(group.only ? [`--test-name-pattern=${group.only}`] : [])] } }),
    incrementalFile: `out/mutation/${name}.incremental.json`,
    jsonReporter: { fileName: `out/mutation/${name}.json` },
    htmlReporter: { fileName: `out/mutation/${name}.html` },
  };
  delete config.$schema;
  const configFile = path.join(OUT, `${name}.stryker.json`);
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  console.log(`\n===== ${name}: ${group.mutate.join(', ')} against ${tests.length} test files =====`);
  const { status } = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', configFile], { cwd: ROOT, stdio: 'inherit' });
  return status === 0;
}

/** Per-file counts from a Stryker JSON report. */
function strykerScores(name) {
  const report = path.join(OUT, `${name}.json`);
  if (!fs.existsSync(report)) return [];
  const { files } = JSON.parse(fs.readFileSync(report, 'utf8'));
  return Object.entries(files).map(([file, { mutants }]) => {
    const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
    const survivors = mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => `${file}:${m.location.start.line} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '')}`);
    return { group: name, module: path.relative(ROOT, path.resolve(ROOT, file)), killed: count('Killed', 'Timeout'), survived: count('Survived', 'NoCoverage'), survivors };
  });
}

function pythonScores() {
  const file = path.join(OUT, 'python', 'scores.json');
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, 'utf8')).map((r) => ({
    group: `python ${r.group}`, module: r.module, killed: r.killed, survived: r.survived.length,
    survivors: r.survived.map((s) => `${r.module}:${s.line} ${s.operator}`),
  }));
}

const asked = process.argv.slice(2).map((name) => MOVED_TO_PYTHON[name] ?? name);
const unknown = asked.filter((g) => !TS_GROUPS[g] && !isPython(g));
if (unknown.length) {
  console.error(`unknown group(s) ${unknown.join(', ')}; groups: ${[...Object.keys(TS_GROUPS), ...PYTHON_GROUPS, 'python:NAME'].join(', ')}`);
  process.exit(2);
}
const selected = asked.length ? asked : [...Object.keys(TS_GROUPS), ...PYTHON_GROUPS];
fs.mkdirSync(OUT, { recursive: true });
let ok = true;
for (const name of selected) {
  if (TS_GROUPS[name]) ok = runStryker(name, TS_GROUPS[name]) && ok;
  else {
    const pythonGroups = name === 'python' ? [] : [name.slice('python:'.length)];
    ok = spawnSync(path.join(ROOT, '.venv', 'bin', 'python'), [path.join(__dirname, 'python_mutation.py'), ...pythonGroups], { cwd: ROOT, stdio: 'inherit' }).status === 0 && ok;
  }
}

const rows = [...Object.keys(TS_GROUPS).flatMap(strykerScores), ...pythonScores()];
const percent = (killed, survived) => (killed + survived ? `${((100 * killed) / (killed + survived)).toFixed(1)}%` : 'n/a');
const lines = ['| group | module | killed | survived | score |', '|---|---|---|---|---|'];
for (const r of rows) lines.push(`| ${r.group} | ${r.module} | ${r.killed} | ${r.survived} | ${percent(r.killed, r.survived)} |`);
const killed = rows.reduce((n, r) => n + r.killed, 0);
const survived = rows.reduce((n, r) => n + r.survived, 0);
lines.push(`| all | | ${killed} | ${survived} | ${percent(killed, survived)} |`);
const summary = `${lines.join('\n')}\n\nsurvivors:\n${rows.flatMap((r) => r.survivors).join('\n')}\n`;
fs.writeFileSync(path.join(OUT, 'summary.md'), summary);
console.log(`\n===== mutation scores (out/mutation/summary.md) =====\n${summary}`);
process.exit(ok ? 0 : 1);
