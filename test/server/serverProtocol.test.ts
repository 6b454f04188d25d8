import * as assert from 'node:assert/strict';
import {
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
} from 'vscode-languageserver-protocol/node';
import { LspSession } from './lspHarness';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

/** The bundled server over stdio, driven by a real JSON-RPC client (the first-version server). */
describe('language server over stdio (push diagnostics)', () => {
  let s: LspSession;

  before(async () => {
    s = await LspSession.start({}, { '.nhi-lens.yaml': 'overrides:\n  slack-bot-token: { severity: warning }\n' });
    assert.ok(s.initialized.capabilities.textDocumentSync);
  });

  after(() => s.stop());

  it('publishes a masked diagnostic on the exact range, with severity from the workspace config', async () => {
    const uri = s.uri('app.py');
    const text = `import os\nSLACK_BOT_TOKEN = "${SLACK}"\n`;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    const { diagnostics } = await s.diagnosticsFor(uri, 1);
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
    const uri = s.uri('app.py');
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 1, character: 19 }, end: { line: 1, character: 19 + SLACK.length } }, text: '${SLACK_BOT_TOKEN}' },
      ],
    });
    const { diagnostics } = await s.diagnosticsFor(uri, 2);
    assert.deepEqual(diagnostics, []);
  });

  it('a burst of 2,000 edits is coalesced: few publishes, the last one for the final text', async () => {
    const uri = s.uri('burst.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: '' },
    });
    await s.diagnosticsFor(uri, 1);
    const before = s.published.filter((p) => p.uri === uri).length;
    const EDITS = 2000;
    // Typing "x = 1\n" one character at a time, then the secret as the last edit.
    for (let v = 2; v <= EDITS; v++) {
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: v, character: 0 }, end: { line: v, character: 0 } }, text: v % 2 ? 'x\n' : '#' }],
      });
    }
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: EDITS + 1 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `T = "${SLACK}"\n` }],
    });
    const last = await s.diagnosticsFor(uri, EDITS + 1);
    assert.equal(last.diagnostics.length, 1, 'the final text is what was checked');
    const publishes = s.published.filter((p) => p.uri === uri).length - before;
    assert.ok(publishes <= 50, `${publishes} publishes for ${EDITS} edits`);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = s.uri('other.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text: `T = "${SLACK}"\n` },
    });
    assert.equal((await s.diagnosticsFor(uri, 1)).diagnostics.length, 1);
    const before = s.published.length;
    await s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    // Publishes for an open document carry its version; the one on close has none.
    const cleared = await s.until('diagnostics after close', () =>
      s.published.slice(before).find((p) => p.uri === uri && p.version === undefined),
    );
    assert.deepEqual(cleared.diagnostics, []);
  });
});
