import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { parseHcl } from '../../engine/iac/hcl/hclParser';
import { applyTextEdits, LspSession } from './lspHarness';

/** Over LSP: the AWS OIDC switch also offers the trust statement in the role the workspace defines. */

const PULL_CLIENT = {
  textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { resolveSupport: { properties: ['edit'] } } },
  workspace: { configuration: true },
};

const ROLE = (name: string) =>
  `resource "aws_iam_role" "${name.replace(/-/g, '_')}" {\n  name = "${name}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = []\n  })\n}\n`;

/** A role that already trusts GitHub's OIDC provider. */
const TRUSTED_STATEMENT =
  'Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" } }]';

const WORKFLOW = (extra = '') =>
  `name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${extra}      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          aws-region: eu-west-1\n`;

describe('language server: OIDC switch with the role trust policy', function () {
  this.timeout(60_000);
  let s: LspSession;

  before(async () => {
    s = await LspSession.start(
      PULL_CLIENT,
      {
        'infra/iam.tf': ROLE('gha-deploy') + ROLE('gha-other'),
        'infra/other.tf': ROLE('unrelated'),
        'trusted/iam.tf': ROLE('gha-trusted').replace('Statement = []', TRUSTED_STATEMENT),
      },
      {
        prepare: (root) => {
          execFileSync('git', ['init', '-q'], { cwd: root });
          execFileSync('git', ['remote', 'add', 'origin', 'https://github.com/acme/shop.git'], { cwd: root });
        },
      },
    );
  });
  after(() => s.stop());

  async function oidcActions(name: string, text: string): Promise<CodeAction[]> {
    const uri = s.uri(name);
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const report = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    })) as FullDocumentDiagnosticReport;
    const diagnostics = report.items.filter((d) => d.code === 'gha-static-cloud-credentials');
    assert.equal(diagnostics.length, 1, JSON.stringify(report.items.map((d) => d.code)));
    const actions = (await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    return actions.filter((a) => /OIDC/.test(a.title));
  }

  it('the role the workflow already assumes: one edit of the workflow and the role, scoped to the remote repository and branch', async () => {
    const other = `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/gha-deploy\n          aws-region: eu-west-1\n`;
    const text = WORKFLOW(other);
    const actions = await oidcActions('.github/workflows/deploy.yml', text);
    // The plain switch (preferred) and the one with the role's trust.
    const plain = actions.find((a) => a.isPreferred);
    assert.ok(plain);
    const combined = actions.filter((a) => a !== plain);
    assert.deepEqual(
      combined.map((a) => a.title),
      [`${plain.title}, trusted by role gha-deploy (infra/iam.tf)`],
    );
    const changes = combined[0].edit!.changes!;
    const workflow = parse(applyTextEdits(text, changes[s.uri('.github/workflows/deploy.yml')]));
    assert.equal(workflow.jobs.deploy.steps[1].with['role-to-assume'], 'arn:aws:iam::<account-id>:role/gha-deploy');
    assert.equal((workflow.permissions ?? workflow.jobs.deploy.permissions)['id-token'], 'write');
    const tf = applyTextEdits(fs.readFileSync(path.join(s.root, 'infra', 'iam.tf'), 'utf8'), changes[s.uri('infra/iam.tf')]);
    assert.deepEqual(parseHcl(tf).errors, []);
    assert.ok(tf.includes('"token.actions.githubusercontent.com:sub" = "repo:acme/shop:ref:refs/heads/main"'), tf);
    // Only the gha-deploy role got the statement.
    assert.equal(tf.split('sts:AssumeRoleWithWebIdentity').length - 1, 1);
    assert.ok(tf.indexOf('AssumeRoleWithWebIdentity') < tf.indexOf('"gha-other"'));
    // The plain switch's comment is scoped to the repository too.
    const plainText = applyTextEdits(text, plain.edit!.changes![s.uri('.github/workflows/deploy.yml')]);
    assert.ok(plainText.includes('repo:acme/shop:ref:refs/heads/main'), plainText);
  });

  it('a workflow naming no role: a choice of the roles the workspace defines, none preferred', async () => {
    const actions = await oidcActions('.github/workflows/ci.yml', WORKFLOW());
    const combined = actions.filter((a) => !a.isPreferred);
    assert.deepEqual(
      combined.map((a) => /trusted by role ([\w-]+)/.exec(a.title)?.[1]),
      ['gha-deploy', 'gha-other', 'unrelated'],
    );
  });

  it('a role that already trusts GitHub: the workflow assumes it, its policy is left alone', async () => {
    const other = `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: gha-trusted\n          aws-region: eu-west-1\n`;
    const text = WORKFLOW(other);
    const actions = (await oidcActions('.github/workflows/t.yml', text)).filter((a) => !a.isPreferred);
    assert.equal(actions.length, 1);
    assert.match(actions[0].title, /assuming role gha-trusted \(trusted\/iam\.tf\), which already trusts GitHub$/);
    assert.deepEqual(Object.keys(actions[0].edit!.changes!), [s.uri('.github/workflows/t.yml')]);
    const workflow = parse(applyTextEdits(text, actions[0].edit!.changes![s.uri('.github/workflows/t.yml')]));
    assert.equal(workflow.jobs.deploy.steps[1].with['role-to-assume'], 'arn:aws:iam::<account-id>:role/gha-trusted');
  });

  it('a role file open with unsaved edits: the statement goes where the open text has the policy', async () => {
    const uri = s.uri('infra/other.tf');
    // Three lines added above the role in the editor, not saved.
    const open = `# edited\n# not saved\n# yet\n${ROLE('unrelated')}`;
    await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'terraform', version: 1, text: open },
    });
    const other = `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: unrelated\n          aws-region: eu-west-1\n`;
    const [action] = (await oidcActions('.github/workflows/u.yml', WORKFLOW(other))).filter((a) => !a.isPreferred);
    assert.ok(action);
    const tf = applyTextEdits(open, action.edit!.changes![uri]);
    assert.deepEqual(parseHcl(tf).errors, []);
    assert.match(tf, /Statement = \[\n\s+\{\n\s+Effect {4}= "Allow"/);
  });

  it('a workflow assuming a role the workspace does not define: the plain switch only', async () => {
    const other = `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/elsewhere\n          aws-region: eu-west-1\n`;
    const actions = await oidcActions('.github/workflows/x.yml', WORKFLOW(other));
    assert.equal(actions.length, 1);
    assert.ok(actions[0].isPreferred);
  });
});
