#!/usr/bin/env bash
# Runs the real-workbench suite: code-server (VS Code 1.100.3 workbench + Node extension host) driven by
# playwright-core + Debian chromium (driver.js), with expected values from the product's own CLI.
# Two modes (E2E_MODE):
#   vsix (default) - the way users install it: `npm run package` builds the VSIX into the run dir (its
#                    vscode:prepublish rebuilds dist/ in production mode; `npm run build` then restores the dev build),
#                    `code-server --install-extension` installs it into the run's extensions dir, the install is
#                    asserted with --list-extensions --show-versions, and every scenario runs against that copy.
#   dev            - the extension loaded UNPACKED from the repo through extensionDevelopmentPath.
# Exit 0 only if every scenario passed; last line is always `N passed, N failed`.
# Env: E2E_MODE=vsix|dev, E2E_VSIX=<prebuilt .vsix to test instead of packaging the repo> (vsix mode),
#      E2E_EXT (extension root, default repo root; dev mode), E2E_CLI (default <root>/bin/aws-responsibility.js),
#      E2E_EXAMPLES (default <root>/examples), E2E_SKIP_BUILD=1, E2E_ONLY=<regex of scenario names>, E2E_KEEP=1.
set -uo pipefail
E2E=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$E2E/.." && pwd)
EXT=${E2E_EXT:-$ROOT}; CLI=${E2E_CLI:-$ROOT/bin/aws-responsibility.js}; EXAMPLES=${E2E_EXAMPLES:-$ROOT/examples}
OUT=${E2E_OUT:-$E2E/out}; CS=$E2E/node_modules/.bin/code-server
CHROMIUM=${E2E_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
T0=$(date +%s%N); ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
say() { echo "[e2e] $*"; }
fail() { echo "[e2e] ERROR: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

[ -x "$CHROMIUM" ] || fail "chromium not found (apt-get install -y --no-install-recommends chromium; or run: bash e2e/setup.sh)"
[ -x "$CS" ] || fail "code-server not installed in e2e/node_modules (run: bash e2e/setup.sh)"
node -e "require('$E2E/node_modules/playwright-core')" 2>/dev/null || fail "playwright-core missing (run: bash e2e/setup.sh)"

MODE=${E2E_MODE:-vsix}
case "$MODE" in vsix|dev) ;; *) fail "E2E_MODE must be 'vsix' (default) or 'dev', not '$MODE'";; esac
[ "$MODE" = dev ] || [ "$EXT" = "$ROOT" ] || [ -n "${E2E_VSIX:-}" ] \
  || fail "E2E_EXT is loaded unpacked: use it with E2E_MODE=dev (or give a packaged E2E_VSIX)"
[ -f "$CLI" ] || [ "$EXT" = "$ROOT" ] || fail "CLI $CLI not found"
[ -d "$EXAMPLES" ] || fail "examples folder $EXAMPLES not found"
say "mode: $MODE"

mkdir -p "$E2E/.tmp" "$OUT"
# The runner's second run of a failed suite (scripts/test.mjs sets RETRY_ATTEMPT=2): the first run's artifacts move to
# $OUT/attempt-1 rather than being overwritten, so both failures can be read.
if [ "${RETRY_ATTEMPT:-1}" = 2 ]; then
  rm -rf "$OUT/attempt-1"; mkdir -p "$OUT/attempt-1"
  for f in "$OUT"/*.png "$OUT"/*.log "$OUT"/results.json "$OUT/logs"; do [ -e "$f" ] && mv "$f" "$OUT/attempt-1/"; done
  say "the first run's artifacts are in $OUT/attempt-1"
fi
rm -f "$OUT"/*.png "$OUT"/*.log "$OUT"/results.json; rm -rf "$OUT/logs"
(cd "$E2E/.tmp" && ls -dt run.* 2>/dev/null | tail -n +4 | xargs -r rm -rf)   # keep the last 3 (failed) run dirs
R=$(mktemp -d "$E2E/.tmp/run.XXXXXX"); mkdir -p "$R/home" "$R/tmp" "$R/udd/User" "$R/exts"
STEP_S=60                          # every shell step below runs under `timeout $STEP_S`
csenv() { env HOME="$R/home" TMPDIR="$R/tmp" XDG_CONFIG_HOME="$R/home/.config" XDG_DATA_HOME="$R/home/.local/share" "$@"; }
build() {  # the dev build at the root: the CLI (ground truth) and dev mode load dist/ from here
  local t; t=$(date +%s%N)
  (cd "$ROOT" && timeout -k 5 $STEP_S npm run build --silent) >"$R/build.log" 2>&1 \
    || { cp "$R/build.log" "$OUT/"; tail -n 30 "$R/build.log"; fail "npm run build failed (log: $OUT/build.log)"; }
  say "dev build (npm run build) in $(ms $t) ms"
}

if [ "$MODE" = vsix ]; then
  PKG=$ROOT/package.json; [ "$EXT" = "$ROOT" ] || PKG=$EXT/package.json
  EXT_ID=$(node -p "const p=require('$PKG'); (p.publisher+'.'+p.name).toLowerCase()")
  EXT_VER=$(node -p "require('$PKG').version")
  EXT_NAME=$(node -p "const p=require('$PKG'); p.displayName || p.name")
  if [ -n "${E2E_VSIX:-}" ]; then
    VSIX=$(cd "$(dirname "$E2E_VSIX")" && pwd)/$(basename "$E2E_VSIX"); [ -f "$VSIX" ] || fail "E2E_VSIX $E2E_VSIX not found"
    [ "$EXT" != "$ROOT" ] || [ "${E2E_SKIP_BUILD:-}" = 1 ] || build
  else
    # The product's own packaging command (vsce --no-dependencies ...): its vscode:prepublish writes a production
    # dist/ at the root, so the dev build is restored right after, whatever the packaging's outcome.
    VSIX=$R/$(node -p "const p=require('$PKG'); p.name+'-'+p.version").vsix
    t=$(date +%s%N)
    (cd "$ROOT" && CI=true timeout -k 5 $STEP_S npm run package --silent -- -o "$VSIX") >"$R/package.log" 2>&1; prc=$?
    [ $prc = 0 ] && [ -s "$VSIX" ] && say "packaged $(basename "$VSIX") ($(( $(stat -c %s "$VSIX") / 1024 )) KiB, $(grep -oE '[0-9]+ files' "$R/package.log" | tail -n 1)) in $(ms $t) ms (npm run package)"
    build                            # restore the dev build that packaging replaced, before judging the packaging
    [ $prc = 0 ] && [ -s "$VSIX" ] || { cp "$R/package.log" "$OUT/"; tail -n 30 "$R/package.log"; fail "npm run package failed (rc=$prc, log: $OUT/package.log)"; }
  fi
  t=$(date +%s%N)
  csenv timeout -k 5 $STEP_S "$CS" --user-data-dir "$R/udd" --extensions-dir "$R/exts" --install-extension "$VSIX" >"$R/install.log" 2>&1; irc=$?
  csenv timeout -k 5 $STEP_S "$CS" --user-data-dir "$R/udd" --extensions-dir "$R/exts" --list-extensions --show-versions >"$R/list.log" 2>&1
  grep -v '^\[' "$R/list.log" | grep -qixF "$EXT_ID@$EXT_VER" \
    || { cp "$R/install.log" "$R/list.log" "$OUT/"; cat "$R/install.log" "$R/list.log"; fail "install of $(basename "$VSIX") not confirmed: --list-extensions lacks $EXT_ID@$EXT_VER (rc=$irc)"; }
  grep -qi 'successfully installed' "$R/install.log" || { cat "$R/install.log"; fail "code-server --install-extension did not report success (rc=$irc)"; }
  LOADED=$(ls -d "$R/exts/$EXT_ID-$EXT_VER"* 2>/dev/null | head -n 1)
  [ -n "$LOADED" ] && [ -d "$LOADED" ] || fail "installed extension folder $R/exts/$EXT_ID-$EXT_VER* not found"
  MAIN=$(node -p "require('$LOADED/package.json').main || ''")
  [ -n "$MAIN" ] && [ -f "$LOADED/$MAIN" ] || fail "the VSIX lacks its main '$MAIN'"
  say "installed $EXT_ID@$EXT_VER into the run's extensions dir in $(ms $t) ms"
else
  [ "$EXT" != "$ROOT" ] || [ "${E2E_SKIP_BUILD:-}" = 1 ] || build
  LOADED=$EXT
  MAIN=$(node -p "require('$EXT/package.json').main || ''")
  [ -n "$MAIN" ] && [ -f "$EXT/$MAIN" ] || fail "extension main '$MAIN' not found under $EXT (build first)"
fi
[ -f "$CLI" ] || fail "CLI $CLI not found"
# Scenarios 20+ (the web extension): a web-only variant of what was just loaded — the installed VSIX's folder, or the
# repo in dev mode: package.json without "main", with extensionKind ["web"], and none of the Node bundles — loaded in a
# window of its own (extensionDevelopmentPath: it replaces the installed copy there). Only its browser entry can run.
WEB_ONLY=$R/web-only
node "$E2E/lib/web-only.js" "$LOADED" "$WEB_ONLY" >"$R/web-only.log" 2>&1 || { cat "$R/web-only.log"; fail "could not write the web-only variant of $LOADED"; }
say "web-only variant: $(tail -n 1 "$R/web-only.log")"
cp -r "$EXAMPLES" "$R/ws"          # tests edit files: never touch the repo's examples
cat > "$R/udd/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false, "extensions.autoCheckUpdates": false, "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off", "update.mode": "none", "workbench.tips.enabled": false,
  "workbench.reduceMotion": "on", "chat.disableAIFeatures": true, "workbench.colorTheme": "Default Dark Modern",
  "files.autoSave": "off", "editor.hover.delay": 300, "editor.formatOnPaste": false, "editor.formatOnType": false,
  "git.enabled": false, "window.restoreWindows": "none", "workbench.editor.enablePreview": false,
  "editor.autoIndent": "none", "editor.autoClosingBrackets": "never", "editor.autoClosingQuotes": "never",
  "editor.autoSurround": "never", "editor.acceptSuggestionOnEnter": "off", "editor.quickSuggestions": { "other": "off", "comments": "off", "strings": "off" },
  "[yaml]": { "editor.autoIndent": "none", "editor.quickSuggestions": { "other": "off", "comments": "off", "strings": "off" } },
  "[json]": { "editor.autoIndent": "none" }, "[terraform]": { "editor.autoIndent": "none" } }
JSON
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
t=$(date +%s%N)
API_SUITE=$ROOT/client/test-electron/suite/index.js   # same scenarios through the VS Code API, run in code-server's ext host
# ARL_TEST_EXT_DIR: the API suite asserts the extension it drives was loaded from there (the VSIX install, or the repo).
# `setsid env ... code-server`: one exec chain, so $! is code-server's pid and its own process group (killed at the end).
# ARL_TEST_STEP_MS: per API test (each takes ~0.5-2 s), so a hang shows up as a named failure within the driver's 60 s.
setsid env ARL_TEST_WS="$R/ws" ARL_TEST_CLI="$CLI" ARL_TEST_RESULT="$R/api-suite.json" ARL_TEST_EXT_DIR="$LOADED" ARL_TEST_STEP_MS=15000 \
  HOME="$R/home" TMPDIR="$R/tmp" XDG_CONFIG_HOME="$R/home/.config" XDG_DATA_HOME="$R/home/.local/share" "$CS" --bind-addr 127.0.0.1:$PORT --auth none --user-data-dir "$R/udd" --extensions-dir "$R/exts" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened --log debug >"$R/code-server.log" 2>&1 &
CSPID=$!
cleanup() { kill -- -$CSPID 2>/dev/null; sleep 0.3; kill -9 -- -$CSPID 2>/dev/null; wait $CSPID 2>/dev/null; }
trap cleanup EXIT
up=0; for i in $(seq 1 300); do curl -fsS -o /dev/null 2>/dev/null "http://127.0.0.1:$PORT/healthz" && { up=1; break; }; kill -0 $CSPID 2>/dev/null || break; sleep 0.1; done
[ $up = 1 ] || { cp "$R/code-server.log" "$OUT/"; tail -n 30 "$R/code-server.log"; fail "code-server did not answer /healthz (log: $OUT/code-server.log)"; }
say "code-server $(csenv "$CS" --version 2>/dev/null | grep -v '^\[' | head -1 | cut -d' ' -f1) up on :$PORT in $(ms $t) ms"

REMOTE="vscode-remote://127.0.0.1:$PORT"
payload() { node -e 'const a=process.argv.slice(1),p=[];for(let i=0;i<a.length;i+=2)p.push([a[i],a[i+1]]);console.log(encodeURIComponent(JSON.stringify(p)))' "$@"; }
BASE="http://127.0.0.1:$PORT/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$R/ws")"
URL=$BASE; API_URL=""
WEB_URL="$BASE&payload=$(payload extensionDevelopmentPath "$REMOTE$WEB_ONLY")"
if [ "$MODE" = dev ]; then
  URL="$BASE&payload=$(payload extensionDevelopmentPath "$REMOTE$EXT")"
  [ -f "$API_SUITE" ] && [ "$EXT" = "$ROOT" ] && API_URL="$BASE&payload=$(payload extensionDevelopmentPath "$REMOTE$EXT" extensionTestsPath "$REMOTE$API_SUITE")"
elif [ -f "$API_SUITE" ]; then
  # VS Code runs extensionTestsPath only in a window that has an extensionDevelopmentPath: give it an empty host
  # extension (no main, no contributions) so the product in that window is still the one installed from the VSIX.
  mkdir -p "$R/api-host"
  echo '{"name":"e2e-api-suite-host","publisher":"aws-responsibility-lens-e2e","version":"0.0.0","engines":{"vscode":"^1.100.0"}}' >"$R/api-host/package.json"
  API_URL="$BASE&payload=$(payload extensionDevelopmentPath "$REMOTE$R/api-host" extensionTestsPath "$REMOTE$API_SUITE")"
fi
t=$(date +%s%N)
E2E_URL=$URL E2E_WEB_URL=$WEB_URL E2E_API_URL=$API_URL E2E_API_RESULT=$R/api-suite.json E2E_MODE=$MODE E2E_EXT_ID=${EXT_ID:-} E2E_EXT_VER=${EXT_VER:-} E2E_EXT_NAME="${EXT_NAME:-}" E2E_WS=$R/ws E2E_CLI=$CLI E2E_OUT=$OUT E2E_CHROMIUM=$CHROMIUM HOME=$R/home TMPDIR=$R/tmp \
  timeout -k 5 ${E2E_TIMEOUT:-240} node "$E2E/driver.js" 2>&1 | tee "$R/driver.log" | grep -Ev '^[0-9]+ passed, [0-9]+ failed$'
rc=${PIPESTATUS[0]}
say "driver finished in $(ms $t) ms (rc=$rc); total $(ms $T0) ms"
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$R/driver.log" | tail -n 1)
if [ $rc -ne 0 ] || [ -z "$summary" ]; then
  cp "$R/code-server.log" "$OUT/code-server.log" 2>/dev/null
  [ -d "$R/udd/logs" ] && cp -r "$R/udd/logs" "$OUT/logs"
  say "failure artifacts: $OUT (screenshots, code-server.log, logs/, browser-console.log)"
  [ $rc = 124 ] && say "the driver hit the overall ${E2E_TIMEOUT:-240} s timeout"
fi
ls "$OUT"/*.png >/dev/null 2>&1 && say "screenshots: $(cd "$OUT" && ls *.png | tr '\n' ' ')"
cleanup; trap - EXIT
[ "${E2E_KEEP:-}" = 1 ] || [ $rc -ne 0 ] || rm -rf "$R"
[ -n "$summary" ] || summary="0 passed, 1 failed"
[ $rc -eq 0 ] || [ "${summary#* passed, }" != "0 failed" ] || summary="${summary%%, *}, 1 failed"
echo "$summary"
exit $(( rc != 0 ? 1 : 0 ))
