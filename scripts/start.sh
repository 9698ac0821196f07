#!/usr/bin/env bash
# Opens a copy of the demo workspace in VS Code with this extension loaded from the repository (run `npm start`,
# which sets up and builds first).
#   desktop `code` on PATH  a VS Code window with its own user data folder (so the interpreter setting below does
#                           not touch yours); your installed extensions stay available
#   otherwise               code-server (a real VS Code in the browser) on 127.0.0.1:$PORT (default 8080, else a
#                           free port); prints the URL to open and runs until Ctrl-C
# State lives in .start-work/ (the workspace copy, the profile, logs) and is kept between starts: delete the
# folder for a fresh demo. The interpreter is the project's .venv (pyinfraConnectors.python, a machine setting).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=$ROOT/.start-work
WORKSPACE=$STATE/demo-workspace
PYTHON=$ROOT/.venv/bin/python
# shellcheck source=e2e-lib.sh
source "$ROOT/scripts/e2e-lib.sh"

[ -f "$ROOT/dist/extension.js" ] || { echo "dist/extension.js is missing: run 'node esbuild.js' first (npm start does)" >&2; exit 1; }
mkdir -p "$STATE"
printf '*\n' > "$STATE/.gitignore"                      # never committed, whatever the top-level .gitignore says
[ -d "$WORKSPACE" ] || cp -r "$ROOT/test/fixtures/demo-workspace" "$WORKSPACE"

# the settings of the profile this script owns; created once, then yours to change. pyinfraConnectors.python is
# machine-scoped: a desktop window reads it from the user settings, code-server's (remote) window from Machine/.
user_settings() {
  [ -f "$1/User/settings.json" ] && return 0
  cs_write_user_settings "$1" "{
  \"pyinfraConnectors.python\": \"$PYTHON\",
$(cs_quiet_settings)
}"
  cs_write_machine_settings "$1" "{ \"pyinfraConnectors.python\": \"$PYTHON\" }"
}

if command -v code >/dev/null 2>&1; then
  user_settings "$STATE/vscode-user-data"
  echo "pyinfra Connector Kit: opening $WORKSPACE in VS Code (desktop, user data in $STATE/vscode-user-data)"
  exec code --user-data-dir "$STATE/vscode-user-data" --extensionDevelopmentPath="$ROOT" "$WORKSPACE"
fi

cs_check_installed
user_settings "$STATE/code-server/user-data"
PORT=$(cs_pick_port "${PORT:-8080}")
trap cs_stop EXIT
trap 'exit 130' INT TERM
cs_start "$STATE/code-server" "$PORT"
URL=$(node -e 'console.log(require(process.argv[1]).workbenchUrl(process.argv[2], { folder: process.argv[3], extPath: process.argv[4] }))' \
  "$ROOT/test/e2e/workbench-url.js" "$CS_BASE" "$WORKSPACE" "$ROOT")
cat <<EOF

  pyinfra Connector Kit: open $URL

  (code-server, a real VS Code, with the extension loaded from $ROOT on the demo workspace $WORKSPACE;
   answer "Yes, I trust the authors" when asked, then open the pyinfra view in the activity bar.
   Log: $STATE/code-server/code-server.log. Ctrl-C stops it.)

EOF
wait "$CS_PID" || true
