import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli } from '../../cli/cliOptions';
import { REPO, runCli } from './cliHarness';

const WORKFLOW = path.join(REPO, 'examples', 'ci', '.github', 'workflows', 'nhi-lens.yml');

describe('the example GitHub Actions workflow', () => {
  it('passes nhi-lens itself: least privilege, no static credential', () => {
    const run = runCli(['audit', '.', '--no-git', '--fail-on', 'warning'], path.join(REPO, 'examples', 'ci'));
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^0 findings/);
    const inventory = JSON.parse(runCli(['inventory', '--format', 'json'], path.join(REPO, 'examples', 'ci')).stdout) as {
      identities: Array<{ kind: string; breadth: string }>;
    };
    assert.deepEqual(
      inventory.identities.map((i) => [i.kind, i.breadth]),
      [['workflow-token', 'scoped']],
    );
  });

  it('calls the CLI with options it accepts, uploads SARIF and fails on new findings', () => {
    const text = fs.readFileSync(WORKFLOW, 'utf8');
    const args = /args=\(([^)]*)\)/.exec(text)![1].split(/\s+/).filter(Boolean);
    const options = parseCli([...args, '--baseline', 'b.json', '--upload-sarif']);
    assert.deepEqual(
      [options.command, options.format, options.failOn, options.uploadSarif, options.sarif],
      ['audit', 'markdown', 'warning', true, 'nhi-lens.sarif'],
    );
    assert.match(text, /security-events: write/);
    assert.match(text, /GITHUB_TOKEN: \$\{\{ github\.token \}\}/);
  });
});
