import * as assert from 'node:assert/strict';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** A sibling's `default_tags` are kept by the sibling's text: an edited sibling is read again. */
describe('Terraform default_tags of sibling files, kept between scans', () => {
  const role = 'resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = "{}"\n}\n';
  const provider = (tags: string) => `provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = ${tags}\n  }\n}\n`;
  const owned = (engine: ReturnType<typeof testEngine>) =>
    engine
      .scan({ path: 'infra/iam.tf', text: role })
      .findings.filter((f) => f.ruleId === 'missing-owner-tag' || f.ruleId === 'owner-tag-not-static');

  it('follows every change of the sibling, and the same text again gives the same answer', () => {
    let sibling = provider('{ owner = "platform" }');
    const engine = testEngine({ rules: builtinRules(), siblingFiles: () => [{ path: 'infra/providers.tf', text: sibling }] });
    assert.deepEqual(owned(engine), [], 'the provider tags every role with an owner');
    sibling = provider('{ env = "prod" }');
    assert.deepEqual(
      owned(engine).map((f) => f.ruleId),
      ['missing-owner-tag'],
      'the sibling lost its owner tag: the role has none',
    );
    sibling = provider('var.tags');
    assert.deepEqual(
      owned(engine).map((f) => f.ruleId),
      ['owner-tag-not-static'],
    );
    sibling = provider('{ owner = "platform" }');
    assert.deepEqual(owned(engine), []);
  });
});
