/**
 * A CDK role's `assumedBy` that is a federated web identity (`new iam.WebIdentityPrincipal(arn,
 * conditions)`, `OpenIdConnectPrincipal(provider, conditions)`, `FederatedPrincipal(arn,
 * conditions, 'sts:AssumeRoleWithWebIdentity')`, or any of them `.withConditions(…)`), read
 * into the IAM trust statement CDK synthesizes, so the shared policy analysis judges it as it
 * judges the same trust in Terraform or CloudFormation: a GitHub OIDC trust that checks only
 * the audience lets a pipeline of any repository assume the role. Shared by the TypeScript and
 * Python readers, which read the call's arguments their own way.
 */
import type { MapEntry, SourceNode } from '../sourceTree';

const WEB_IDENTITY_CALL = /^(?:new\s+)?(?:[\w$]+\.)*(WebIdentityPrincipal|OpenIdConnectPrincipal|FederatedPrincipal)\s*\(/;
const WITH_CONDITIONS = /\.\s*(?:withConditions|with_conditions)\s*\(/g;

/** The arguments of a call whose `(` ends at `at`: positional ones, then keyword ones by name (Python). */
export type ReadArguments = (at: number) => { positional: SourceNode[]; keywords?: MapEntry[] };

const stringAt = (value: string, at: { start: number; end: number }): SourceNode => ({
  type: 'scalar',
  value,
  start: at.start,
  end: at.end,
});

/**
 * The trust statement a web-identity `assumedBy` stands for, or undefined when it is another
 * principal. `principal` is the unknown value the literal reader kept for it (its text and place).
 */
export function webIdentityTrust(principal: { text: string; start: number }, read: ReadArguments): SourceNode | undefined {
  const call = WEB_IDENTITY_CALL.exec(principal.text);
  if (!call) return undefined;
  const args = read(principal.start + call[0].length);
  const keyword = (name: string) => args.keywords?.find((k) => k.key === name)?.value;
  const provider = args.positional[0] ?? keyword('federated') ?? keyword('open_id_connect_provider');
  if (!provider) return undefined;
  const given = [args.positional[1] ?? keyword('conditions')];
  for (const m of principal.text.matchAll(WITH_CONDITIONS)) given.push(read(principal.start + m.index! + m[0].length).positional[0]);
  // Conditions in a variable may scope the trust: only literal ones are judged.
  if (given.some((c) => c && c.type !== 'map')) return undefined;
  const conditions = given.flatMap((c) => (c?.type === 'map' ? c.entries : []));
  // FederatedPrincipal's action defaults to sts:AssumeRole; the other two are web identity.
  const actionNode = call[1] === 'FederatedPrincipal' ? (args.positional[2] ?? keyword('assume_role_action')) : undefined;
  const action = actionNode
    ? actionNode.type === 'scalar'
      ? String(actionNode.value)
      : '?'
    : call[1] === 'FederatedPrincipal'
      ? 'sts:AssumeRole'
      : 'sts:AssumeRoleWithWebIdentity';
  const federated = provider.type === 'scalar' ? provider : stringAt(provider.type === 'expr' ? provider.text : '?', provider);
  const entries: MapEntry[] = [
    { key: 'Effect', keyStart: principal.start, keyEnd: principal.start, value: stringAt('Allow', provider) },
    { key: 'Action', keyStart: principal.start, keyEnd: principal.start, value: stringAt(action, actionNode ?? provider) },
    {
      key: 'Principal',
      keyStart: provider.start,
      keyEnd: provider.end,
      value: {
        type: 'map',
        entries: [{ key: 'Federated', keyStart: provider.start, keyEnd: provider.end, value: federated }],
        start: provider.start,
        end: provider.end,
      },
    },
  ];
  if (conditions.length)
    entries.push({
      key: 'Condition',
      keyStart: conditions[0].keyStart,
      keyEnd: conditions[0].keyEnd,
      value: { type: 'map', entries: conditions, start: conditions[0].keyStart, end: conditions[conditions.length - 1].value.end },
    });
  return { type: 'map', entries, start: principal.start, end: principal.start + principal.text.length };
}
