import * as assert from 'node:assert/strict';
import { analysePolicy, collectActions } from '../../../engine/iac/aws/policyAnalyzer';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { HclBlockReuse } from '../../../engine/iac/hcl/hclBlockReuse';
import { parseHcl, type HclBlock } from '../../../engine/iac/hcl/hclParser';
import { attribute, inlineDocument } from '../../../engine/iac/hcl/hclSource';
import { DEFAULT_IAC_SETTINGS } from '../../../engine/iac/iacIssue';
import type { SourceNode } from '../../../engine/iac/sourceTree';
import { blockPolicyIssues } from '../../../engine/iac/terraform/blockPolicyMemo';
import { addressOf } from '../../../engine/iac/terraform/terraformModule';
import { loadIamData } from '../../../workspace/iamDataFile';

const iam = IamActions.of(loadIamData);

/** The memo's work on `policy = jsonencode(…)` attributes, counting the documents analysed. */
function counted(settings = DEFAULT_IAC_SETTINGS) {
  const count = { analysed: 0 };
  const work = {
    documentsOf: (block: HclBlock): SourceNode[] => {
      const value = attribute(block.body, 'policy')?.value;
      const doc = value && inlineDocument(value);
      return doc ? [doc] : [];
    },
    actionsOf: collectActions,
    analyse: (doc: SourceNode, block: HclBlock, fileActions: string[]) => {
      count.analysed++;
      return analysePolicy(doc, { resource: addressOf(block), settings, iam, fileActions });
    },
  };
  return { count, work, ctx: { settings, iam } };
}

const role = (i: number, actions: string) =>
  `resource "aws_iam_role_policy" "p${i}" {\n  name = "p-${i}"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = [${actions}], Resource = "*" }]\n  })\n}\n`;
const base = [role(0, '"s3:*"'), role(1, '"iam:PassRole", "lambda:CreateFunction"'), role(2, '"*"'), role(3, '"ec2:*"')].join('\n');

/** What analysing every document of a fresh parse gives. */
function fresh(text: string) {
  const { work, ctx } = counted();
  return blockPolicyIssues(parseHcl(text).body.blocks, ctx, work);
}

describe('Policy findings kept per Terraform block between scans', () => {
  it('analyses a block again only when it changed; the others’ findings move with their text', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const { count, work, ctx } = counted();
    const first = blockPolicyIssues(reuse.parse('main.tf', base).body.blocks, ctx, work);
    assert.equal(count.analysed, 4);
    assert.ok(first.length >= 4, `${first.length} findings`);
    assert.deepEqual(first, fresh(base));

    const edited = base.replace('name = "p-0"', 'name = "p-zero-0"');
    const second = blockPolicyIssues(reuse.parse('main.tf', edited).body.blocks, ctx, work);
    assert.equal(count.analysed, 5, 'only the edited block');
    assert.deepEqual(second, fresh(edited));
    const by = 'zero-'.length;
    // The name precedes the policy: every finding, the edited block's too, is 5 characters later.
    for (const [i, f] of second.entries()) assert.equal(f.start, first[i].start + by, `${f.resource} moved with its text`);

    // Nothing changed: nothing analysed, the same findings (copies: a caller may change them).
    const third = blockPolicyIssues(reuse.parse('main.tf', edited).body.blocks, ctx, work);
    assert.equal(count.analysed, 5);
    assert.deepEqual(third, second);
    assert.notEqual(third[0], second[0]);
  });

  it('a literal action added anywhere analyses every block again: narrowing suggestions read the file’s actions', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const { count, work, ctx } = counted();
    const before = blockPolicyIssues(reuse.parse('main.tf', base).body.blocks, ctx, work);
    const edited = base.replace('"ec2:*"', '"ec2:*", "s3:GetObject"');
    const after = blockPolicyIssues(reuse.parse('main.tf', edited).body.blocks, ctx, work);
    assert.equal(count.analysed, 8, 'all four blocks, twice');
    assert.deepEqual(after, fresh(edited));
    const s3 = (found: typeof after) => found.find((f) => f.resource === 'aws_iam_role_policy.p0');
    assert.notDeepEqual(s3(after)?.narrower, s3(before)?.narrower, 'the s3:* finding suggests the new action');
    assert.ok(s3(after)?.narrower?.includes('s3:GetObject'));
  });

  it('other settings or IAM data: analysed again', () => {
    const reuse = new HclBlockReuse({ from: 0 });
    const tree = reuse.parse('main.tf', base).body.blocks;
    const one = counted();
    blockPolicyIssues(tree, one.ctx, one.work);
    blockPolicyIssues(tree, one.ctx, one.work);
    assert.equal(one.count.analysed, 4);
    const other = counted({ ...DEFAULT_IAC_SETTINGS });
    blockPolicyIssues(tree, other.ctx, other.work);
    assert.equal(other.count.analysed, 4);
  });
  it('two files scanned in turn, with different actions: each keeps its own findings, and a change back analyses again', () => {
    // The joined actions of the last call are reused as a string object; files that alternate
    // must still compare by content.
    const reuse = new HclBlockReuse({ from: 0 });
    const { count, work, ctx } = counted();
    const other = base.replace('"ec2:*"', '"ec2:*", "s3:GetObject"');
    const scan = (path: string, text: string) => blockPolicyIssues(reuse.parse(path, text).body.blocks, ctx, work);
    assert.deepEqual(scan('a.tf', base), fresh(base));
    assert.deepEqual(scan('b.tf', other), fresh(other));
    assert.equal(count.analysed, 8);
    // Unchanged texts, scanned in turn: nothing analysed again, each file's own answer.
    assert.deepEqual(scan('a.tf', base), fresh(base));
    assert.deepEqual(scan('b.tf', other), fresh(other));
    assert.deepEqual(scan('b.tf', other), fresh(other));
    assert.equal(count.analysed, 8, 'each file’s blocks were computed with its own actions');
    // a.tf gains b.tf's extra action, then loses it: analysed again both times.
    assert.deepEqual(scan('a.tf', other), fresh(other));
    assert.equal(count.analysed, 12);
    assert.deepEqual(scan('a.tf', base), fresh(base));
    assert.equal(count.analysed, 16);
  });
  it('a block without findings is not analysed again when the file’s actions change (it has none whatever they are); one with findings is', () => {
    const quiet = `resource "aws_iam_role_policy" "q" {\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/*" }]\n  })\n}\n`;
    // (Four blocks with findings before it: a file of fewer than three blocks is parsed whole.)
    const text = [base, quiet].join('\n');
    const reuse = new HclBlockReuse({ from: 0 });
    const { count, work, ctx } = counted();
    const scan = (t: string) => blockPolicyIssues(reuse.parse('main.tf', t).body.blocks, ctx, work);
    assert.deepEqual(scan(text), fresh(text));
    assert.equal(count.analysed, 5);
    const edited = text.replace('"s3:*"', '"s3:*", "s3:PutObject"');
    const after = scan(edited);
    assert.deepEqual(after, fresh(edited));
    assert.equal(count.analysed, 9, 'the four blocks with findings, not the quiet one');
    // Another block with a new action: the s3:* finding (kept) suggests it; the quiet block is left alone.
    const more = edited + role(9, '"s3:ListBucket"');
    const third = scan(more);
    assert.deepEqual(third, fresh(more));
    assert.ok(third.find((f) => f.resource === 'aws_iam_role_policy.p0')?.narrower?.includes('s3:ListBucket'));
    assert.equal(count.analysed, 14, 'the four blocks with findings and the new block');
  });
});
