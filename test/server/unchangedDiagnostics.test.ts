import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { ALNUM, Rng } from '../support/seededRandom';
import { LspSession } from './lspHarness';

const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true },
};

/**
 * A keystroke that moves no diagnostic is answered `unchanged` under the last result id
 * (services/diagnosticsService.ts): the report is the same as a fresh one would be, and what the
 * server serves from it (code actions) is of the new text.
 */
describe('pull diagnostics: a keystroke that changes no diagnostic answers unchanged', function () {
  this.timeout(60_000);
  let s: LspSession;
  const rng = new Rng(4711);
  // A Slack bot token made at run time.
  const slack = `xoxb-${rng.chars('0123456789', 10)}-${rng.chars('0123456789', 13)}-${rng.chars(ALNUM, 24)}`;
  let version = 1;

  before(async () => {
    s = await LspSession.start(PULL_CLIENT, {});
    // The server re-checks everything once it has read its settings (a refresh): after that, ids are kept.
    await s.until('the refresh after the settings are read', () => s.refreshes > 0);
  });
  after(async () => {
    await s.stop();
  });

  const pull = (uri: string, previousResultId?: string) =>
    s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  const type = (uri: string, line: number, character: number, text: string) =>
    s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
    });

  it('keeps the result id while the diagnostics stay, and gives a new one when they move', async () => {
    const uri = s.uri('app/settings.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version, text: `import logging\nSLACK_BOT_TOKEN = "${slack}"\nx = 1\n` },
    });
    const first = (await pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(first.items.length, 1);
    // Typing on the line below the finding moves nothing.
    await type(uri, 2, 5, '2');
    assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // What a client without a previous result gets is the same list under the same id.
    const fresh = (await pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(fresh.resultId, first.resultId);
    assert.deepEqual(fresh.items, first.items);
    // Typing before the token on its line moves the finding: a full report, a new id.
    await type(uri, 1, 0, 'MY_');
    const moved = (await pull(uri, first.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(moved.kind, 'full');
    assert.notEqual(moved.resultId, first.resultId);
    assert.equal(moved.items[0].range.start.character, first.items[0].range.start.character + 3);
    // Code actions are of the text as it is now (the kept findings were replaced, not only the id).
    await type(uri, 2, 0, '# ');
    assert.deepEqual(await pull(uri, moved.resultId), { kind: 'unchanged', resultId: moved.resultId });
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: moved.items[0].range,
      context: { diagnostics: moved.items },
    })) as CodeAction[];
    assert.ok(actions.length > 0);
    // Removing the token removes the finding: a new id, an empty list.
    await type(uri, 1, 0, '# nhi-lens:ignore\n');
    const gone = (await pull(uri, moved.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(gone.kind, 'full');
    assert.deepEqual(gone.items, []);
  });
});
