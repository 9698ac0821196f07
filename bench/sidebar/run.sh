#!/usr/bin/env bash
# Large inventories in the sidebar, measured in a real VS Code (code-server) extension host:
# 10,000 and 100,000 hosts from a workspace connector, through the real bridge and pyinfra.
# Prints each figure beside the issue's goal. Run: bash bench/sidebar/run.sh (after npm run setup).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
node esbuild.js --tests
OUT=$ROOT/bench/.work/sidebar.json
mkdir -p "$(dirname "$OUT")"; rm -f "$OUT"
E2E_WORK=${E2E_WORK:-$ROOT/bench/.work/e2e} PCK_BENCH_FILE=$OUT E2E_TESTS_INDEX=$ROOT/out/test/integration/bench/index.js E2E_MODES=trusted E2E_SKIP_UI=1 \
  E2E_TIMEOUT=900 bash test/e2e/run.sh > "$ROOT/bench/.work/sidebar.log" 2>&1 || { tail -30 "$ROOT/bench/.work/sidebar.log"; exit 1; }
node - "$OUT" <<'JS'
const f = require(process.argv[2]);
const ms = (v) => (v === undefined ? 'n/a' : `${v.toFixed(1)} ms`);
const rows = [
  ['10,000 hosts, grouped: bridge answer', ms(f['10000.grouped.bridgeMs']), '(reference)'],
  ['10,000 hosts, grouped: first level after the answer', ms(f['10000.grouped.firstLevelMs']), 'goal <= 500 ms'],
  ['10,000 hosts, flat: first level after the answer', ms(f['10000.flat.firstLevelMs']), 'goal <= 500 ms'],
  ['100,000 hosts, grouped: bridge answer', ms(f['100000.grouped.bridgeMs']), '(reference)'],
  ['100,000 hosts, grouped: first level after the answer', ms(f['100000.grouped.firstLevelMs']), 'no freeze'],
  ['100,000 hosts, flat: first level after the answer', ms(f['100000.flat.firstLevelMs']), 'no freeze'],
  ['100,000 hosts: nodes in the largest level sent to the window', String(Math.max(f['100000.flat.firstLevelNodes'], f['100000.grouped.groupChildren'])), 'goal <= 1,001 (paged)'],
  ['100,000 hosts: longest extension-host stall', ms(Math.max(f['100000.grouped.maxStallMs'], f['100000.flat.maxStallMs'], f['100000.grouped.expandStallMs'])), '(the window itself is another process)'],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log('sidebar benchmark (code-server 4.100.3 extension host, real bridge + pyinfra)');
for (const [name, value, goal] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${goal}`);
JS
