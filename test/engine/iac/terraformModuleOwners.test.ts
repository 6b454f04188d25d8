import * as assert from 'node:assert/strict';
import type { Engine } from '../../../engine';
import { moduleFolder } from '../../../engine/iac/terraform/terraformModuleOwners';
import { applyIacFix } from '../../support/applyEdits';
import { testEngine } from '../../support/engineFixture';

/** An engine whose module reader serves these files by folder (relative paths, forward slashes). */
function engineWith(files: Record<string, string>, read: string[] = []): Engine {
  return testEngine({
    moduleFiles: (folder) => {
      read.push(folder);
      return Object.entries(files)
        .filter(([p]) => p.slice(0, p.lastIndexOf('/')) === folder)
        .map(([path, text]) => ({ path, text }));
    },
  });
}

const ROLE_MODULE = (tags: string, variable = 'variable "tags" {\n  type    = map(string)\n  default = {}\n}\n\n') =>
  `${variable}resource "aws_iam_role" "this" {\n  name               = var.name\n  assume_role_policy = var.trust\n  tags               = ${tags}\n}\n`;
const call = (extra = '', source = '../../modules/role') => `module "ci_role" {\n  source = "${source}"\n  name   = "ci"\n${extra}}\n`;
const owners = (engine: Engine, path: string, text: string) =>
  engine
    .scan({ path, text })
    .findings.filter((f) => /owner/.test(f.ruleId))
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('owner tags a reusable module leaves to its caller (issue 12)', () => {
  const files = { 'modules/role/main.tf': ROLE_MODULE('var.tags') };

  it('the module itself is not reported; a call passing no owner tag is, at the module block', () => {
    const engine = engineWith(files);
    assert.deepEqual(owners(engine, 'modules/role/main.tf', files['modules/role/main.tf']), []);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call()), ['missing-owner-tag@1:module "ci_role"']);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('  tags   = { env = "prod" }\n')), ['missing-owner-tag@1:module "ci_role"']);
    const message = engine.scan({ path: 'envs/prod/main.tf', text: call() }).findings[0].message;
    assert.match(message, /aws_iam_role\.this.*input "tags"/);
  });

  it('a call passing an owner tag, directly, through merge or locals, is not reported', () => {
    const engine = engineWith(files);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('  tags   = { owner = "platform" }\n')), []);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('  tags   = merge(local.common, { owner = "platform" })\n')), []);
    const locals = 'locals {\n  tags = { owner = "platform" }\n}\n\n';
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', locals + call('  tags   = local.tags\n')), []);
  });

  it("the caller's AWS provider default_tags cover the module's identities", () => {
    const engine = engineWith(files);
    const provider = 'provider "aws" {\n  default_tags {\n    tags = { owner = "platform" }\n  }\n}\n\n';
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', provider + call()), []);
    const aliased = 'provider "aws" {\n  alias = "west"\n  default_tags {\n    tags = { owner = "platform" }\n  }\n}\n\n';
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', aliased + call('  providers = { aws = aws.west }\n')), []);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', aliased + call()), ['missing-owner-tag@8:module "ci_role"']);
  });

  it('an input default with an owner covers a call that passes nothing', () => {
    const withDefault = ROLE_MODULE('var.tags', 'variable "tags" {\n  default = { owner = "platform" }\n}\n\n');
    const engine = engineWith({ 'modules/role/main.tf': withDefault });
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call()), []);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('  tags   = { env = "prod" }\n')), ['missing-owner-tag@1:module "ci_role"']);
  });

  it('a value from a variable of a root module cannot be confirmed; in a module it is passed on to its own caller', () => {
    const engine = engineWith(files);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('  tags   = var.tags\n')), ['owner-tag-not-static@1:module "ci_role"']);
    assert.deepEqual(owners(engine, 'modules/service/main.tf', call('  tags   = var.tags\n', '../role')), []);
  });

  it('modules whose identities own their tags, or that create no identity, need nothing from the caller', () => {
    const engine = engineWith({
      'modules/owned/main.tf': ROLE_MODULE('merge(var.tags, { owner = "platform" })'),
      'modules/bucket/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = var.name\n  tags   = var.tags\n}\n',
      'modules/fixed/main.tf': ROLE_MODULE('{ team = "x" }'),
    });
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('', '../../modules/owned')), []);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('', '../../modules/bucket')), []);
    // A module that sets owner-less tags itself is reported in the module, not at every call.
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('', '../../modules/fixed')), []);
  });

  it('a module that hands its input to a nested module: the outer call is checked', () => {
    const engine = engineWith({
      ...files,
      'modules/service/main.tf': 'variable "tags" {\n  default = {}\n}\n\nmodule "role" {\n  source = "../role"\n  tags   = var.tags\n}\n',
    });
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('', '../../modules/service')), ['missing-owner-tag@1:module "ci_role"']);
    assert.deepEqual(owners(engine, 'envs/prod/main.tf', call('  tags   = { owner = "platform" }\n', '../../modules/service')), []);
  });

  it('registry and git sources are not read, nor folders above the root', () => {
    const read: string[] = [];
    const engine = engineWith(files, read);
    assert.deepEqual(owners(engine, 'main.tf', call('', 'terraform-aws-modules/iam/aws//modules/iam-role')), []);
    assert.deepEqual(owners(engine, 'main.tf', call('', 'git::https://example.com/modules.git//role')), []);
    assert.deepEqual(owners(engine, 'main.tf', call('', '../outside')), []);
    assert.deepEqual(read, []);
  });

  it('without a module reader (no workspace), calls are not reported', () => {
    assert.deepEqual(owners(testEngine(), 'envs/prod/main.tf', call()), []);
  });

  it('the fix adds the owner to the call, after which it is no longer reported', () => {
    const engine = engineWith(files);
    for (const text of [call(), call('  tags   = {\n    env = "prod"\n  }\n')]) {
      const finding = engine.scan({ path: 'envs/prod/main.tf', text }).findings.find((f) => f.ruleId === 'missing-owner-tag')!;
      const fixed = applyIacFix(text, finding);
      assert.match(fixed, /owner = "platform-team"/);
      assert.deepEqual(owners(engine, 'envs/prod/main.tf', fixed), []);
    }
  });

  it('module folders are joined the way Terraform does, relative or absolute', () => {
    assert.equal(moduleFolder('envs/prod/main.tf', '../../modules/role'), 'modules/role');
    assert.equal(moduleFolder('main.tf', './modules/role/'), 'modules/role');
    assert.equal(moduleFolder('/ws/envs/main.tf', '../modules/role'), '/ws/modules/role');
    assert.equal(moduleFolder('envs\\prod\\main.tf', '..\\shared'), 'envs/shared');
    assert.equal(moduleFolder('main.tf', '../x'), undefined);
  });
});
