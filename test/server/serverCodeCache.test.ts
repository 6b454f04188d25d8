import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidOpenTextDocumentNotification, ExitNotification, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { LspSession } from './lspHarness';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

/** The language server's bundle runs through a V8 code cache in the user's cache folder (server/launch.ts). */
describe('language server: its bundle through a code cache', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-xdg-'));
  const codeFolder = path.join(home, 'nhi-lens', 'code');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: home };
  delete env.NHI_LENS_NO_CODE_CACHE;
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  /** A session's diagnostics for one file with a secret; the server asked to exit, and waited for (not killed). */
  async function diagnosticsOfOneStart(): Promise<unknown> {
    const s = await LspSession.start({}, {}, { env });
    const uri = s.uri('app.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: `SLACK_BOT_TOKEN = "${SLACK}"\n` },
    });
    const { diagnostics } = await s.diagnosticsFor(uri, 1);
    const exited = new Promise((resolve) => s.server.once('exit', resolve));
    await s.connection.sendRequest(ShutdownRequest.type);
    await s.connection.sendNotification(ExitNotification.type);
    await exited;
    s.connection.dispose();
    return diagnostics.map((d) => [d.code, d.range, d.message]);
  }
  const serverCaches = () => (fs.existsSync(codeFolder) ? fs.readdirSync(codeFolder).filter((f) => f.endsWith('-server.bin')) : []);

  it('a start without one writes it as the server exits; the next takes it and leaves it; a damaged one is replaced', async () => {
    const first = await diagnosticsOfOneStart();
    assert.equal((first as unknown[]).length, 1);
    const [file] = serverCaches();
    assert.ok(file, `a code cache in ${codeFolder}`);
    const cache = path.join(codeFolder, file);
    const made = fs.statSync(cache);
    const madeBytes = fs.readFileSync(cache);
    assert.ok(made.size > 100_000, `${made.size} bytes`);

    assert.deepEqual(await diagnosticsOfOneStart(), first, 'the same diagnostics from the cached code');
    const taken = fs.statSync(cache);
    assert.equal(taken.ino, made.ino, 'taken as it is, not written again');
    assert.deepEqual(fs.readFileSync(cache), madeBytes);
    assert.ok(taken.mtimeMs >= made.mtimeMs, 'dated by its use, for the pruning');

    // Damaged (one byte of its payload changed): ignored, the bundle compiled as usual, the cache written anew.
    const bytes = fs.readFileSync(cache);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(cache, bytes);
    assert.deepEqual(await diagnosticsOfOneStart(), first);
    assert.notDeepEqual(fs.readFileSync(cache), bytes, 'replaced by a sound one');
    assert.deepEqual(serverCaches(), [file]);
  });

  it('none with NHI_LENS_NO_CODE_CACHE', async () => {
    fs.rmSync(codeFolder, { recursive: true, force: true });
    env.NHI_LENS_NO_CODE_CACHE = '1';
    try {
      await diagnosticsOfOneStart();
    } finally {
      delete env.NHI_LENS_NO_CODE_CACHE;
    }
    assert.deepEqual(serverCaches(), []);
  });
});
