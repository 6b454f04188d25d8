import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeOwnersOf, ownerFor } from '../../workspace/ownerLookup';

describe('owner for the add-owner quick-fix', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-owner-'));
  fs.mkdirSync(path.join(root, '.github'));
  fs.writeFileSync(
    path.join(root, '.github', 'CODEOWNERS'),
    '# owners\n* @acme/platform\ninfra/payments/ @acme/payments @alice\n*.md @acme/docs\n',
  );

  it('CODEOWNERS: the last matching rule wins', () => {
    assert.deepEqual(codeOwnersOf(root, 'infra/payments/iam.tf'), ['@acme/payments', '@alice']);
    assert.deepEqual(codeOwnersOf(root, 'infra/shared/iam.tf'), ['@acme/platform']);
    assert.deepEqual(codeOwnersOf(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-none-')), 'a.tf'), []);
  });

  it('the setting wins, then CODEOWNERS, then the git author in a trusted workspace, then a placeholder', () => {
    assert.equal(ownerFor(root, 'infra/payments/iam.tf', ' team-x '), 'team-x');
    assert.equal(ownerFor(root, 'infra/payments/iam.tf', ''), '@acme/payments');
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-git-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['config', 'user.email', 'dev@example.com'], { cwd: repo });
    assert.equal(ownerFor(repo, 'main.tf', '', true), 'dev@example.com');
    assert.equal(ownerFor(repo, 'main.tf', '', false), 'TODO-owner', 'no external command in an untrusted workspace');
    assert.equal(ownerFor(undefined, 'main.tf', ''), 'TODO-owner');
  });
});
