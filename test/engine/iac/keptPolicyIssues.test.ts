import * as assert from 'node:assert/strict';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { DEFAULT_IAC_SETTINGS, type IacContext } from '../../../engine/iac/iacIssue';
import { keptPolicyIssues, type PolicyDocumentOf } from '../../../engine/iac/keptPolicyIssues';
import type { SourceNode } from '../../../engine/iac/sourceTree';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { loadIamData } from '../../../workspace/iamDataFile';

const ctx: IacContext = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
const notTrust = () => false;

/** A policy document (a kept site's tree: the same object while its text is unchanged). */
const policy = (actions: string[], resource = '*'): SourceNode =>
  parseYamlSource(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] })).documents[0];

/** What analysing every document afresh gives (nothing kept). */
const fresh = (documents: PolicyDocumentOf[]) =>
  keptPolicyIssues(
    documents.map((d) => ({ ...d, keep: false })),
    ctx,
    notTrust,
  );

describe('Policy findings of kept documents (keptPolicyIssues)', () => {
  const wide = policy(['s3:*']);
  const quiet = policy(['s3:GetObject'], 'arn:aws:s3:::bucket/*');
  const narrow = policy(['s3:PutObject'], 'arn:aws:s3:::bucket/*');

  it('a new literal action elsewhere in the file changes a kept finding’s suggestions', () => {
    const before: PolicyDocumentOf[] = [
      { doc: wide, resource: 'a', keep: true },
      { doc: quiet, resource: 'b', keep: true },
    ];
    const first = keptPolicyIssues(before, ctx, notTrust);
    assert.ok(first.length >= 1, 's3:* is flagged');
    assert.deepEqual(first, fresh(before));
    // The same kept documents again: the same findings.
    assert.deepEqual(keptPolicyIssues(before, ctx, notTrust), first);
    // Another document brings s3:PutObject: the kept s3:* finding must suggest it now.
    const after = [...before, { doc: narrow, resource: 'c', keep: true }];
    const second = keptPolicyIssues(after, ctx, notTrust);
    assert.deepEqual(second, fresh(after));
    const suggestions = (found: typeof first) => found.find((f) => f.resource === 'a')?.narrower ?? [];
    assert.ok(suggestions(second).includes('s3:PutObject'), JSON.stringify(suggestions(second)));
    assert.ok(!suggestions(first).includes('s3:PutObject'));
    // And back: the suggestion goes again.
    assert.deepEqual(keptPolicyIssues(before, ctx, notTrust), fresh(before));
  });

  it('two files with different actions, in turn: each gets its own answer; a renamed resource is reported under its new name', () => {
    const one: PolicyDocumentOf[] = [
      { doc: wide, resource: 'a', keep: true },
      { doc: quiet, resource: 'b', keep: true },
    ];
    const two: PolicyDocumentOf[] = [
      { doc: wide, resource: 'a', keep: true },
      { doc: narrow, resource: 'c', keep: true },
    ];
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(keptPolicyIssues(one, ctx, notTrust), fresh(one), `one, round ${i}`);
      assert.deepEqual(keptPolicyIssues(two, ctx, notTrust), fresh(two), `two, round ${i}`);
    }
    const renamed: PolicyDocumentOf[] = [{ ...one[0], resource: 'renamed' }, one[1]];
    const found = keptPolicyIssues(renamed, ctx, notTrust);
    assert.deepEqual(found, fresh(renamed));
    assert.ok(found.every((f) => f.resource !== 'a'));
  });

  it('moves kept findings by each document’s delta', () => {
    const docs: PolicyDocumentOf[] = [{ doc: wide, resource: 'a', keep: true }];
    const at = keptPolicyIssues(docs, ctx, notTrust);
    const moved = keptPolicyIssues(docs, ctx, notTrust, [7]);
    assert.deepEqual(
      moved.map((f) => [f.start, f.end]),
      at.map((f) => [f.start + 7, f.end + 7]),
    );
  });
  it('a document without findings, re-read on each keystroke, gives what a fresh analysis gives as the file’s actions change', () => {
    // New trees each time (the document being typed in): analysed, never kept with findings.
    for (const extra of [[], ['s3:PutObject'], ['s3:PutObject', 's3:ListBucket']]) {
      const docs: PolicyDocumentOf[] = [
        { doc: wide, resource: 'a', keep: true },
        { doc: policy(['s3:GetObject'], 'arn:aws:s3:::bucket/*'), resource: 'typed', keep: true },
        ...(extra.length ? [{ doc: policy(extra, 'arn:aws:s3:::bucket/*'), resource: 'c', keep: true }] : []),
      ];
      assert.deepEqual(keptPolicyIssues(docs, ctx, notTrust), fresh(docs), JSON.stringify(extra));
    }
  });
});
