-- Headless Neovim (0.7+): attach the nhi-lens server to a file, wait for its diagnostics,
-- ask for code actions, and write what Neovim saw to $NHI_OUT as JSON.
local out, server, root, file = os.getenv('NHI_OUT'), os.getenv('NHI_SERVER'), os.getenv('NHI_ROOT'), os.getenv('NHI_FILE')
-- How long to wait for the server: a hang guard, far above what a run needs (vim.wait returns
-- as soon as the diagnostics are there).
local wait_ms = tonumber(os.getenv('NHI_WAIT_MS') or '') or 45000

local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({ name = 'nhi-lens', cmd = { os.getenv('NHI_NODE') or 'node', server, '--stdio' }, root_dir = root })
if not client_id then return finish({ ok = false, error = 'start_client failed' }) end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(wait_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local result = { ok = ok, diagnostics = {}, actions = {} }
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, source = d.source, severity = d.severity, code = lsp.code })
end

if ok then
  -- As Neovim's own code_action() does: the LSP diagnostic rebuilt from vim.diagnostic.
  local d = vim.diagnostic.get(bufnr)[1]
  local lsp = (d.user_data or {}).lsp or {}
  local lsp_diagnostic = {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity, message = d.message, source = d.source, code = lsp.code, data = lsp.data,
  }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = { lsp_diagnostic } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, wait_ms) or {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do table.insert(result.actions, action.title) end
  end
end
finish(result)
