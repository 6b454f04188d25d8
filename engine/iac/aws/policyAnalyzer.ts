import type { ChecksOf, ChecksWithFix } from '../checkRegistry';
import type { IacSettings, IssueFrom, RelatedPlace } from '../iacIssue';
import { entryCI, itemsOf, stringsOf, stringValue, type SourceNode, type StringAt } from '../sourceTree';
import type { IamActions, IamAction } from './iamActions';
import { openCiTrust } from './ciOidcTrust';
import { CONVENTIONALLY_ANY_RESOURCE, ESCALATION_ACTIONS, isEverySecret, PASSROLE_COMPANIONS, SECRET_READ_ACTIONS } from './iamRiskData';

type PolicyIssue = IssueFrom<'aws-policy'>;
type PolicyCheck = ChecksOf<'aws-policy'>;
type Place = { start: number; end: number };

/** Where a policy document sits, for messages and fingerprints. */
export interface PolicyPlace {
  resource: string;
  settings: IacSettings;
  /** AWS actions and their access levels. */
  iam: IamActions;
  /** Every literal action written in the file, for narrowing suggestions. */ fileActions: string[];
}

const isAnyResource = (r: string) => r === '*';
/** `*`, or an ARN whose resource part is only a wildcard (`arn:aws:iam::*:role/*`). */
const isBroadResource = (r: string) => r === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(?:[\w-]+\/)?\*$/.test(r);

interface Statement {
  node: SourceNode;
  index: number;
  sid: string | undefined;
  effect: string | undefined;
  actions: StringAt[];
  notAction?: { start: number; end: number };
  resources: StringAt[];
  /**
   * What each written resource is, literal or not (`aws_s3_bucket.b.arn`, `!GetAtt Bucket.Arn`,
   * `"arn:aws:s3:::${local.bucket}"`): a statement scoped to resources named by reference is still
   * scoped, though only its literal resources can be read.
   */
  resourceTexts: string[];
  hasCondition: boolean;
  /** Condition keys, lower-cased (`sts:externalid`), where they could be read. */
  conditionKeys: string[];
  condition?: SourceNode;
  principal?: SourceNode;
}

function conditionKeysOf(condition: SourceNode | undefined): string[] {
  if (condition?.type !== 'map') return [];
  return condition.entries.flatMap((op) => (op.value.type === 'map' ? op.value.entries.map((e) => e.key.toLowerCase()) : []));
}

/** A resource as written, for messages: its value, or the text of an expression. */
function resourceText(node: SourceNode): string {
  if (node.type === 'scalar') return String(node.value);
  return node.type === 'expr' ? node.text : '?';
}

function readStatements(policy: SourceNode): Statement[] {
  const list = entryCI(policy, 'Statement')?.value;
  return itemsOf(list)
    .filter((s) => s.type === 'map')
    .map((node, index) => {
      const effectNode = entryCI(node, 'Effect');
      const notAction = entryCI(node, 'NotAction');
      const resource = entryCI(node, 'Resource')?.value;
      const notResource = entryCI(node, 'NotResource');
      const condition = entryCI(node, 'Condition')?.value;
      return {
        node,
        index,
        sid: stringValue(entryCI(node, 'Sid')?.value),
        // aws_iam_policy_document statements default to Allow; JSON policies require Effect.
        effect: effectNode ? stringValue(effectNode.value) : 'Allow',
        actions: stringsOf(entryCI(node, 'Action')?.value),
        notAction: notAction ? { start: notAction.keyStart, end: notAction.keyEnd } : undefined,
        // Allow with NotResource grants every resource but the listed ones: as broad as "*".
        resources: notResource && !resource ? [{ value: '*', start: notResource.keyStart, end: notResource.keyEnd }] : stringsOf(resource),
        resourceTexts: notResource && !resource ? ['*'] : itemsOf(resource).map(resourceText),
        hasCondition: !!condition && !(condition.type === 'map' && condition.entries.length === 0),
        conditionKeys: conditionKeysOf(condition),
        condition,
        principal: entryCI(node, 'Principal')?.value,
      };
    });
}

/** What one offending element of a statement is, before the statement's finding is chosen. */
interface Offence {
  check: PolicyCheck & ChecksWithFix<'narrow'>;
  at: StringAt;
  /** The element's own line, for the finding's message or its related location. */
  what: string;
  narrower: () => string[];
}

/** Most serious first: a statement's finding takes the check of its most serious offence. */
const SERIOUSNESS: Offence['check'][] = [
  'aws-iam-admin-wildcard',
  'aws-iam-privilege-escalation',
  'aws-iam-service-wildcard',
  'aws-iam-secret-read-any-resource',
  'aws-iam-broad-action-on-any-resource',
  'aws-iam-service-wildcard-on-resource',
];

/**
 * Analyses one IAM policy document (identity, trust or resource policy, wherever it was
 * written) and reports each offending statement once: the statement's most serious check, at
 * its first offending element, with every other offending element as a related location.
 */
export function analysePolicy(policy: SourceNode, place: PolicyPlace): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const iam = place.iam;
  const statements = readStatements(policy).filter((s) => s.effect === 'Allow');
  const issue = (check: PolicyCheck, at: Place, message: string, subject: string) => {
    issues.push({ check, start: at.start, end: at.end, message, resource: place.resource, subject: `${place.resource}|${subject}` });
  };

  // iam:PassRole grants that no condition or role ARN scopes, and the actions that run as a passed role.
  const passRoles: Array<{ statement: Statement; at: StringAt }> = [];
  const companions: Array<{ at: StringAt; action: string }> = [];
  const offencesByStatement = new Map<Statement, Offence[]>();

  for (const st of statements) {
    if (st.principal) {
      principalIssues(st, place, issue);
      continue;
    }
    if (st.notAction)
      issue(
        'aws-iam-not-action-allow',
        st.notAction,
        `Allow with NotAction in ${place.resource} grants every action except the listed ones, including services added later`,
        `notaction#${st.sid ?? st.index}`,
      );
    const anyResource = st.resources.some((r) => isAnyResource(r.value));
    const broadResource = st.resources.some((r) => isBroadResource(r.value));
    const offences: Offence[] = [];

    for (const action of st.actions) {
      const value = action.value.trim();
      const lower = value.toLowerCase();
      if (lower === '*' || lower === '*:*') {
        if (anyResource)
          offences.push({
            check: 'aws-iam-admin-wildcard',
            at: action,
            what: `Action "${value}" on every resource in ${place.resource} is full administrator access`,
            narrower: () => fileCandidates(place.fileActions),
          });
        continue;
      }
      const colon = lower.indexOf(':');
      if (colon <= 0) continue;
      const service = lower.slice(0, colon);
      const expanded = iam.available ? iam.expand(lower) : [];
      const named = /[*?]/.test(lower) ? expanded.map((a) => `${service}:${a.name.toLowerCase()}`) : [lower];
      for (const n of named) if (PASSROLE_COMPANIONS[n]) companions.push({ at: action, action: n });
      if (st.hasCondition) continue;
      const narrower = () => serviceCandidates(service, place.fileActions, iam);
      // Every role (`*`, `arn:aws:iam::123456789012:role/*`) is as good as any role to escalate with.
      if (named.includes('iam:passrole') && broadResource) passRoles.push({ statement: st, at: action });

      const escalation = named.filter((n) => ESCALATION_ACTIONS[n] && n !== 'iam:passrole' && broadResource);
      if (escalation.length) {
        const first = escalation[0];
        const more =
          escalation.length > 1 ? ` (and ${escalation.length - 1} more escalation action${escalation.length > 2 ? 's' : ''})` : '';
        offences.push({
          check: 'aws-iam-privilege-escalation',
          at: action,
          what: `${value} in ${place.resource} is a privilege-escalation path: it ${ESCALATION_ACTIONS[first]}${more}`,
          narrower,
        });
        continue;
      }
      if (lower.slice(colon + 1) === '*' && anyResource) {
        offences.push({
          check: 'aws-iam-service-wildcard',
          at: action,
          what: `${value} on every resource in ${place.resource} grants all ${service} actions, including future ones`,
          narrower,
        });
        continue;
      }
      // Reading every secret (or parameter) of the account: each one meant for another workload too.
      const secretRead = named.find((n) => SECRET_READ_ACTIONS[n]);
      const everySecret = secretRead && st.resources.find((r) => isEverySecret(r.value));
      if (secretRead && everySecret) {
        const what = SECRET_READ_ACTIONS[secretRead];
        offences.push({
          check: 'aws-iam-secret-read-any-resource',
          at: action,
          what: `${value} on ${everySecret.value === '*' ? 'every resource' : everySecret.value} in ${place.resource} reads every ${what} of the account, those of other workloads included: scope Resource to the ${what} ARNs it needs`,
          narrower: () => [],
        });
        continue;
      }
      // `service:*` scoped to named resources: bounded to them, but every action on them (a
      // bucket's policy and deletion with s3:*), so reported at a lower severity.
      // The resources may be references (`!GetAtt Bucket.Arn`, `aws_s3_bucket.b.arn`): still every action on them.
      if (lower.slice(colon + 1) === '*' && st.resourceTexts.length) {
        const on = st.resourceTexts.length === 1 ? st.resourceTexts[0] : `its ${st.resourceTexts.length} resources`;
        offences.push({
          check: 'aws-iam-service-wildcard-on-resource',
          at: action,
          what: `${value} in ${place.resource} grants every ${service} action on ${on}, including deleting them and changing their policies: list the actions needed`,
          narrower,
        });
        continue;
      }
      if (anyResource && iam.available && !named.includes('iam:passrole')) {
        const broad = broadActions(expanded, place.settings);
        if (broad.length) {
          const levels = [...new Set(broad.map((a) => a.level))].join(' and ');
          const what = broad.length === 1 ? `${service}:${broad[0].name}` : `${value} (${broad.length} ${levels} actions)`;
          offences.push({
            check: 'aws-iam-broad-action-on-any-resource',
            at: action,
            what: `${what} is granted on every resource in ${place.resource}: scope Resource to the ARNs it needs`,
            narrower,
          });
        }
      }
    }
    offencesByStatement.set(st, offences);
  }

  // One finding per unscoped PassRole grant: alone it hands any role to a service; with an action
  // that runs code as the passed role (anywhere in the policy) it is a full escalation path.
  for (const { statement, at } of passRoles) {
    const offences = offencesByStatement.get(statement)!;
    const runs = companions.filter((c) => c.at !== at);
    const first = runs[0];
    const grant: Offence = {
      check: 'aws-iam-privilege-escalation',
      at,
      what: first
        ? `iam:PassRole on every role with ${first.action} in ${place.resource} lets this identity ${PASSROLE_COMPANIONS[first.action]} that runs as a more privileged role`
        : `${at.value} in ${place.resource} is a privilege-escalation path: it ${ESCALATION_ACTIONS['iam:passrole']}; scope it to the role ARNs or with iam:PassedToService`,
      narrower: () => [],
    };
    offences.push(grant, ...runs.map((c) => ({ ...grant, at: c.at, what: `${c.action} runs code as the passed role` })));
  }

  for (const offences of offencesByStatement.values()) {
    if (!offences.length) continue;
    const check = SERIOUSNESS.find((c) => offences.some((o) => o.check === c))!;
    const main = offences.find((o) => o.check === check)!;
    const related: RelatedPlace[] = offences
      .filter((o) => o !== main && o.at !== main.at)
      .filter((o, i, all) => all.findIndex((x) => x.at.start === o.at.start) === i)
      .map((o) => ({ start: o.at.start, end: o.at.end, message: o.what }));
    const others = related.length
      ? ` (${related.length} more element${related.length > 1 ? 's' : ''} of this statement: see related locations)`
      : '';
    const narrower = main.narrower();
    issues.push({
      check,
      start: main.at.start,
      end: main.at.end,
      message: `${main.what}${others}`,
      resource: place.resource,
      subject: `${place.resource}|${check === 'aws-iam-admin-wildcard' ? 'action:*' : `action:${main.at.value.trim().toLowerCase()}`}`,
      ...(narrower.length ? { narrower } : {}),
      ...(related.length ? { related } : {}),
    });
  }
  return dedupe(issues);
}

/** Actions whose level counts as broad, leaving out those AWS only allows on `*` anyway. */
function broadActions(actions: IamAction[], settings: IacSettings): IamAction[] {
  return actions.filter(
    (a) =>
      !a.anyResourceOnly &&
      !CONVENTIONALLY_ANY_RESOURCE.has(`${a.service}:${a.name.toLowerCase()}`) &&
      (settings.broadAccessLevels as string[]).includes(a.level),
  );
}

const ASSUME_ACTION = /^(?:sts:assumerole(?:withwebidentity|withsaml)?|sts:\*|\*)$/i;
/** Condition keys that make cross-account trust safe to grant: an external id, MFA, or an org/principal scope. */
const TRUST_SCOPING_KEYS =
  /^(?:sts:externalid|aws:multifactorauthpresent|aws:multifactorauthage|aws:principalorgid|aws:principalorgpaths|aws:principalarn|aws:principalaccount|aws:sourceidentity|aws:principaltag\/.*|sts:rolesessionname)$/;

/** Literal wildcard principals of a statement: `"*"`, `{AWS: "*"}`, `arn:aws:iam::*:root`. */
function wildcardPrincipals(principal: SourceNode): StringAt[] {
  const wildcards: StringAt[] = [];
  if (principal.type === 'scalar' && principal.value === '*') wildcards.push({ value: '*', start: principal.start, end: principal.end });
  for (const key of ['AWS', '*']) {
    for (const p of stringsOf(entryCI(principal, key)?.value)) {
      if (p.value === '*' || /^arn:[^:]+:iam::\*:root$/.test(p.value)) wildcards.push(p);
    }
  }
  return wildcards;
}

/**
 * Whole-account principals: literals (`123456789012`, `arn:aws:iam::123456789012:root`), or an
 * account given as a template parameter (`${PartnerAccount}`, as CloudFormation's `!Ref`/`!Sub`
 * are read); the template's own account (`${AWS::AccountId}`) is not another account.
 */
function accountPrincipals(principal: SourceNode): Array<StringAt & { account: string }> {
  return stringsOf(entryCI(principal, 'AWS')?.value).flatMap((p) => {
    const m = /^(?:(\d{12}|\$\{\w+\})|arn:[^:]+:iam::(\d{12}|\$\{\w+\}):root)$/.exec(p.value.trim());
    return m ? [{ ...p, account: m[1] ?? m[2] }] : [];
  });
}

/** Trust policies (who may assume a role) and resource policies (who may use a bucket, queue, key). */
function principalIssues(
  st: Statement,
  place: PolicyPlace,
  issue: (check: PolicyCheck, at: Place, message: string, subject: string) => void,
): void {
  const principal = st.principal!;
  const trust = st.actions.some((a) => ASSUME_ACTION.test(a.value.trim()));
  if (trust) {
    if (st.hasCondition && (!st.conditionKeys.length || st.conditionKeys.some((k) => TRUST_SCOPING_KEYS.test(k)))) return;
    const wildcards = wildcardPrincipals(principal);
    if (wildcards.length && !st.hasCondition) {
      const w = wildcards[0];
      issue(
        'aws-iam-trust-any-principal',
        w,
        `Any AWS principal can assume ${place.resource}: the trust policy names "${w.value}" with no condition`,
        `trust:${w.value}`,
      );
      return;
    }
    // A web-identity provider (Cognito, GitHub OIDC, Google) with no condition trusts every user of it, anywhere.
    const federated = stringsOf(entryCI(principal, 'Federated')?.value);
    const webIdentity = st.actions.some((a) => /^sts:assumerolewithwebidentity$/i.test(a.value.trim()));
    const openCi = webIdentity && st.hasCondition ? openCiTrust(principal, st.condition) : undefined;
    if (openCi) {
      issue(
        'aws-iam-trust-any-principal',
        openCi.at,
        `${openCi.who ?? `A pipeline of any repository on ${openCi.issuer}`} can assume ${place.resource}: ${openCi.why}`,
        `trust-ci-any-repository:${openCi.issuer}`,
      );
      return;
    }
    if (federated.length && !st.hasCondition && webIdentity) {
      issue(
        'aws-iam-trust-any-principal',
        federated[0],
        `Every user of ${federated[0].value} can assume ${place.resource}: the trust policy has no condition on the audience or subject (aud, sub, amr)`,
        `trust-federated:${federated[0].value}`,
      );
      return;
    }
    const accounts = accountPrincipals(principal);
    if (accounts.length) {
      const a = accounts[0];
      issue(
        'aws-iam-cross-account-trust',
        a,
        `Every identity of account ${a.account} can assume ${place.resource}: add an sts:ExternalId (third parties) or aws:MultiFactorAuthPresent condition, or name the role that needs it`,
        `trust-account:${a.account}`,
      );
    }
    return;
  }
  if (st.hasCondition) return;
  const wildcards = wildcardPrincipals(principal);
  if (!wildcards.length) return;
  const actions = st.actions.map((a) => a.value).join(', ') || 'every action but the listed ones';
  issue(
    'aws-resource-policy-any-principal',
    wildcards[0],
    `${place.resource} lets anyone (Principal "${wildcards[0].value}", no condition) ${actions}: name the accounts or services, or add a condition (aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce)`,
    `public:${st.sid ?? actions}`,
  );
}

const candidateCache = new WeakMap<string[], string[]>();

/** Literal actions written elsewhere in the file: what this policy most likely needs. */
function fileCandidates(fileActions: string[]): string[] {
  let literal = candidateCache.get(fileActions);
  if (!literal) {
    literal = [...new Set(fileActions.filter((a) => !a.includes('*') && !a.includes('?')))];
    candidateCache.set(fileActions, literal);
  }
  return literal.length > 20 ? literal.slice(0, 20) : literal;
}

/** Same-service literal actions in the file, else the service's read-only patterns that exist. */
function serviceCandidates(service: string, fileActions: string[], iam: IamActions): string[] {
  const prefix = `${service}:`;
  const used = (candidateCache.get(fileActions) ?? fileCandidates(fileActions))
    .filter((a) => a.length > prefix.length && a.slice(0, prefix.length).toLowerCase() === prefix)
    .slice(0, 20);
  if (used.length) return used;
  const actions = iam.serviceActions(service);
  const readOnly = ['Get', 'List', 'Describe'].filter((verb) =>
    actions.some((a) => a.name.startsWith(verb) && (a.level === 'Read' || a.level === 'List')),
  );
  return readOnly.map((verb) => `${service}:${verb}*`);
}

function dedupe(issues: PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.check}@${i.start}`;
    return !seen.has(k) && !!seen.add(k);
  });
}

/** Every literal `service:action` string of a policy tree, for narrowing suggestions. */
export function collectActions(policy: SourceNode, out: string[] = []): string[] {
  for (const st of itemsOf(entryCI(policy, 'Statement')?.value)) {
    for (const a of stringsOf(entryCI(st, 'Action')?.value)) if (a.value.includes(':')) out.push(a.value);
  }
  return out;
}
