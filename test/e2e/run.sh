#!/usr/bin/env bash
# The real-VS-Code tests: code-server 4.100.3 (VS Code 1.100 server + web workbench) driven by Debian's chromium
# through playwright-core. See test/e2e/README.md. Run after `node esbuild.js --tests` (npm run test:e2e does both).
#   trusted pass     the workspace trusted (the startup question answered Yes): the extension-host suites
#                    (out/test/integration/index.js), then the UI scenario (test/e2e/ui-scenario.js)
#   restricted pass  an untrusted workspace in Restricted Mode: only suite/restricted*.test.js
# Prints `N passed, N failed` over all of it and writes .e2e-work/summary.json ({passed, failed, skipped}).
# Environment: E2E_WORK=<scratch folder, default .e2e-work>  E2E_MODES=trusted,restricted  E2E_GREP=<test title pattern>  E2E_SKIP_UI=1  E2E_PORT=<first port>
#              E2E_VERBOSE=1 (the workbench's own log lines too)  E2E_TIMEOUT=<seconds per suite run, default 300>
#              E2E_VSIX=<a .vsix>: installed into the trusted pass's code-server (--install-extension); the UI scenario
#                    then runs on the installed package instead of the development folder
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
E2E=$ROOT/test/e2e
WORK=${E2E_WORK:-$ROOT/.e2e-work}                              # scratch, emptied at the start of each run
EXT=${E2E_EXTENSION_PATH:-$ROOT}                              # the extension under test (a development extension)
TESTS_INDEX=${E2E_TESTS_INDEX:-$ROOT/out/test/integration/index.js}
PYTHON=$ROOT/.venv/bin/python
export E2E_T0=$(( $(date +%s%N) / 1000000 ))
say() { echo "[e2e +$(( ( $(date +%s%N) / 1000000 - E2E_T0 ) / 1000 ))s] $*"; }
# shellcheck source=../../scripts/e2e-lib.sh
source "$ROOT/scripts/e2e-lib.sh"

cs_check_installed
[ -f "$TESTS_INDEX" ] || { echo "missing $TESTS_INDEX: build the test bundles first (node esbuild.js --tests bundles test/integration/index.ts)" >&2; exit 1; }
[ -x "$PYTHON" ] || { echo "missing $PYTHON: run 'npm run setup' (bash scripts/setup.sh)" >&2; exit 1; }
[ -f "$EXT/dist/extension.js" ] || echo "warning: $EXT/dist/extension.js is missing (node esbuild.js); the extension will not load" >&2

# one run at a time per scratch folder (another run, e.g. a benchmark, can use its own E2E_WORK)
mkdir -p "$WORK"
exec 9> "$WORK/.lock"
flock -n 9 || { say "waiting for the other e2e run using $WORK"; flock 9; }
find "$WORK" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +
mkdir -p "$WORK/tmp"
export TMPDIR=$WORK/tmp                                       # playwright's and the suites' temporary files
: > "$WORK/parts.tsv"
trap cs_stop EXIT

# run_pass MODE: one code-server, fresh profile, the demo workspace copied under $WORK/MODE/folders/
run_pass() {
  local mode=$1 state=$WORK/$1 filter= prompt=once trust=parent
  [ "$mode" = restricted ] && { filter=restricted; prompt=never; trust=none; }
  local folders=$state/folders
  mkdir -p "$folders/empty-workspace"
  cp -r "$ROOT/test/fixtures/demo-workspace" "$folders/demo-workspace"
  # pyinfraConnectors.python is machine-scoped: the remote window reads it from the Machine settings. Trust stays on;
  # in the restricted pass it never asks, so the folder opens untrusted (as after answering No); the DOM terminal
  # renderer keeps the terminal's text readable.
  cs_write_machine_settings "$state/user-data" "{ \"pyinfraConnectors.python\": \"$PYTHON\" }"
  cs_write_user_settings "$state/user-data" "{
  \"security.workspace.trust.enabled\": true,
  \"security.workspace.trust.startupPrompt\": \"$prompt\",
  \"terminal.integrated.gpuAcceleration\": \"off\",
$(cs_quiet_settings)
}"
  local ui_ext=$EXT
  if [ "$mode" = trusted ] && [ -n "${E2E_VSIX:-}" ]; then
    say "$mode pass: installing $(basename "$E2E_VSIX")"
    mkdir -p "$state/xdg/config" "$state/xdg/data"
    XDG_CONFIG_HOME="$state/xdg/config" XDG_DATA_HOME="$state/xdg/data" \
      "$CODE_SERVER_BIN" --extensions-dir "$state/extensions" --user-data-dir "$state/user-data" --install-extension "$E2E_VSIX" \
      > "$state/install.log" 2>&1 || { cat "$state/install.log" >&2; printf '%s\t%s\t%s\n' "vsix-install" "$state/none.json" 1 >> "$WORK/parts.tsv"; }
    ui_ext=
  fi
  local port
  port=$(cs_pick_port "${E2E_PORT:-18555}")
  say "$mode pass: code-server on 127.0.0.1:$port"
  cs_start "$state" "$port" E2E_RESULT_FILE="$state/results.json" E2E_SUITE_FILTER="$filter" E2E_GREP="${E2E_GREP:-}" \
    TMPDIR="$TMPDIR" PYTHONDONTWRITEBYTECODE=1 || { printf '%s\t%s\t%s\n' "$mode-suites" "$state/results.json" 1 >> "$WORK/parts.tsv"; return 0; }

  say "$mode pass: extension-host suites"
  local rc=0
  node "$E2E/run-ext-tests.js" --base "$CS_BASE" --ext "$EXT" --tests "$TESTS_INDEX" --folder "$folders/demo-workspace" \
    --profile "$state/browser-profile" --trust "$trust" --timeout "${E2E_TIMEOUT:-300}" || rc=$?
  printf '%s\t%s\t%s\n' "$mode-suites" "$state/results.json" "$rc" >> "$WORK/parts.tsv"

  if [ "$mode" = trusted ] && [ -z "${E2E_SKIP_UI:-}" ] && [ -z "${E2E_GREP:-}" ]; then
    # a fresh copy (the suites edited theirs) at a new path (so no workspace state either), inside the trusted folder
    mkdir -p "$folders/ui"; cp -r "$ROOT/test/fixtures/demo-workspace" "$folders/ui/demo-workspace"
    say "$mode pass: UI scenario"
    rc=0
    node "$E2E/ui-scenario.js" --base "$CS_BASE" --ext "$ui_ext" --folder "$folders/ui/demo-workspace" \
      --empty-folder "$folders/empty-workspace" --profile "$state/browser-profile" --shots "${E2E_SCREENSHOTS:-$ROOT/media}" \
      --failed-shots "$WORK/failed-screenshots" --results "$state/ui-results.json" || rc=$?
    printf '%s\t%s\t%s\n' "ui-scenario" "$state/ui-results.json" "$rc" >> "$WORK/parts.tsv"
  fi
  cs_stop
}

IFS=, read -ra MODES <<< "${E2E_MODES:-trusted,restricted}"
for mode in "${MODES[@]}"; do
  case $mode in trusted|restricted) run_pass "$mode" ;; *) echo "unknown mode '$mode' (trusted, restricted)" >&2; exit 2 ;; esac
done

say "done (logs: $WORK/*/code-server.log)"
node "$E2E/summarize.js" "$WORK/parts.tsv" "$WORK/summary.json"
