import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformSiblingReader } from '../../workspace/terraformSiblings';

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
});
