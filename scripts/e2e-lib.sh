# Shared by test/e2e/run.sh and scripts/start.sh: a code-server (a real VS Code: server + web workbench) kept
# out of the home folder, on 127.0.0.1, started in its own process group so that it dies with all its children.
# Source it; it defines functions only.

CODE_SERVER_BIN=${CODE_SERVER_BIN:-$ROOT/test/e2e/node_modules/.bin/code-server}

# cs_check_installed: code-server and its native parts are there (scripts/setup.sh installs them)
cs_check_installed() {
  local missing=0 f
  for f in "$CODE_SERVER_BIN" \
    "$ROOT/test/e2e/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" \
    "$ROOT/test/e2e/node_modules/playwright-core/package.json"; do
    [ -e "$f" ] || { echo "missing: $f" >&2; missing=1; }
  done
  [ "$missing" = 0 ] || { echo "code-server / playwright-core are not installed: run 'npm run setup' (bash scripts/setup.sh)" >&2; return 1; }
}

# cs_port_free PORT: nothing listens on 127.0.0.1:PORT
cs_port_free() {
  node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(+process.argv[1],"127.0.0.1",()=>s.close(()=>process.exit(0)))' "$1"
}

# cs_pick_port PREFERRED: PREFERRED when free, else a free port the kernel hands out
cs_pick_port() {
  if cs_port_free "$1"; then echo "$1"; return; fi
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# cs_write_user_settings USER_DATA_DIR JSON_OBJECT: the user settings.json of the code-server profile
cs_write_user_settings() {
  mkdir -p "$1/User"
  printf '%s\n' "$2" > "$1/User/settings.json"
}

# cs_write_machine_settings USER_DATA_DIR JSON_OBJECT: the remote ("Machine") settings.json. The workbench is a
# remote window of code-server's server, and a remote window drops machine-scoped settings (pyinfraConnectors.python)
# from the user settings once the extension has declared their scope: they belong here.
cs_write_machine_settings() {
  mkdir -p "$1/Machine"
  printf '%s\n' "$2" > "$1/Machine/settings.json"
}

# cs_quiet_settings: a JSON object (no braces) with the settings that keep a fresh profile from talking or popping up
cs_quiet_settings() {
  cat <<'J'
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "chat.commandCenter.enabled": false
J
}

# cs_start STATE_DIR PORT [VAR=value ...]: starts code-server with its profile, extensions and logs under STATE_DIR,
# environment VAR=value on the server (the extension host is its child and inherits it); waits until it answers.
# Sets CS_PID (the process group) and CS_BASE (http://127.0.0.1:PORT).
cs_start() {
  local state=$1 port=$2; shift 2
  mkdir -p "$state/user-data/User" "$state/extensions" "$state/xdg/config" "$state/xdg/data" "$state/xdg/cache"
  printf 'auth: none\ncert: false\n' > "$state/config.yaml"
  env XDG_CONFIG_HOME="$state/xdg/config" XDG_DATA_HOME="$state/xdg/data" XDG_CACHE_HOME="$state/xdg/cache" \
    EXTENSIONS_GALLERY='{}' "$@" \
    setsid "$CODE_SERVER_BIN" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
      --disable-getting-started-override --ignore-last-opened --user-data-dir "$state/user-data" \
      --extensions-dir "$state/extensions" --config "$state/config.yaml" > "$state/code-server.log" 2>&1 9>&- &
  CS_PID=$!
  CS_BASE=http://127.0.0.1:$port
  local i
  for i in $(seq 1 300); do
    curl -sf -o /dev/null "$CS_BASE/healthz" && return 0
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "code-server did not start on $CS_BASE; its log ($state/code-server.log):" >&2
  tail -30 "$state/code-server.log" >&2
  cs_stop
  return 1
}

# cs_stop: ends code-server's whole process group (an extension host outlives a plain kill of the server)
cs_stop() {
  [ -n "${CS_PID:-}" ] || return 0
  local i
  kill -- -"$CS_PID" 2>/dev/null || { CS_PID=; return 0; }
  for i in $(seq 1 50); do kill -0 -- -"$CS_PID" 2>/dev/null || { CS_PID=; return 0; }; sleep 0.1; done
  kill -KILL -- -"$CS_PID" 2>/dev/null || true
  CS_PID=
}
