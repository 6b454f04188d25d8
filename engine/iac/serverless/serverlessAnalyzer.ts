/**
 * Serverless Framework (`serverless.yml`): the IAM the framework writes for the service's
 * functions. The shared role's statements (`provider.iam.role.statements`, v1/v2
 * `provider.iamRoleStatements`) and managed policies (`provider.iam.role.managedPolicies`, v1/v2
 * `provider.iamManagedPolicies`), and the per-function roles of the widely used
 * serverless-iam-roles-per-function plugin (`functions.NAME.iamRoleStatements`).
 */
import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import { alternatives, builtString } from '../cloudformation/intrinsics';
import type { IacContext, IssueFrom } from '../iacIssue';
import { get, itemsOf, type SourceNode } from '../sourceTree';

/** A list of statements as the policy document the policy analyser reads. */
const asPolicy = (statements: SourceNode): SourceNode => ({
  type: 'map',
  entries: [{ key: 'Statement', keyStart: statements.start, keyEnd: statements.start, value: statements }],
  start: statements.start,
  end: statements.end,
});

export function analyseServerless(
  config: SourceNode,
  path: string,
  text: string,
  ctx: IacContext,
): IssueFrom<'serverless' | 'aws-policy'>[] {
  const file = path.split(/[\\/]/).pop() ?? path;
  const policies: Array<{ doc: SourceNode; resource: string }> = [];
  const shared = get(config, 'provider', 'iam', 'role', 'statements') ?? get(config, 'provider', 'iamRoleStatements');
  if (shared?.type === 'seq') policies.push({ doc: asPolicy(shared), resource: file });
  const functions = get(config, 'functions');
  if (functions?.type === 'map')
    for (const fn of functions.entries) {
      const own = get(fn.value, 'iamRoleStatements');
      if (own?.type === 'seq') policies.push({ doc: asPolicy(own), resource: `${file} functions.${fn.key}` });
    }
  const fileActions: string[] = [];
  for (const { doc } of policies) collectActions(doc, fileActions);
  const issues: IssueFrom<'serverless' | 'aws-policy'>[] = policies.flatMap(({ doc, resource }) =>
    analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions }),
  );

  const managed = get(config, 'provider', 'iam', 'role', 'managedPolicies') ?? get(config, 'provider', 'iamManagedPolicies');
  const items = alternatives(managed, text).flatMap((list) => itemsOf(list).flatMap((item) => alternatives(item, text)));
  for (const item of items) {
    // Literal ARNs, or built with CloudFormation intrinsics (Fn::Join, !Sub with AWS::Partition).
    const arn = builtString(item, text);
    const policy = arn ? privilegedManagedPolicy(arn) : undefined;
    if (!policy) continue;
    issues.push({
      check: 'aws-iam-privileged-managed-policy',
      start: item.start,
      end: item.end,
      resource: file,
      subject: `${file}|${policy.name}`,
      message: `${file} attaches ${policy.name} (${policy.why}) to the role of every function of the service`,
      narrower: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
  }
  return issues;
}
