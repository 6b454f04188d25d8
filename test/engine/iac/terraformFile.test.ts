import * as assert from 'node:assert/strict';
import { addressOf, TerraformFile } from '../../../engine/iac/terraform/terraformModule';

describe('TerraformFile.resourcesOf', () => {
  const file = new TerraformFile(
    [
      'resource "aws_iam_user" "a" {}',
      'resource "aws_iam_role" "b" {}',
      'data "aws_iam_role" "d" {}',
      'resource "aws_iam_user" "c" {}',
      'resource "aws_iam_role" {}',
      '',
    ].join('\n'),
  );
  const names = (blocks: ReturnType<TerraformFile['resourcesOf']>) => blocks.map(addressOf);

  it('finds the resources of a type in file order, not data sources or blocks without two labels', () => {
    assert.deepEqual(names(file.resourcesOf('aws_iam_user')), ['aws_iam_user.a', 'aws_iam_user.c']);
    assert.deepEqual(names(file.resourcesOf('aws_iam_role')), ['aws_iam_role.b']);
    assert.deepEqual(file.resourcesOf('aws_s3_bucket'), []);
  });

  it('several types: in file order', () => {
    assert.deepEqual(names(file.resourcesOf('aws_iam_role', 'aws_iam_user')), ['aws_iam_user.a', 'aws_iam_role.b', 'aws_iam_user.c']);
  });

  it('hands out a new array each time (the index is not changed by a caller)', () => {
    file.resourcesOf('aws_iam_user').pop();
    assert.equal(file.resourcesOf('aws_iam_user').length, 2);
  });
  it('resourcesWhere: the test is asked once per type; matches in file order, a new array each time', () => {
    const asked: string[] = [];
    const found = file.resourcesWhere((type) => {
      asked.push(type);
      return type.endsWith('_user') || type === 'aws_iam_role';
    });
    assert.deepEqual(names(found), ['aws_iam_user.a', 'aws_iam_role.b', 'aws_iam_user.c']);
    assert.deepEqual(asked, ['aws_iam_user', 'aws_iam_role'], 'once per type, data sources not asked about');
    assert.deepEqual(names(file.resourcesWhere((type) => type === 'aws_iam_role')), ['aws_iam_role.b']);
    assert.deepEqual(
      file.resourcesWhere(() => false),
      [],
    );
    file.resourcesWhere(() => true).pop();
    assert.equal(file.resourcesWhere(() => true).length, 3);
  });

  it('resourcesWhere agrees with a filter of every resource, on many interleaved types', () => {
    const types = ['google_project_iam_member', 'aws_iam_role', 'kubernetes_role', 'google_service_account_iam_binding', 'aws_s3_bucket'];
    const text = Array.from({ length: 60 }, (_, i) => `resource "${types[(i * 7) % types.length]}" "r${i}" {}\n`).join('');
    const many = new TerraformFile(text);
    for (const pick of [
      (t: string) => t.startsWith('google_'),
      (t: string) => t.startsWith('kubernetes_'),
      (t: string) => t !== 'aws_s3_bucket',
    ])
      assert.deepEqual(
        many.resourcesWhere(pick),
        many.resources.filter((b) => pick(b.labels[0].value)),
      );
  });
});
