import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER } from './lspHarness';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
const SCRIPT = path.resolve(__dirname, '../../../test/server/neovim/attach.lua');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** A third-party LSP client: Neovim's built-in one, headless, push diagnostics only. */
describe('Neovim attaches to the server and sees its diagnostics', function () {
  // Ceilings for a busy machine: Neovim waits up to 45 s for each answer (attach.lua), and
  // returns as soon as it has it.
  this.timeout(150_000);

  before(function () {
    // CI installs Debian's neovim and sets NHI_REQUIRE_NEOVIM, so there a missing nvim fails.
    if (!hasNvim) {
      if (process.env.NHI_REQUIRE_NEOVIM) throw new Error('nvim not found (apt-get install neovim)');
      this.skip();
    }
  });

  it('shows the masked finding on the exact range and offers the quick-fixes', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-nvim-'));
    const file = path.join(root, 'notify.py');
    fs.writeFileSync(file, `import os\nSLACK_BOT_TOKEN = "${SLACK}"\n`);
    const out = path.join(root, 'result.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${SCRIPT}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 140_000,
      env: {
        ...process.env,
        NHI_WAIT_MS: '45000',
        NHI_OUT: out,
        NHI_SERVER: SERVER,
        NHI_ROOT: root,
        NHI_FILE: file,
        NHI_NODE: process.execPath,
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${run.status}): ${run.stderr}`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      ok: boolean;
      diagnostics: Array<{ lnum: number; col: number; end_col: number; message: string; source: string; severity: number; code: string }>;
      actions: string[];
    };
    assert.ok(result.ok, 'no diagnostics within 45 s');
    assert.equal(result.diagnostics.length, 1);
    const [d] = result.diagnostics;
    assert.deepEqual(
      [d.lnum, d.col, d.end_col, d.source, d.code, d.severity],
      [1, 19, 19 + SLACK.length, 'nhi-lens', 'slack-bot-token', 1],
    );
    assert.ok(!d.message.includes(SLACK));
    assert.ok(
      result.actions.some((t) => t.startsWith('Move this secret out of the file')),
      result.actions.join(' | '),
    );
    assert.ok(result.actions.some((t) => t.startsWith('Suppress slack-bot-token on this line')));
  });
});
