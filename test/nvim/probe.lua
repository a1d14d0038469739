-- Headless Neovim (0.7.2+) as an independent LSP client of the language server.
-- Adapted from /work/shared/recipes/real-lsp-clients/lsp-probe.lua.
--   PROBE_CMD='["node","/abs/bin/aws-responsibility-language-server.js","--stdio"]'
--   PROBE_FILES='[{"path":"/abs/a.yaml","ft":"yaml","line":56,"character":14,
--                  "edit":{"start":60,"end":60,"lines":["      Encrypted: true"]}}]'
--   timeout 60 nvim --headless -u NONE -i NONE -n -c 'luafile test/nvim/probe.lua' </dev/null
-- Prints one JSON line on stdout (what the client saw); exits 1 on any failure (reason on stderr).
local uv = vim.loop
local t0 = uv.hrtime()
local function ms() return math.floor((uv.hrtime() - t0) / 1e4) / 100 end
local function fail(msg)
  io.stderr:write('PROBE FAIL: ' .. msg .. '\n'); io.stderr:flush()
  vim.cmd('cquit 1')
end
local timeout = tonumber(os.getenv('PROBE_TIMEOUT_MS') or '15000')
local ok_cmd, cmd = pcall(vim.json.decode, os.getenv('PROBE_CMD') or '')
local ok_files, files = pcall(vim.json.decode, os.getenv('PROBE_FILES') or '')
if not (ok_cmd and ok_files) then fail('PROBE_CMD / PROBE_FILES must be JSON') end
local v = vim.version()
local published, out = {}, { client = 'nvim ' .. v.major .. '.' .. v.minor .. '.' .. v.patch, files = {} }
local id = vim.lsp.start_client({
  name = 'aws-responsibility', cmd = cmd, root_dir = os.getenv('PROBE_ROOT') or uv.cwd(),
  on_init = function(_, result) out.initialized_ms = ms(); out.server = result.serverInfo end,
  on_exit = function(code, signal) out.server_exit = { code = code, signal = signal } end,
  handlers = { ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    published[result.uri] = (published[result.uri] or 0) + 1
    return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
  end },
})
if not id then fail('vim.lsp.start_client returned nil (bad cmd?)') end
out.spawned_ms = ms()

local function snapshot(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL
    table.insert(list, { line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col, severity = d.severity,
      source = d.source, code = d.code or lsp.code, href = href, message = d.message })
  end
  return list
end

for _, f in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(f.path))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  vim.bo[buf].filetype = f.ft -- -u NONE: no filetype detection; languageId = filetype
  local t_open = ms()
  vim.lsp.buf_attach_client(buf, id)
  vim.wait(timeout, function() return (published[uri] or 0) > 0 or out.server_exit ~= nil end, 5)
  if out.server_exit then fail('server exited: ' .. vim.json.encode(out.server_exit)) end
  if not published[uri] then fail('no publishDiagnostics for ' .. uri .. ' within ' .. timeout .. 'ms') end
  local rec = { uri = uri, path = f.path, diagnostics_at_ms = ms(), diagnostics_after_open_ms = ms() - t_open, diagnostics = snapshot(buf) }
  local t_h = ms()
  local res, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = f.line, character = f.character } }, timeout)
  rec.hover_ms = ms() - t_h
  local r = res and res[id]
  if not r then fail('hover on ' .. uri .. ': ' .. tostring(err)) end
  if r.error then fail('hover error: ' .. vim.inspect(r.error)) end
  if not r.result then fail('hover returned null at ' .. f.line .. ':' .. f.character .. ' in ' .. uri) end
  rec.hover = r.result.contents
  -- edit -> didChange (nvim debounces 150 ms by default) -> expect another publishDiagnostics
  local before = published[uri]
  local e = f.edit or { start = -1, ['end'] = -1, lines = { '# edited by probe' } }
  vim.api.nvim_buf_set_lines(buf, e.start, e['end'], false, e.lines)
  local t_c = ms()
  if not vim.wait(timeout, function() return published[uri] > before end, 5) then fail('no re-publish after didChange: ' .. uri) end
  rec.change_to_diagnostics_ms = ms() - t_c
  rec.diagnostics_after_edit = snapshot(buf)
  -- Optional: another file of the module changes on disk (not through the editor) -> expect a re-publish of this one.
  if f.disk_edit then
    local before_disk = published[uri]
    local fh = io.open(f.disk_edit.path, 'w')
    if not fh then fail('cannot write ' .. f.disk_edit.path) end
    fh:write(f.disk_edit.text); fh:close()
    local t_d = ms()
    if not vim.wait(timeout, function() return published[uri] > before_disk end, 5) then fail('no re-publish after ' .. f.disk_edit.path .. ' changed on disk') end
    -- The server may publish more than once while the file is written; let it settle.
    vim.wait(300, function() return false end, 10)
    rec.disk_change_to_diagnostics_ms = ms() - t_d
    rec.diagnostics_after_disk_edit = snapshot(buf)
  end
  rec.publications = published[uri]
  table.insert(out.files, rec)
end

-- Orderly shutdown (shutdown request + exit notification) and the server's exit status.
vim.lsp.stop_client(id)
if not vim.wait(timeout, function() return out.server_exit ~= nil end, 5) then fail('server did not exit after shutdown') end
out.total_ms = ms()
io.stdout:write(vim.json.encode(out) .. '\n'); io.stdout:flush()
vim.cmd('qall!')
