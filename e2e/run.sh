#!/usr/bin/env bash
# Runs the real-workbench suite: builds the extension, copies examples/ into a throw-away workspace, starts
# code-server (VS Code 1.100.3 workbench + Node extension host) with the extension loaded UNPACKED through
# extensionDevelopmentPath, and drives it with playwright-core + Debian chromium (driver.js).
# Exit 0 only if every scenario passed; last line is always `N passed, N failed`.
# Env: E2E_EXT (extension root, default repo root), E2E_CLI (default <root>/bin/aws-responsibility.js),
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

if [ "$EXT" = "$ROOT" ] && [ "${E2E_SKIP_BUILD:-}" != 1 ]; then
  t=$(date +%s%N); (cd "$ROOT" && npm run build --silent) >"$E2E/.tmp/build.log" 2>&1 || { tail -n 30 "$E2E/.tmp/build.log"; fail "npm run build failed"; }
  say "extension built in $(ms $t) ms"
fi
MAIN=$(node -p "require('$EXT/package.json').main || ''")
[ -n "$MAIN" ] && [ -f "$EXT/$MAIN" ] || fail "extension main '$MAIN' not found under $EXT (build first)"
[ -f "$CLI" ] || fail "CLI $CLI not found"
[ -d "$EXAMPLES" ] || fail "examples folder $EXAMPLES not found"

mkdir -p "$E2E/.tmp" "$OUT"; rm -f "$OUT"/*.png "$OUT"/*.log "$OUT"/results.json; rm -rf "$OUT/logs"
(cd "$E2E/.tmp" && ls -dt run.* 2>/dev/null | tail -n +4 | xargs -r rm -rf)   # keep the last 3 (failed) run dirs
R=$(mktemp -d "$E2E/.tmp/run.XXXXXX"); mkdir -p "$R/home" "$R/tmp" "$R/udd/User" "$R/exts"
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
ARL_TEST_WS=$R/ws ARL_TEST_CLI=$CLI ARL_TEST_RESULT=$R/api-suite.json \
HOME=$R/home TMPDIR=$R/tmp XDG_CONFIG_HOME=$R/home/.config XDG_DATA_HOME=$R/home/.local/share \
  setsid "$CS" --bind-addr 127.0.0.1:$PORT --auth none --user-data-dir "$R/udd" --extensions-dir "$R/exts" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened --log debug >"$R/code-server.log" 2>&1 &
CSPID=$!
cleanup() { kill -- -$CSPID 2>/dev/null; sleep 0.3; kill -9 -- -$CSPID 2>/dev/null; wait $CSPID 2>/dev/null; }
trap cleanup EXIT
up=0; for i in $(seq 1 300); do curl -fsS -o /dev/null 2>/dev/null "http://127.0.0.1:$PORT/healthz" && { up=1; break; }; kill -0 $CSPID 2>/dev/null || break; sleep 0.1; done
[ $up = 1 ] || { cp "$R/code-server.log" "$OUT/"; tail -n 30 "$R/code-server.log"; fail "code-server did not answer /healthz (log: $OUT/code-server.log)"; }
say "code-server $("$CS" --version 2>/dev/null | grep -v '^\[' | head -1 | cut -d' ' -f1) up on :$PORT in $(ms $t) ms"

PAYLOAD=$(node -e 'console.log(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath","vscode-remote://127.0.0.1:"+process.argv[1]+process.argv[2]]])))' "$PORT" "$EXT")
URL="http://127.0.0.1:$PORT/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$R/ws")&payload=$PAYLOAD"
API_URL=""
if [ -f "$API_SUITE" ] && [ "$EXT" = "$ROOT" ]; then
  API_URL="http://127.0.0.1:$PORT/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$R/ws")&payload=$(node -e 'const r="vscode-remote://127.0.0.1:"+process.argv[1];console.log(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath",r+process.argv[2]],["extensionTestsPath",r+process.argv[3]]])))' "$PORT" "$EXT" "$API_SUITE")"
fi
t=$(date +%s%N)
E2E_URL=$URL E2E_API_URL=$API_URL E2E_API_RESULT=$R/api-suite.json E2E_WS=$R/ws E2E_CLI=$CLI E2E_OUT=$OUT E2E_CHROMIUM=$CHROMIUM HOME=$R/home TMPDIR=$R/tmp \
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
