import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits, LspSession } from './lspHarness';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'iac');
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};

// The editor path for the languages read by engine/iac/otherLanguages.ts: the same findings as
// the CLI, at the offending element, and the owner quick fix applied through the protocol.
describe('language server on Bicep, Helm, Pulumi and CDK files', function () {
  this.timeout(60_000);
  let s: LspSession;

  before(async () => {
    s = await LspSession.start(PULL_CLIENT, {});
  });
  after(async () => {
    await s.stop();
  });

  const open = async (name: string, text: string) => {
    const uri = s.uri(name);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'plaintext', version: 1, text },
    });
    return uri;
  };
  const pull = async (uri: string) =>
    ((await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport).items;
  const at = (text: string, d: Diagnostic) => {
    const lines = text.split('\n');
    return `${String(d.code)}@${d.range.start.line + 1}:${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`;
  };

  it('Bicep: diagnostics at the elements, and the add-owner action clears its diagnostic', async () => {
    const text = read('bicep/main.bicep');
    const uri = await open('infra/main.bicep', text);
    const items = await pull(uri);
    assert.deepEqual(
      items.map((d) => at(text, d)),
      [
        'missing-owner-tag@10:ciIdentity',
        'owner-tag-not-static@23:taggedElsewhere',
        'azure-privileged-role-assignment@32:8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
        "azure-privileged-role-assignment@41:subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId)",
        'azure-custom-role-wildcard@61:*',
      ],
    );
    const owner = items.filter((d) => d.code === 'missing-owner-tag');
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: owner[0].range,
      context: { diagnostics: owner },
    })) as CodeAction[];
    const add = actions.find((a) => /owner/i.test(a.title) && !/Suppress/.test(a.title))!;
    assert.ok(add, actions.map((a) => a.title).join(' | '));
    const edit = add.edit!;
    const edits: TextEdit[] =
      edit.changes?.[uri] ??
      (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
    const fixed = applyTextEdits(text, edits);
    assert.match(fixed, /owner: 'platform-team'/);
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    assert.ok(!(await pull(uri)).some((d) => d.code === 'missing-owner-tag'));
  });

  it('Helm template, Pulumi program and CDK stack: the same findings as the engine reports', async () => {
    const helm = read('helm-chart/templates/rbac.yaml');
    assert.deepEqual(
      (await pull(await open('charts/reports/templates/rbac.yaml', helm))).map((d) => at(helm, d)),
      ['k8s-rbac-cluster-secrets-read@10:secrets', 'k8s-rbac-wildcard@14:*', 'k8s-cluster-admin-binding@26:cluster-admin'],
    );
    const pulumi = read('pulumi/Pulumi.yaml');
    assert.deepEqual(
      (await pull(await open('Pulumi.yaml', pulumi))).map((d) => String(d.code)),
      [
        'aws-iam-admin-wildcard',
        'aws-iam-service-wildcard',
        'missing-owner-tag',
        'aws-iam-privileged-managed-policy',
        'aws-iam-access-key-created',
        'aws-iam-trust-any-principal',
      ],
    );
    const cdk = read('cdk/reports-stack.ts.txt');
    assert.deepEqual(
      (await pull(await open('lib/reports-stack.ts', cdk))).map((d) => at(cdk, d)),
      [
        'aws-iam-admin-wildcard@18:*',
        'aws-iam-trust-any-principal@35:new iam.AnyPrincipal()',
        'aws-iam-privileged-managed-policy@36:AdministratorAccess',
        'aws-cdk-grant-to-any-principal@40:new iam.AnyPrincipal()',
        'aws-iam-access-key-created@43:new iam.CfnAccessKey',
      ],
    );
  });
});
