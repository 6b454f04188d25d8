/**
 * The findings both CDK readers (TypeScript, Python) build the same way once they have read a
 * call: a privileged AWS managed policy, a grant to any principal, an access key; and what both
 * keep of a `Role(` or a `grant…(` call between scans. The readers differ in how they read
 * arguments; what a finding says does not.
 */
import type { IssueFrom } from '../iacIssue';
import type { SourceNode } from '../sourceTree';

type CdkIssue = IssueFrom<'aws-cdk' | 'aws-policy'>;
type At = { start: number; end: number };

/** A `Role(` call trusting anyone, a whole account or a web identity, as its trust policy. */
export interface RoleSite {
  doc: SourceNode;
  base: string;
  /** Trust of anyone is named like statements (counted); account trust by the variable alone. */
  counted: boolean;
}

/** A `grant…(` call: who it grants to, and its finding when that is anyone. */
export interface GrantSite {
  grantee: string;
  anyone: boolean;
  issue: CdkIssue;
}

/** `resource` uses AWS managed policy `name`; the narrower choice in the form it was written (bare name or ARN). */
export const managedPolicyIssue = (resource: string, policy: { name: string; why: string }, at: At, bare: boolean): CdkIssue => ({
  check: 'aws-iam-privileged-managed-policy',
  start: at.start,
  end: at.end,
  resource,
  subject: `${resource}|${policy.name}`,
  message: `${resource} uses the AWS managed policy ${policy.name} (${policy.why})`,
  narrower: [bare ? 'ReadOnlyAccess' : 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
});

/** `receiver.method(grantee)` where the grantee is anyone. */
export const grantToAnyoneIssue = (receiver: string, method: string, grantee: At): CdkIssue => ({
  check: 'aws-cdk-grant-to-any-principal',
  start: grantee.start,
  end: grantee.end,
  resource: receiver,
  subject: `${receiver}|${method}`,
  message: `${receiver}.${method}(…) grants to any principal: everyone, in every AWS account, gets this access. Grant to the role or account that needs it`,
});

/** An access key created at `at` (the constructor's name). */
export const accessKeyIssue = (resource: string, at: At): CdkIssue => ({
  check: 'aws-iam-access-key-created',
  start: at.start,
  end: at.end,
  resource,
  subject: resource,
  message: `${resource} creates a long-lived IAM access key: prefer a role assumed through federation (OIDC, IAM Roles Anywhere, SSO)`,
});
