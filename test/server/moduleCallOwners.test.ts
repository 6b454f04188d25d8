import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits, LspSession } from './lspHarness';

const CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};
const MODULE =
  'variable "tags" {\n  default = {}\n}\n\nresource "aws_iam_role" "this" {\n  assume_role_policy = "{}"\n  tags = var.tags\n}\n';
const CALLER = 'module "ci_role" {\n  source = "../../modules/role"\n  name   = "ci"\n}\n';

/** In the editor, a Terraform file that calls a local module is checked against the module's folder on disk. */
describe('language server: owner tags a local module leaves to its caller (issue 12)', function () {
  this.timeout(60_000);
  let s: LspSession;
  before(async () => {
    s = await LspSession.start(CLIENT, { 'modules/role/main.tf': MODULE, 'envs/prod/main.tf': CALLER });
  });
  after(async () => {
    await s.stop();
  });
  const pull = async (uri: string) =>
    ((await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport).items;

  it('reports the call, not the module, and the quick fix passes the owner in the call', async () => {
    const moduleUri = s.uri('modules/role/main.tf');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: moduleUri, languageId: 'terraform', version: 1, text: MODULE },
    });
    assert.deepEqual(await pull(moduleUri), []);

    const uri = s.uri('envs/prod/main.tf');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'terraform', version: 1, text: CALLER },
    });
    const items = await pull(uri);
    assert.deepEqual(
      items.map((d) => [d.code, d.range.start.line]),
      [['missing-owner-tag', 0]],
    );
    assert.match(items[0].message, /aws_iam_role\.this/);
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: items[0].range,
      context: { diagnostics: items },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Pass an "owner" tag')!;
    assert.ok(fix, actions.map((a) => a.title).join('; '));
    const edits: TextEdit[] = (fix.edit!.documentChanges ?? []).flatMap((c) => ('edits' in c ? (c.edits as TextEdit[]) : []));
    const fixed = applyTextEdits(CALLER, edits.length ? edits : (fix.edit!.changes?.[uri] ?? []));
    assert.match(fixed, /owner = "platform-team"/);
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    assert.deepEqual(await pull(uri), []);
  });

  it("the next check of the call reads the module's folder as it is now", async () => {
    const uri = s.uri('envs/prod/main.tf');
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: CALLER }],
    });
    assert.equal((await pull(uri)).length, 1);
    // The module now sets its own owner: the caller owes nothing once it is checked again.
    fs.writeFileSync(
      path.join(s.root, 'modules/role/main.tf'),
      MODULE.replace('tags = var.tags', 'tags = merge(var.tags, { owner = "security" })'),
    );
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 4 },
      contentChanges: [{ text: CALLER + '\n' }],
    });
    assert.deepEqual(await pull(uri), []);
  });
});
