import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { githubRepository, githubRepositoryOf, workspaceRoles } from '../../workspace/oidcRoles';

describe('workspace: roles and repository for the OIDC switch', function () {
  it('github.com remotes in https, ssh and scp form; other hosts are not GitHub', function () {
    assert.equal(githubRepositoryOf('https://github.com/acme/shop.git'), 'acme/shop');
    assert.equal(githubRepositoryOf('https://github.com/acme/shop'), 'acme/shop');
    assert.equal(githubRepositoryOf('git@github.com:acme/my.repo.git\n'), 'acme/my.repo');
    assert.equal(githubRepositoryOf('ssh://git@github.com/acme/shop.git'), 'acme/shop');
    // Credentials in the URL are skipped, never part of the result.
    assert.equal(githubRepositoryOf('https://user:pw@github.com/acme/shop.git'), 'acme/shop');
    assert.equal(githubRepositoryOf('https://gitlab.com/acme/shop.git'), undefined);
    assert.equal(githubRepositoryOf('https://github.com.evil.example/acme/shop.git'), undefined);
  });

  it('reads the origin remote and finds roles in Terraform and CloudFormation files, not in node_modules', function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-oidc-roles-'));
    try {
      assert.equal(githubRepository(root), undefined, 'not a repository yet');
      execFileSync('git', ['init', '-q'], { cwd: root });
      execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/shop.git'], { cwd: root });
      assert.equal(githubRepository(root), 'acme/shop');
      const role = (name: string) =>
        `resource "aws_iam_role" "r" {\n  name = "${name}"\n  assume_role_policy = jsonencode({\n    Statement = []\n  })\n}\n`;
      fs.mkdirSync(path.join(root, 'infra'));
      fs.writeFileSync(path.join(root, 'infra', 'iam.tf'), role('tf-role'));
      fs.writeFileSync(
        path.join(root, 'stack.yaml'),
        'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: cfn-role\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n',
      );
      fs.mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
      fs.writeFileSync(path.join(root, 'node_modules', 'x', 'iam.tf'), role('vendored'));
      const found = workspaceRoles(root).map((r) => [path.relative(root, r.file).split(path.sep).join('/'), r.role.name]);
      assert.deepEqual(found, [
        ['infra/iam.tf', 'tf-role'],
        ['stack.yaml', 'cfn-role'],
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
