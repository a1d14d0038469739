#!/usr/bin/env bash
# Provisions what the Neovim and real-workbench suites need, so `npm ci && npm test` works on a fresh machine:
# Debian's neovim (apt, only if missing) and the e2e harness (chromium + code-server, idempotent: e2e/setup.sh).
# Without root or sudo a missing tool is reported here and its suite then fails with its own message.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=$(command -v sudo || true)
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "[ensure-test-tools] apt-get install neovim"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
  else
    echo "[ensure-test-tools] neovim is missing and cannot be installed without root: the neovim suite will fail" >&2
  fi
fi
bash e2e/setup.sh || echo "[ensure-test-tools] e2e/setup.sh failed: the workbench suite will fail" >&2
exit 0
