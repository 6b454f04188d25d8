import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { applyTextEdits, LspSession } from './lspHarness';

/** Over LSP: a secret fix reuses the Secret or repository secret the workspace's other files already use. */

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};

describe('language server: secret fixes reuse what the workspace already references', function () {
  this.timeout(60_000);
  let s: LspSession;

  before(async () => {
    s = await LspSession.start(PULL_CLIENT, {
      'k8s/worker.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: worker',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: worker',
        '          image: worker:1',
        '          env:',
        '            - name: DB_PASSWORD',
        '              valueFrom:',
        '                secretKeyRef:',
        '                  name: payments-secrets',
        '                  key: DB_PASSWORD',
        '',
      ].join('\n'),
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./check.sh\n        env:\n          SLACK_BOT_TOKEN: ${{ secrets.SLACK_BOT_TOKEN }}\n',
    });
  });
  after(() => s.stop());

  /** Opens `name` with `text`, resolves its preferred fix and returns the title and the fixed text. */
  async function preferredFix(name: string, text: string): Promise<{ title: string; fixed: string }> {
    const uri = s.uri(name);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const report = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    const diagnostics = report.items.filter((d) => d.code === 'slack-bot-token');
    assert.equal(diagnostics.length, 1);
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred);
    const resolved = await s.connection.sendRequest(CodeActionResolveRequest.type, preferred);
    const edits = (resolved.edit?.changes?.[uri] ??
      (resolved.edit?.documentChanges ?? []).flatMap((c) =>
        'textDocument' in c && c.textDocument.uri === uri ? c.edits : [],
      )) as TextEdit[];
    return { title: preferred.title, fixed: applyTextEdits(text, edits) };
  }

  it('a manifest takes the Secret the manifests beside it read', async () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: notify',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: app:1',
      '          env:',
      '            - name: SLACK_BOT_TOKEN',
      `              value: "${SLACK}"`,
      '',
    ].join('\n');
    const { title, fixed } = await preferredFix('k8s/notify.yaml', text);
    assert.match(title, /Kubernetes Secret "payments-secrets" the manifests beside it already use/);
    assert.deepEqual(parse(fixed).spec.template.spec.containers[0].env[0].valueFrom, {
      secretKeyRef: { name: 'payments-secrets', key: 'SLACK_BOT_TOKEN' },
    });
  });

  it('a workflow takes the repository secret another workflow reads under a fitting name', async () => {
    const text = `on: push\njobs:\n  send:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./notify.sh\n        env:\n          SLACK_TOKEN: ${SLACK}\n`;
    const { title, fixed } = await preferredFix('.github/workflows/notify.yml', text);
    assert.match(title, /secrets\.SLACK_BOT_TOKEN/);
    assert.equal(parse(fixed).jobs.send.steps[0].env.SLACK_TOKEN, '${{ secrets.SLACK_BOT_TOKEN }}');
  });
});

describe('language server: the store command and the rewrite name the secret alike', function () {
  this.timeout(60_000);
  let s: LspSession;
  before(async () => {
    s = await LspSession.start(PULL_CLIENT, {}, { settings: { secretsManager: 'aws' } });
    // The manager setting must be read before the first code action is asked for.
    await s.until('settings read', () => s.configurationRequests > 0 || undefined);
  });
  after(() => s.stop());

  it('a password passed to psycopg2.connect is "database-password" in both', async () => {
    const text = 'import psycopg2\n\nconn = psycopg2.connect(host="db", user="app", password="Zq8vR2mK9xLp4Wn7")\n';
    const uri = s.uri('app/db.py');
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    const report = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    const diagnostics = report.items.filter((d) => d.source === 'nhi-lens');
    assert.equal(diagnostics.length, 1);
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const copy = actions.find((a) => a.command?.command === 'nhiLens.copyStoreCommand');
    assert.deepEqual(copy?.command?.arguments?.slice(2), ['aws', 'database_password']);
    const resolved = await s.connection.sendRequest(
      CodeActionResolveRequest.type,
      actions.find((a) => a.isPreferred)!,
    );
    const edits = (resolved.edit?.changes?.[uri] ?? []) as TextEdit[];
    assert.match(applyTextEdits(text, edits), /get_secret_value\(SecretId="database-password"\)/);
  });
});
