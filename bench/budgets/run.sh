#!/usr/bin/env bash
# Shipping budgets (issue 12): the minified extension.js and its lazy chunks, the time spent in
# activate() in a real VS Code (code-server) extension host, and the language server's start to the
# first diagnostics of an open file. Prints each figure beside its budget. Run: bash bench/budgets/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
node esbuild.js --tests --production
WORK=$ROOT/bench/.work; mkdir -p "$WORK"
OUT=$WORK/activation.json; rm -f "$OUT"
E2E_WORK=${E2E_WORK:-$WORK/e2e-budgets} PCK_BENCH_FILE=$OUT PCK_BENCH_SUITE=activation E2E_TESTS_INDEX=$ROOT/out/test/integration/bench/index.js \
  E2E_MODES=trusted E2E_SKIP_UI=1 bash test/e2e/run.sh > "$WORK/budgets.log" 2>&1 || { tail -30 "$WORK/budgets.log"; exit 1; }
LSP=$(node bench/budgets/firstDiagnostics.js)
node - "$OUT" "$LSP" <<'JS'
const fs = require('fs');
const activation = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const lsp = JSON.parse(process.argv[3]);
const kb = (file) => `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;
const rows = [
  ['dist/extension.js, minified', kb('dist/extension.js'), 'budget <= 400 KB (was 737 KB)'],
  ['  chunk: language client (loaded after activate)', kb('dist/chunks/lintClient.js'), '(lazy)'],
  ['  chunk: SSH terminal with ssh2 (first SSH terminal)', kb('dist/chunks/sshSession.js'), '(lazy)'],
  ['  chunk: Create Connector with the TOML parser', kb('dist/chunks/createConnector.js'), '(lazy)'],
  ['activate(), real extension host', `${activation.activationMs.toFixed(1)} ms`, 'budget <= 20 ms'],
  ['language server start to first diagnostics (median of 5)', `${lsp.firstDiagnosticsMedianMs.toFixed(0)} ms`, `budget <= 300 ms; runs ${lsp.firstDiagnosticsRunsMs.join(', ')}`],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`shipping budgets (code-server 4.100.3, ${require('os').cpus().length} cores, load ${require('os').loadavg()[0].toFixed(1)})`);
for (const [name, value, goal] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(9)}  ${goal}`);
JS
