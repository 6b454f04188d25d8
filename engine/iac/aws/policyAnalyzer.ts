import type { ChecksOf, ChecksWithFix } from '../checkRegistry';
import type { IacSettings, IssueFrom } from '../iacIssue';
import { entryCI, itemsOf, stringsOf, stringValue, type SourceNode, type StringAt } from '../sourceTree';
import type { IamActions, IamAction } from './iamActions';
import { CONVENTIONALLY_ANY_RESOURCE, ESCALATION_ACTIONS, PASSROLE_COMPANIONS } from './iamRiskData';

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
  effect: string | undefined;
  actions: StringAt[];
  notAction?: { start: number; end: number };
  resources: StringAt[];
  hasCondition: boolean;
  principal?: SourceNode;
}

function readStatements(policy: SourceNode): Statement[] {
  const list = entryCI(policy, 'Statement')?.value;
  return itemsOf(list)
    .filter((s) => s.type === 'map')
    .map((node, index) => {
      const effectNode = entryCI(node, 'Effect');
      const notAction = entryCI(node, 'NotAction');
      const resource = entryCI(node, 'Resource')?.value;
      const condition = entryCI(node, 'Condition')?.value;
      return {
        node,
        index,
        // aws_iam_policy_document statements default to Allow; JSON policies require Effect.
        effect: effectNode ? stringValue(effectNode.value) : 'Allow',
        actions: stringsOf(entryCI(node, 'Action')?.value),
        notAction: notAction ? { start: notAction.keyStart, end: notAction.keyEnd } : undefined,
        resources: stringsOf(resource),
        hasCondition: !!condition && !(condition.type === 'map' && condition.entries.length === 0),
        principal: entryCI(node, 'Principal')?.value,
      };
    });
}

/**
 * Analyses one IAM policy document (identity or trust policy, wherever it was written) and
 * reports each offending element once, with the most serious check that applies to it.
 */
export function analysePolicy(policy: SourceNode, place: PolicyPlace): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const iam = place.iam;
  const statements = readStatements(policy).filter((s) => s.effect === 'Allow');
  const issue = (check: PolicyCheck, at: Place, message: string, subject: string) => {
    issues.push({ check, start: at.start, end: at.end, message, resource: place.resource, subject: `${place.resource}|${subject}` });
  };
  // Only the checks that declare a narrowing fix take candidates.
  const narrowable = (check: PolicyCheck & ChecksWithFix<'narrow'>, at: Place, message: string, subject: string, narrower: string[]) => {
    issues.push({
      check,
      start: at.start,
      end: at.end,
      message,
      resource: place.resource,
      subject: `${place.resource}|${subject}`,
      ...(narrower.length ? { narrower } : {}),
    });
  };

  let passRole: StringAt | undefined;
  const companions: Array<{ at: StringAt; action: string }> = [];

  for (const st of statements) {
    if (st.principal) {
      trustIssues(st, place, issue);
      continue;
    }
    if (st.notAction)
      issue(
        'aws-iam-not-action-allow',
        st.notAction,
        `Allow with NotAction in ${place.resource} grants every action except the listed ones, including services added later`,
        `notaction#${st.index}`,
      );
    const anyResource = st.resources.some((r) => isAnyResource(r.value));
    const broadResource = st.resources.some((r) => isBroadResource(r.value));

    for (const action of st.actions) {
      const value = action.value.trim();
      const lower = value.toLowerCase();
      if (lower === '*' || lower === '*:*') {
        if (anyResource) {
          narrowable(
            'aws-iam-admin-wildcard',
            action,
            `Action "*" on every resource in ${place.resource} is full administrator access`,
            'action:*',
            fileCandidates(place.fileActions),
          );
        }
        continue;
      }
      const colon = lower.indexOf(':');
      if (colon <= 0) continue;
      const service = lower.slice(0, colon);
      const expanded = iam.available ? iam.expand(lower) : [];
      const named = /[*?]/.test(lower) ? expanded.map((a) => `${service}:${a.name.toLowerCase()}`) : [lower];
      if (named.includes('iam:passrole')) passRole ??= action;
      for (const n of named) if (PASSROLE_COMPANIONS[n]) companions.push({ at: action, action: n });
      if (st.hasCondition) continue;

      const escalation = named.filter(
        (n) => ESCALATION_ACTIONS[n] && (n === 'iam:passrole' || n === 'sts:assumerole' ? anyResource : broadResource),
      );
      if (escalation.length) {
        const first = escalation[0];
        const more =
          escalation.length > 1 ? ` (and ${escalation.length - 1} more escalation action${escalation.length > 2 ? 's' : ''})` : '';
        narrowable(
          'aws-iam-privilege-escalation',
          action,
          `${value} in ${place.resource} is a privilege-escalation path: it ${ESCALATION_ACTIONS[first]}${more}`,
          `action:${lower}`,
          serviceCandidates(service, place.fileActions, iam),
        );
        continue;
      }
      if (lower.slice(colon + 1) === '*' && anyResource) {
        narrowable(
          'aws-iam-service-wildcard',
          action,
          `${value} on every resource in ${place.resource} grants all ${service} actions, including future ones`,
          `action:${lower}`,
          serviceCandidates(service, place.fileActions, iam),
        );
        continue;
      }
      if (anyResource && iam.available) {
        const broad = broadActions(expanded, place.settings);
        if (broad.length) {
          const levels = [...new Set(broad.map((a) => a.level))].join(' and ');
          const what = broad.length === 1 ? `${service}:${broad[0].name}` : `${value} (${broad.length} ${levels} actions)`;
          narrowable(
            'aws-iam-broad-action-on-any-resource',
            action,
            `${what} is granted on every resource in ${place.resource}: scope Resource to the ARNs it needs`,
            `action:${lower}`,
            serviceCandidates(service, place.fileActions, iam),
          );
        }
      }
    }
  }

  if (passRole) {
    for (const c of companions) {
      issue(
        'aws-iam-privilege-escalation',
        c.at,
        `iam:PassRole with ${c.action} in ${place.resource} lets this identity ${PASSROLE_COMPANIONS[c.action]} that runs as a more privileged role`,
        `passrole+${c.action}`,
      );
    }
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

function trustIssues(
  st: Statement,
  place: PolicyPlace,
  issue: (check: PolicyCheck, at: Place, message: string, subject: string) => void,
): void {
  if (!st.actions.some((a) => /^sts:assumerole/i.test(a.value) || a.value === '*' || /^sts:\*$/i.test(a.value))) return;
  if (st.hasCondition) return;
  const principal = st.principal!;
  const wildcards: StringAt[] = [];
  if (principal.type === 'scalar' && principal.value === '*') wildcards.push({ value: '*', start: principal.start, end: principal.end });
  for (const key of ['AWS', '*']) {
    for (const p of stringsOf(entryCI(principal, key)?.value)) {
      if (p.value === '*' || /^arn:[^:]+:iam::\*:root$/.test(p.value)) wildcards.push(p);
    }
  }
  for (const w of wildcards) {
    issue(
      'aws-iam-trust-any-principal',
      w,
      `Any AWS principal can assume ${place.resource}: the trust policy names "${w.value}" with no condition`,
      `trust:${w.value}`,
    );
  }
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
