import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../workspace/engineFactory';
import { MAX_FOLDER_FILES, terraformSiblingReader } from '../../workspace/terraformSiblings';

describe('Terraform module sibling files', () => {
  it('lists the other .tf files of the folder; the uncached reader sees edits, the cached one does not', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-mod-'));
    fs.mkdirSync(path.join(root, 'infra'));
    fs.writeFileSync(path.join(root, 'infra', 'main.tf'), 'resource "x" "y" {}\n');
    fs.writeFileSync(path.join(root, 'infra', 'providers.tf'), 'provider "aws" {}\n');
    fs.writeFileSync(path.join(root, 'infra', 'notes.md'), '# not terraform\n');
    const live = terraformSiblingReader(root, false);
    const cached = terraformSiblingReader(root, true);
    const names = (list: Array<{ path: string }>) => list.map((f) => path.basename(f.path));
    assert.deepEqual(names(live('infra/main.tf')), ['providers.tf']);
    assert.deepEqual(names(cached('infra/main.tf')), ['providers.tf']);
    fs.writeFileSync(path.join(root, 'infra', 'providers.tf'), 'provider "aws" {\n  default_tags {}\n}\n');
    fs.writeFileSync(path.join(root, 'infra', 'extra.tf'), 'locals {}\n');
    assert.deepEqual(names(live('infra/main.tf')).sort(), ['extra.tf', 'providers.tf']);
    assert.match(live('infra/main.tf').find((f) => f.path.endsWith('providers.tf'))!.text, /default_tags/);
    assert.deepEqual(names(cached('infra/main.tf')), ['providers.tf'], 'an audit reads each folder once');
    assert.deepEqual(live('missing/dir.tf'), []);
  });

  it('reads a local module folder below the root, never one outside it or through a link out of it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-mod-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-out-'));
    fs.writeFileSync(path.join(outside, 'main.tf'), 'resource "aws_iam_role" "r" {}\n');
    fs.mkdirSync(path.join(root, 'modules', 'role'), { recursive: true });
    fs.writeFileSync(path.join(root, 'modules', 'role', 'main.tf'), 'variable "tags" {}\n');
    fs.writeFileSync(path.join(root, 'modules', 'role', 'README.md'), '# role\n');
    fs.symlinkSync(outside, path.join(root, 'modules', 'linked'));
    const reader = terraformSiblingReader(root, false);
    assert.deepEqual(
      reader.folder('modules/role').map((f) => path.basename(f.path)),
      ['main.tf'],
    );
    assert.deepEqual(reader.folder(path.join(root, 'modules', 'role')).length, 1, 'absolute paths too');
    assert.deepEqual(reader.folder(path.relative(root, outside)), []);
    assert.deepEqual(reader.folder('modules/linked'), []);
    assert.deepEqual(reader.folder('modules/missing'), []);
  });

  it('hands over at most MAX_FOLDER_FILES files of a crafted folder of thousands', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-many-'));
    fs.mkdirSync(path.join(root, 'big'));
    for (let i = 0; i < MAX_FOLDER_FILES + 50; i++) fs.writeFileSync(path.join(root, 'big', `f${i}.tf`), `variable "v${i}" {}\n`);
    const reader = terraformSiblingReader(root, false);
    assert.equal(reader.folder('big').length, MAX_FOLDER_FILES);
    assert.ok(reader('big/f0.tf').length <= MAX_FOLDER_FILES, 'siblings of a file there too');
  });

  it('an engine built for a workspace reports a call of a local module that leaves the owner to it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-mod-'));
    fs.mkdirSync(path.join(root, 'modules', 'role'), { recursive: true });
    fs.mkdirSync(path.join(root, 'envs', 'prod'), { recursive: true });
    const role =
      'variable "tags" {\n  default = {}\n}\n\nresource "aws_iam_role" "this" {\n  assume_role_policy = "{}"\n  tags = var.tags\n}\n';
    fs.writeFileSync(path.join(root, 'modules', 'role', 'main.tf'), role);
    const caller = 'module "role" {\n  source = "../../modules/role"\n}\n';
    for (const siblingCache of ['live', 'per-audit'] as const) {
      const engine = createEngine({ root, siblingCache });
      const ids = engine.scan({ path: 'envs/prod/main.tf', text: caller }).findings.map((f) => f.ruleId);
      assert.deepEqual(ids, ['missing-owner-tag'], siblingCache);
      assert.deepEqual(
        engine.scan({ path: 'modules/role/main.tf', text: role }).findings.map((f) => f.ruleId),
        [],
      );
    }
    // The editor's reader sees the module change: an owner added to the module's default.
    const live = createEngine({ root, siblingCache: 'live' });
    assert.deepEqual(
      live.scan({ path: 'envs/prod/main.tf', text: caller }).findings.map((f) => f.ruleId),
      ['missing-owner-tag'],
    );
    fs.writeFileSync(path.join(root, 'modules', 'role', 'main.tf'), role.replace('default = {}', 'default = { owner = "platform" }'));
    assert.deepEqual(
      live.scan({ path: 'envs/prod/main.tf', text: caller }).findings.map((f) => f.ruleId),
      [],
    );
  });

  it("hands over the folder's kustomization with a file's siblings (not with a module folder), and its owner label counts", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-kust-'));
    fs.mkdirSync(path.join(root, 'k8s'));
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: payments-api\n';
    fs.writeFileSync(path.join(root, 'k8s', 'serviceaccount.yaml'), sa);
    const kustomization = (labels: string) =>
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${labels}resources:\n  - serviceaccount.yaml\n`;
    fs.writeFileSync(path.join(root, 'k8s', 'kustomization.yaml'), kustomization('labels:\n  - pairs:\n      owner: payments\n'));
    const reader = terraformSiblingReader(root, false);
    assert.deepEqual(
      reader('k8s/serviceaccount.yaml').map((f) => path.basename(f.path)),
      ['kustomization.yaml'],
    );
    assert.deepEqual(reader.folder('k8s'), []);
    const ids = (engine: ReturnType<typeof createEngine>) =>
      engine.scan({ path: 'k8s/serviceaccount.yaml', text: sa }).findings.map((f) => f.ruleId);
    assert.deepEqual(ids(createEngine({ root, siblingCache: 'live' })), []);
    fs.writeFileSync(path.join(root, 'k8s', 'kustomization.yaml'), kustomization('commonLabels:\n  app: payments\n'));
    assert.deepEqual(ids(createEngine({ root, siblingCache: 'live' })), ['missing-owner-tag']);
  });
});
