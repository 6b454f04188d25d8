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
});
