import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mayBeAnsibleIam } from '../../../engine/iac/ansible/ansibleTasks';

/** The test as first written: one regex over the whole text. */
const BY_REGEX =
  /\b(?:amazon\.aws|community\.aws)\.iam_|\b(?:kubernetes\.core|community\.kubernetes)\.k8s\b|^\s*-?\s*(?:iam_policy|iam_managed_policy|iam_role|k8s):/m;

/** Pieces that make or almost make a match: module names, word characters around them, list dashes, line ends of every kind. */
const PIECES = [
  'amazon.aws.',
  'community.aws.',
  'kubernetes.core.',
  'community.kubernetes.',
  'iam_',
  'iam_policy:',
  'iam_managed_policy:',
  'iam_role:',
  'iam_user:',
  'k8s',
  'k8s:',
  'k8s_info',
  'rbac.authorization.k8s.io/v1',
  'x',
  '_',
  '.',
  ':',
  '-',
  '- ',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u00a0',
  '#',
];

describe('Ansible IAM tasks: the test before parsing', () => {
  it('says what the regex says, for random texts of module names, dashes, blanks and line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(mayBeAnsibleIam(text), BY_REGEX.test(text), JSON.stringify(text));
      }),
      { seed: 1212, numRuns: 20000 },
    );
  });

  it('tasks and manifests it must tell apart', () => {
    assert.ok(mayBeAnsibleIam('- name: policy\n  amazon.aws.iam_policy:\n    iam_type: role\n'));
    assert.ok(mayBeAnsibleIam('tasks:\n  - k8s:\n      definition: {}\n'));
    assert.ok(mayBeAnsibleIam('- kubernetes.core.k8s:\n    state: present\n'));
    assert.equal(mayBeAnsibleIam('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n'), false);
    assert.equal(mayBeAnsibleIam('x:\n  kubernetes.core.k8s_info:\n'), false);
    assert.equal(mayBeAnsibleIam('name: a - b iam_role: x\n'), false);
  });
});
