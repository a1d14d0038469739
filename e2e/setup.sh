#!/usr/bin/env bash
# Installs the real-workbench test harness: Debian chromium + libkrb5-dev (apt, only if missing) and, in e2e/,
# code-server@4.100.3 + playwright-core@1.65.1 via `npm ci` with the offline workarounds of
# /work/shared/recipes/vscode-e2e (no github.com, no nodejs.org, runs as root). Idempotent: a stamp of the
# lockfile + node version skips `npm ci` when nothing changed. All temp files and caches stay in e2e/.tmp.
set -euo pipefail
cd "$(dirname "$0")"
E2E=$PWD
say() { echo "[e2e/setup] $*"; }
die() { echo "[e2e/setup] ERROR: $*" >&2; exit 1; }

# --- 1) system packages -------------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=$(command -v sudo || true)
  [ "$(id -u)" = 0 ] || [ -n "$SUDO" ] || die "missing apt packages (${need_apt[*]}) and not root / no sudo"
  say "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
CHROMIUM=${E2E_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
[ -x "$CHROMIUM" ] || die "chromium not found after apt install"
say "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"

# --- 2) node modules (code-server, playwright-core) ---------------------------------------------------
export TMPDIR=$E2E/.tmp/tmp; mkdir -p "$TMPDIR"
export npm_config_cache=${E2E_NPM_CACHE:-$E2E/.tmp/npm-cache}
export npm_config_devdir=$E2E/.tmp/node-gyp     # node-gyp's own cache
export npm_config_nodedir=/usr                  # local Node headers instead of a nodejs.org download
export npm_config_unsafe_perm=true              # code-server's postinstall refuses root otherwise
export npm_config_yes=true                      # node-pty's postinstall runs `npx node-gyp`
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
[ -f /usr/include/node/node.h ] || die "Node headers missing at /usr/include/node (needed to compile node-pty/kerberos)"

# @vscode/ripgrep@1.15.11 downloads rg from github.com in its postinstall: pre-seed its cache with the rg
# binary shipped in npm's @vscode/ripgrep-linux-x64 package.
RGC=$TMPDIR/vscode-ripgrep-cache-1.15.11
RGT=$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
if [ ! -s "$RGT" ]; then
  say "pre-seeding ripgrep cache"
  mkdir -p "$RGC/pack"
  (cd "$RGC/pack" && npm pack --silent @vscode/ripgrep-linux-x64@1.18.0 >/dev/null \
     && tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz && tar czf "$RGT" -C package/bin rg)
  rm -rf "$RGC/pack"
fi

STAMP=node_modules/.e2e-setup-stamp
lockhash() { if [ -f package-lock.json ]; then sha256sum package-lock.json | cut -d' ' -f1; else echo none; fi; }
want="$(node --version) $(lockhash)"
if [ -f package-lock.json ] && [ -x node_modules/.bin/code-server ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  say "node_modules up to date (stamp matches), skipping npm ci"
else
  cmd=ci; [ -f package-lock.json ] || cmd=install   # first-time only: creates the lockfile
  say "npm $cmd (code-server compiles native modules, ~1-2 min)"
  t0=$(date +%s)
  npm $cmd --foreground-scripts --no-audit --no-fund > .tmp/npm-install.log 2>&1 \
    || { tail -n 60 .tmp/npm-install.log; die "npm $cmd failed (full log: e2e/.tmp/npm-install.log)"; }
  say "npm $cmd done in $(( $(date +%s) - t0 )) s"
  echo "$(node --version) $(lockhash)" > "$STAMP"
fi
[ -x node_modules/.bin/code-server ] || die "code-server missing after install"
mkdir -p .tmp/home
say "code-server: $(HOME=$E2E/.tmp/home node_modules/.bin/code-server --version 2>/dev/null | grep -v "^\[" | head -1)"
node -e "require('playwright-core')" || die "playwright-core not loadable"
say "ready"
