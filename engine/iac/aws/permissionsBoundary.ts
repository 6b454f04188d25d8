/**
 * Permissions boundaries. A managed policy set as a role's or user's permissions boundary grants
 * nothing: it caps what the identity's own policies may grant, so it is usually written as
 * `Allow *` on `*` plus Denies (AWS's and the CDK bootstrap's example boundaries are). Analysed as
 * a grant, it reads as full administrator access: a false alarm on every account that follows
 * AWS's advice to use boundaries. The readers (CloudFormation, Terraform, CDK) leave such a
 * policy's document out of the policy analysis when it is a boundary and is not also attached
 * to an identity as an ordinary policy (then it does grant, and is analysed as usual).
 */

/**
 * True when a policy's name says it is a permissions boundary (`cdk-hnb659fds-permissions-boundary`,
 * `PermissionsBoundaryPolicy`, `dev_boundary`). "boundary" as a word part is enough: the word has
 * no other meaning for an IAM policy, and a policy so named but attached is analysed anyway.
 */
export function namedAsBoundary(name: string | undefined): boolean {
  return !!name && /boundary/i.test(name);
}

/** A pattern that finds `id` as a whole word in an expression or a property's source. */
export function mentionOf(id: string): RegExp {
  return new RegExp(`(?<![\\w.$-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
}

/** True when `text` refers to `id` as a whole word. */
export function mentions(text: string, id: string): boolean {
  return mentionOf(id).test(text);
}
