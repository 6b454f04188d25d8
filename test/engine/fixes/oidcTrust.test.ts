import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { OffsetEdit } from '../../../engine';
import { fixesFor } from '../../../engine/fixes/fixProposals';
import { defaultEngine } from '../../support/engineFixture';

/** The OIDC switch says what the cloud side must trust, where the person applying it looks. */

function oidcResult(text: string): { out: string; needs: string[] } {
  const finding = defaultEngine()
    .scan({ path: '.github/workflows/deploy.yml', text })
    .findings.find((f) => f.fix.iac?.check === 'gha-static-cloud-credentials');
  assert.ok(finding, 'no static-credentials finding');
  const oidc = fixesFor(finding, text, { manager: 'env' }).find((p) => p.kind === 'oidc');
  assert.ok(oidc);
  let out = text;
  for (const e of [...oidc.edits].sort((a: OffsetEdit, b: OffsetEdit) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { out, needs: oidc.needs ?? [] };
}

const AWS = (on: string) =>
  `name: deploy\non:\n${on}permissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          aws-region: eu-west-1\n`;

describe('OIDC switch: the trust the cloud needs', function () {
  it('AWS: the role trust policy statement above role-to-assume, for the one branch the workflow runs on', function () {
    const { out, needs } = oidcResult(AWS('  push:\n    branches: [main]\n'));
    const parsed = parse(out);
    assert.equal(parsed.permissions['id-token'], 'write');
    const step = parsed.jobs.deploy.steps[0];
    assert.match(step.with['role-to-assume'], /^arn:aws:iam::<account-id>:role\//);
    assert.equal(step.with['aws-access-key-id'], undefined);
    // The trust statement is in comments just above the input, and is JSON once the # are removed.
    const comment = /((?:^[ \t]*#.*\n)+)[ \t]*role-to-assume:/m.exec(out)?.[1];
    assert.ok(comment, out);
    const statement = JSON.parse(
      comment
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^[ \t]*# ?/, ''))
        .join('\n'),
    );
    assert.equal(statement.Action, 'sts:AssumeRoleWithWebIdentity');
    assert.equal(statement.Condition.StringEquals['token.actions.githubusercontent.com:sub'], 'repo:<owner>/<repo>:ref:refs/heads/main');
    // The notes' placeholders are about the cloud side, in comments: only the role is to fill in.
    assert.deepEqual(needs, ['<account-id>', '<role-name>']);
  });

  it('a workflow on several branches gets a branch placeholder, not a wildcard', function () {
    const { out } = oidcResult(AWS('  push:\n    branches:\n      - main\n      - release\n'));
    assert.ok(out.includes(':ref:refs/heads/<branch>"'), out);
    assert.ok(!out.includes(':*"'));
  });

  it('Azure: the federated credential the app registration needs', function () {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          creds: \${{ secrets.AZURE_CREDENTIALS }}\n`;
    const { out } = oidcResult(text);
    assert.match(
      out,
      /# issuer https:\/\/token\.actions\.githubusercontent\.com, subject repo:<owner>\/<repo>:ref:refs\/heads\/<branch>, audience api:\/\/AzureADTokenExchange\n[ \t]+client-id:/,
    );
    assert.equal(parse(out).jobs.a.steps[0].with.creds, undefined);
  });
});
