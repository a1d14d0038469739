#!/usr/bin/env node
// Speaks LSP over stdio by default (`--stdio`), as editors such as Neovim expect.
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
