import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

describe('GitHub Actions: static cloud credentials, one finding per credential', () => {
  const engine = defaultEngine();
  const workflow = (env: string) =>
    `name: deploy\non: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n${env}    steps:\n      - run: ./deploy.sh\n`;

  it('an AWS key ID and its secret key are one finding, the second a related location', () => {
    const text = workflow(
      `      AWS_ACCESS_KEY_ID: \${{ secrets.KEY_ID }}\n      AWS_SECRET_ACCESS_KEY: \${{ secrets.SECRET }}\n      AWS_REGION: eu-west-1\n`,
    );
    const found = engine.scan({ path: '.github/workflows/deploy.yml', text }).findings;
    assert.deepEqual(
      found.map((f) => `${f.ruleId}@${f.range.start.line + 1}`),
      ['gha-static-cloud-credentials@9'],
    );
    assert.deepEqual(
      found[0].related?.map((r) => r.range.start.line + 1),
      [10],
    );
  });

  it('credentials of two clouds in one env block are two findings', () => {
    const text = workflow(`      AWS_SECRET_ACCESS_KEY: \${{ secrets.SECRET }}\n      ARM_CLIENT_SECRET: \${{ secrets.ARM }}\n`);
    assert.equal(engine.scan({ path: '.github/workflows/deploy.yml', text }).findings.length, 2);
  });
});
