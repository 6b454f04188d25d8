import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  FileChangeType,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { IDENTITY_KIND_LABEL, type IdentityKind } from '../../engine';
import { AuditReportRequest, AuditWorkspaceRequest, type AuditResult } from '../../protocol/nhiLensProtocol';
import { applyTextEdits, LspSession } from './lspHarness';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
  window: { workDoneProgress: true },
};

describe('language server features over stdio (pull diagnostics, code actions, audit)', function () {
  this.timeout(60_000);
  let s: LspSession;
  const versions = new Map<string, number>();
  const texts = new Map<string, string>();

  const open = async (name: string, text: string) => {
    const uri = s.uri(name);
    versions.set(uri, 1);
    texts.set(uri, text);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'plaintext', version: 1, text },
    });
    return uri;
  };
  const replaceAll = async (uri: string, text: string) => {
    const version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    texts.set(uri, text);
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  };
  const pull = async (uri: string, previousResultId?: string) =>
    s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  const full = async (uri: string) => (await pull(uri)) as FullDocumentDiagnosticReport;
  const actions = async (uri: string, diagnostics: Diagnostic[]) =>
    (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
  const applyAction = async (uri: string, action: CodeAction) => {
    const edit = action.edit!;
    const edits: TextEdit[] =
      edit.changes?.[uri] ??
      (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
    await replaceAll(uri, applyTextEdits(texts.get(uri)!, edits));
  };

  before(async () => {
    s = await LspSession.start(PULL_CLIENT, {
      'src/big.txt': 'x\n',
      ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/gen/f${i}.py`, `TOKEN_${i} = "${SLACK}"\n`])),
    });
  });
  after(async () => {
    await s.stop();
  });

  it('answers pull diagnostics and says unchanged for an unchanged document', async () => {
    const uri = await open('app/settings.py', `import logging\nSLACK_BOT_TOKEN = "${SLACK}"\n`);
    const first = await full(uri);
    assert.equal(first.kind, 'full');
    assert.deepEqual(
      first.items.map((d) => [d.code, d.source, d.range.start.line]),
      [['slack-bot-token', 'nhi-lens', 1]],
    );
    assert.ok(!JSON.stringify(first).includes(SLACK), 'the value never crosses the protocol');
    const again = await pull(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    assert.equal(s.published.length, 0, 'a pull client gets no pushed diagnostics');
  });

  it('workspace/diagnostic reports open documents, unchanged when the client has them', async () => {
    const uri = s.uri('app/settings.py');
    const report = await s.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const item = report.items.find((i) => i.uri === uri)!;
    assert.equal(item.kind, 'full');
    const second = await s.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [{ uri, value: item.resultId! }] });
    assert.equal(second.items.find((i) => i.uri === uri)!.kind, 'unchanged');
  });

  it('the preferred secret fix is resolved lazily, applied, and the re-check is clean', async () => {
    const uri = s.uri('app/settings.py');
    const { items } = await full(uri);
    const list = await actions(uri, items);
    const preferred = list.find((a) => a.isPreferred)!;
    assert.ok(preferred && !preferred.edit, 'no edit before resolve');
    const resolved = await s.connection.sendRequest(CodeActionResolveRequest.type, preferred);
    assert.match(resolved.title, /environment variable/);
    await applyAction(uri, resolved);
    assert.equal(texts.get(uri), 'import logging\nimport os\nSLACK_BOT_TOKEN = os.environ["SLACK_BOT_TOKEN"]\n');
    assert.deepEqual((await full(uri)).items, []);
  });

  it('a literal with no variable name is named after the rule', async () => {
    const uri = await open(
      'src/billing.ts',
      `const stripe = new Stripe("sk_live_${'51HqLyjWDarjtT1zdp7dc'}abcDEF123xyz", { apiVersion: "2024-06-20" });\n`,
    );
    const { items } = await full(uri);
    const preferred = (await actions(uri, items)).find((a) => a.isPreferred)!;
    const resolved = await s.connection.sendRequest(CodeActionResolveRequest.type, preferred);
    await applyAction(uri, resolved);
    assert.equal(
      texts.get(uri),
      'const stripe = new Stripe((process.env.STRIPE_SECRET_KEY ?? (() => { throw new Error("STRIPE_SECRET_KEY is not set"); })()), { apiVersion: "2024-06-20" });\n',
    );
  });

  it('a key file is offered "keep it out of git" before the menu opens, never a move that does nothing', async () => {
    const pem = fs.readFileSync(path.join(__dirname, '../../../examples/workspace/config/deploy-key.pem'), 'utf8');
    const uri = await open('config/deploy-key.pem', pem);
    const { items } = await full(uri);
    const list = await actions(uri, items);
    assert.ok(!list.some((a) => /Move this secret/.test(a.title)), list.map((a) => a.title).join(' | '));
    const preferred = list.find((a) => a.isPreferred)!;
    assert.match(preferred.title, /^Keep deploy-key\.pem out of git/);
    const resolved = await s.connection.sendRequest(CodeActionResolveRequest.type, preferred);
    assert.equal(resolved.disabled, undefined);
    const gitignoreEdits = (resolved.edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []));
    assert.ok(
      gitignoreEdits.some((e) => e.newText.includes('config/deploy-key.pem')),
      JSON.stringify(resolved.edit),
    );
  });

  it('suppress-on-this-line writes a comment the engine honours', async () => {
    const uri = await open('scripts/notify.sh', `#!/bin/sh\n  SLACK="${SLACK}"\n`);
    const { items } = await full(uri);
    const suppress = (await actions(uri, items)).find((a) => a.title.startsWith('Suppress slack-bot-token on this line'))!;
    await applyAction(uri, suppress);
    assert.equal(texts.get(uri), `#!/bin/sh\n  # nhi-lens:ignore slack-bot-token -- reason\n  SLACK="${SLACK}"\n`);
    assert.deepEqual((await full(uri)).items, []);
  });

  it('the add-owner fix on Terraform uses the configured owner; narrowing replaces a wildcard', async () => {
    const uri = await open('infra/iam.tf', 'resource "aws_iam_role" "app" {\n  name = "app"\n  assume_role_policy = "{}"\n}\n');
    const owner = (await actions(uri, (await full(uri)).items)).find((a) => a.title === 'Add an "owner" tag')!;
    assert.ok(owner.isPreferred);
    await applyAction(uri, owner);
    assert.match(texts.get(uri)!, / {2}tags = \{\n {4}owner = "platform-team"\n {2}\}\n\}\n$/);
    assert.deepEqual((await full(uri)).items, []);

    const policy = await open('policy.json', '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\n');
    const narrow = (await actions(policy, (await full(policy)).items)).find((a) => a.title.startsWith('Narrow to'))!;
    await applyAction(policy, narrow);
    assert.equal(
      texts.get(policy),
      '{"Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:Describe*"], "Resource": "*"}]}\n',
    );
  });

  it('add-to-baseline edits the baseline file and the finding disappears', async () => {
    const uri = await open('lib/client.js', `const slackToken = "${SLACK}";\n`);
    const { items } = await full(uri);
    const accept = (await actions(uri, items)).find((a) => a.command?.command === 'nhiLens.server.addToBaseline')!;
    const ok = await s.connection.sendRequest(ExecuteCommandRequest.type, {
      command: accept.command!.command,
      arguments: accept.command!.arguments,
    });
    assert.equal(ok, true);
    const edit = s.applied[s.applied.length - 1].edit;
    assert.ok(JSON.stringify(edit).includes('.nhi-lens-baseline.json'));
    assert.ok(JSON.stringify(edit).includes('lib/client.js'));
    assert.ok(!JSON.stringify(edit).includes(SLACK));
    assert.deepEqual((await full(uri)).items, []);
  });

  it('add-to-baseline re-reads the file: entries added on disk are kept, a BOM is fine, a broken file is never overwritten', async () => {
    const file = path.join(s.root, '.nhi-lens-baseline.json');
    const pulled = { fingerprint: 'f'.repeat(32), ruleId: 'github-pat', path: 'from/a/pull.py' };
    // Written behind the server's back (a git pull), with a byte-order mark.
    fs.writeFileSync(file, `\ufeff${JSON.stringify({ version: 1, tool: 'nhi-lens', findings: [pulled] })}\n`);
    const uri = await open('lib/merge.js', `const token = "${SLACK}";\n`);
    const accept = (await actions(uri, (await full(uri)).items)).find((a) => a.command?.command === 'nhiLens.server.addToBaseline')!;
    const before = s.applied.length;
    assert.equal(
      await s.connection.sendRequest(ExecuteCommandRequest.type, {
        command: accept.command!.command,
        arguments: accept.command!.arguments,
      }),
      true,
    );
    const written = JSON.stringify(s.applied.slice(before));
    assert.ok(written.includes('from/a/pull.py'), 'the entry added on disk is kept');
    assert.ok(written.includes('lib/merge.js'), 'the new entry is added');

    fs.writeFileSync(file, 'not a baseline\n');
    const other = await open('lib/other.js', `const token = "${SLACK}";\n`);
    const again = (await actions(other, (await full(other)).items)).find((a) => a.command?.command === 'nhiLens.server.addToBaseline')!;
    const count = s.applied.length;
    assert.equal(
      await s.connection.sendRequest(ExecuteCommandRequest.type, { command: again.command!.command, arguments: again.command!.arguments }),
      false,
    );
    assert.equal(s.applied.length, count, 'no edit to a file that is not a baseline');
    fs.rmSync(file);
  });

  it('a document larger than the limit is skipped from its size, with one note', async () => {
    const uri = await open('big/dump.txt', `${'x'.repeat(80)}\n`.repeat(70_000)); // 5.6 MB > 5 MiB
    const { items } = await full(uri);
    assert.equal(items.length, 1);
    assert.match(items[0].message, /larger than 5120 KiB not scanned/);
  });

  it('reloads .nhi-lens.yaml when it changes on disk', async () => {
    const uri = await open('deploy/key.py', `SLACK = "${SLACK}"\n`);
    const before = await full(uri);
    assert.equal(before.items.length, 1);
    fs.writeFileSync(path.join(s.root, '.nhi-lens.yaml'), 'disable: [slack-bot-token]\n');
    const refreshes = s.refreshes;
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: s.uri('.nhi-lens.yaml'), type: FileChangeType.Created }],
    });
    await s.until('a diagnostic refresh', () => s.refreshes > refreshes);
    const after = await pull(uri, before.resultId);
    assert.equal(after.kind, 'full');
    assert.deepEqual((after as FullDocumentDiagnosticReport).items, []);
    fs.writeFileSync(path.join(s.root, '.nhi-lens.yaml'), 'disable: [\n');
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: s.uri('.nhi-lens.yaml'), type: FileChangeType.Changed }],
    });
    await s.until('a message about the broken config', () => s.messages.some((m) => /\.nhi-lens\.yaml.*not valid YAML/.test(m)));
    assert.equal((await full(uri)).items.length, 1, 'built-in rules keep running');
    fs.rmSync(path.join(s.root, '.nhi-lens.yaml'));
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: s.uri('.nhi-lens.yaml'), type: FileChangeType.Deleted }],
    });
  });

  it('audits the workspace with progress, partial results and a report', async () => {
    const result: AuditResult = await s.connection.sendRequest(AuditWorkspaceRequest.type, {
      workDoneToken: 'audit-1',
      partialResultToken: 'partial-1',
    });
    assert.equal(result.summary.cancelled, false);
    assert.ok(result.summary.files >= 41);
    assert.ok(result.findings.filter((f) => f.path.startsWith('src/gen/')).length === 40);
    const mine = s.progress.filter((p) => p.token === 'audit-1').map((p) => (p.value as { kind: string }).kind);
    assert.equal(mine[0], 'begin');
    assert.equal(mine[mine.length - 1], 'end');
    const partial = s.progress.filter((p) => p.token === 'partial-1').flatMap((p) => p.value as unknown[]);
    assert.equal(partial.length, result.findings.length, 'every finding arrived as a partial result');
    const md = await s.connection.sendRequest(AuditReportRequest.type, { format: 'markdown' });
    assert.match(md!.content, /slack-bot-token/);
    assert.ok(!md!.content.includes(SLACK));
    const sarif = JSON.parse((await s.connection.sendRequest(AuditReportRequest.type, { format: 'sarif' }))!.content);
    assert.equal(sarif.version, '2.1.0');
    const html = (await s.connection.sendRequest(AuditReportRequest.type, { format: 'html', cspSource: 'vscode-webview://abc' }))!.content;
    assert.match(html, /img-src vscode-webview:\/\/abc/);
    assert.ok(!html.includes(SLACK));
    assert.ok(
      result.inventory.some((i) => i.kind === 'secret' && i.path === 'src/gen/f7.py' && i.kindLabel === 'Secret in a file'),
      'the audit returns the inventory for the tree view, labelled',
    );
    assert.deepEqual(
      result.inventory.filter((i) => i.kindLabel !== IDENTITY_KIND_LABEL[i.kind as IdentityKind]).map((i) => i.kind),
      [],
      'every inventory item carries its kind label',
    );
    const slack = result.findings.find((f) => f.ruleId === 'slack-bot-token');
    assert.ok(slack, 'the Slack token is among the findings');
    assert.ok(/^[0-9a-f]+$/.test(slack.fingerprint) && slack.masked.length > 0 && !slack.masked.includes(SLACK), 'fingerprint and mask');
    assert.equal(typeof slack.range.start.line, 'number');
    assert.match(slack.docs, /^https:/);
    assert.ok(!JSON.stringify(result).includes(SLACK), 'the value never crosses the protocol');
    assert.deepEqual(result.notes, []);
    const report = await s.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    assert.ok(
      report.items.some((i) => i.uri.endsWith('src/gen/f7.py') && i.kind === 'full' && i.items.length === 1),
      'audited files reach the Problems panel',
    );
  });

  it('a cancelled audit stops and says so', async () => {
    for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(s.root, 'src', `bulk${i}.txt`), `line ${i}\n`.repeat(50));
    const source = new CancellationTokenSource();
    const pending = s.connection.sendRequest(AuditWorkspaceRequest.type, { workDoneToken: 'audit-2' }, source.token);
    await s.until('audit progress', () => s.progress.some((p) => p.token === 'audit-2' && (p.value as { kind: string }).kind === 'report'));
    source.cancel();
    const result = await pending.catch((e: Error) => e);
    if (result instanceof Error) assert.match(result.message, /cancel/i);
    else assert.equal(result.summary.cancelled, true);
    await s.until('progress end', () => s.progress.some((p) => p.token === 'audit-2' && (p.value as { kind: string }).kind === 'end'));
  });

  it('survives malformed and unknown requests', async () => {
    assert.equal(
      await s.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: 'file:///nowhere.py' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      }),
      null,
    );
    await assert.rejects(s.connection.sendRequest(DocumentDiagnosticRequest.type, {} as never));
    await assert.rejects(s.connection.sendRequest('nhiLens/doesNotExist', {}));
    assert.equal(
      await s.connection.sendRequest(ExecuteCommandRequest.type, { command: 'nhiLens.server.addToBaseline', arguments: [] }),
      false,
    );
    const uri = s.uri('app/settings.py');
    assert.equal((await pull(uri)).kind, 'full', 'still serving');
  });
});
