import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const SERVER = path.resolve(__dirname, '../../../dist/server.js');
const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

/** The bundled server over stdio, driven by a real JSON-RPC client (the first-version server). */
describe('language server over stdio (push diagnostics)', function () {
  this.timeout(30_000);
  let server: ChildProcess;
  let connection: ProtocolConnection;
  let root: string;
  const published: PublishDiagnosticsParams[] = [];
  const waitFor = async (uri: string, version: number): Promise<PublishDiagnosticsParams> => {
    for (let i = 0; i < 200; i++) {
      const hit = published.find((p) => p.uri === uri && p.version === version);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no diagnostics for ${uri} v${version}`);
  };

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-lsp-'));
    fs.writeFileSync(path.join(root, '.nhi-lens.yaml'), 'overrides:\n  slack-bot-token: { severity: warning }\n');
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.push(p));
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    });
    assert.ok(init.capabilities.textDocumentSync);
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    server.kill();
  });

  it('publishes a masked diagnostic on the exact range, with severity from the workspace config', async () => {
    const uri = pathToFileURL(path.join(root, 'app.py')).href;
    const text = `import os\nSLACK_BOT_TOKEN = "${SLACK}"\n`;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    const { diagnostics } = await waitFor(uri, 1);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'slack-bot-token');
    assert.equal(d.source, 'nhi-lens');
    assert.equal(d.severity, 2); // warning, from .nhi-lens.yaml
    assert.deepEqual(d.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 19 + SLACK.length } });
    assert.ok(!d.message.includes(SLACK) && d.message.includes('xoxb…'));
    assert.match(d.codeDescription!.href, /#slack-bot-token$/);
  });

  it('re-checks after an incremental edit removes the secret', async () => {
    const uri = pathToFileURL(path.join(root, 'app.py')).href;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 1, character: 19 }, end: { line: 1, character: 19 + SLACK.length } }, text: '${SLACK_BOT_TOKEN}' },
      ],
    });
    const { diagnostics } = await waitFor(uri, 2);
    assert.deepEqual(diagnostics, []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = pathToFileURL(path.join(root, 'other.py')).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: `T = "${SLACK}"\n` },
    });
    assert.equal((await waitFor(uri, 1)).diagnostics.length, 1);
    const before = published.length;
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    for (let i = 0; i < 200 && !published.slice(before).some((p) => p.uri === uri); i++) await new Promise((r) => setTimeout(r, 25));
    const cleared = published.slice(before).find((p) => p.uri === uri);
    assert.deepEqual(cleared?.diagnostics, []);
  });
});
