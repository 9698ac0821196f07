#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian machine: apt packages, the project .venv with pyinfra 3.x,
# the npm packages and the pinned end-to-end tools (code-server + playwright-core).
# Each step checks first and does nothing when its result is already there.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
T0=$(date +%s)
say() { echo "[setup +$(( $(date +%s) - T0 ))s] $*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# 1. Debian packages, only those missing
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
command -v curl >/dev/null || need+=(curl)
command -v unzip >/dev/null || need+=(unzip)
command -v make >/dev/null || need+=(make)
command -v g++ >/dev/null || need+=(g++)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v python3 >/dev/null || need+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

stamp_ok() { [ -f "$1/.lock-stamp" ] && cmp -s "$1/.lock-stamp" "$2"; }
# 2. the project venv: pyinfra 3.x from PyPI, pytest, ruff (the lint benchmark's reference), debugpy
#    (the pyinfra-connector debug type runs its adapter), cosmic-ray (npm run test:mutation's Python half),
#    setuptools>=64 and wheel ("Install in editable mode" builds a scaffolded project with --no-build-isolation, offline),
#    each at the version scripts/python-constraints.txt pins (re-installed when that file changes), so a pyinfra
#    released tomorrow does not change what a test run tests
if ! .venv/bin/python -c 'import pyinfra, pytest, debugpy, wheel, setuptools, sys; sys.exit(int(setuptools.__version__.split(".")[0]) < 64)' 2>/dev/null \
   || ! [ -x .venv/bin/ruff ] || ! [ -x .venv/bin/cosmic-ray ] || ! stamp_ok .venv scripts/python-constraints.txt; then
  say "creating .venv with pyinfra 3.x (versions: scripts/python-constraints.txt)"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade -c scripts/python-constraints.txt \
    'pyinfra>=3,<4' pytest ruff 'debugpy>=1.8,<2' 'cosmic-ray>=8.7,<9' 'setuptools>=64' wheel
  cp scripts/python-constraints.txt .venv/.lock-stamp
fi

# 3. npm packages of the extension, re-installed when the lock file changes
if ! stamp_ok node_modules package-lock.json; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.lock-stamp
fi

# 4. the end-to-end tools: code-server 4.100.3 (a real VS Code) and playwright-core, see test/e2e/README.md
if ! stamp_ok test/e2e/node_modules test/e2e/package-lock.json \
   || [ ! -e test/e2e/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]; then
  say "npm ci in test/e2e/ (code-server builds native addons with node-gyp; about a minute)"
  TMP=$(mktemp -d)
  # @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg instead
  RGC=$TMP/vscode-ripgrep-cache-1.15.11; mkdir -p "$RGC/x"; cp "$(command -v rg)" "$RGC/x/rg"
  tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RGC/x" rg
  # unsafe_perm: code-server's postinstall refuses root; yes: node-pty runs `npx node-gyp`;
  # nodedir: node-gyp builds against the local Node headers instead of downloading them
  (cd test/e2e && TMPDIR=$TMP npm_config_nodedir="${npm_config_nodedir:-/usr}" npm_config_unsafe_perm=true \
     npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
     npm ci --no-audit --no-fund --loglevel=error) > "$TMP/npm-e2e.log" 2>&1 || { tail -40 "$TMP/npm-e2e.log"; exit 1; }
  for f in @vscode/ripgrep/bin/rg node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node; do
    [ -e "test/e2e/node_modules/code-server/lib/vscode/node_modules/$f" ] || { echo "code-server install incomplete: $f"; exit 1; }
  done
  cp test/e2e/package-lock.json test/e2e/node_modules/.lock-stamp
  rm -rf "$TMP"
fi
say "ready"
