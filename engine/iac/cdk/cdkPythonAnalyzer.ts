/**
 * AWS CDK in Python: the same reading as the TypeScript one (cdkAnalyzer.ts), with Python's
 * spelling (`iam.PolicyStatement(actions=["*"], resources=["*"])`, snake_case methods and
 * keywords, no `new`). Keyword arguments are renamed to the camelCase props the TypeScript
 * reader produces, so statements go through the same conversion and the shared AWS policy
 * analysis: an `actions=["*"]` on `resources=["*"]` is `aws-iam-admin-wildcard` here as in
 * Terraform. Only literals are read: `actions=my_actions` is unknown, and so never reported.
 */
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import type { IacContext, IssueFrom } from '../iacIssue';
import type { MapEntry, SourceNode } from '../sourceTree';
import { awsPrincipalTrust, isTrust, withMovedBuilderCalls, mapOf, policyOf, scalar, toIamStatement } from './cdkAnalyzer';
import { readPyCallArguments, readPyLiteral, skipPyTrivia, type PyCallArguments } from './pyLiteralReader';
import { commentedOut } from '../commentedOut';
import { accessKeyIssue, grantToAnyoneIssue, managedPolicyIssue, type GrantSite, type RoleSite } from './cdkIssues';
import { movedBy, SiteLookup } from '../keptSites';
import { keptPolicyIssues, type PolicyDocumentOf } from '../keptPolicyIssues';
import { keywordMatches } from '../keywordMatches';
import { webIdentityTrust } from './cdkWebIdentityTrust';
import type { TextTests } from '../../text/keptSearches';

type CdkIssue = IssueFrom<'aws-cdk' | 'aws-policy'>;

/** Only files that import the CDK (`aws_cdk`, v1 and v2) are read: one substring search per file. */
export function importsAwsCdkPython(text: Pick<TextTests, 'includes'>): boolean {
  return text.includes('aws_cdk');
}

/** `foo_bar` → `fooBar`: Python keywords as the TypeScript props the statement conversion reads. */
export const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const DOTTED = String.raw`(?<![\w.])(?:[A-Za-z_]\w*\.)*`;
const ANY_PRINCIPAL = new RegExp(
  String.raw`^(?:[A-Za-z_]\w*\.)*(?:AnyPrincipal|StarPrincipal)\s*\(\s*\)$|^(?:[A-Za-z_]\w*\.)*ArnPrincipal\s*\(\s*(['"])\*\1\s*\)$`,
);
const isAnyone = (expr: string) => ANY_PRINCIPAL.test(expr.trim());

/** `iam.AccountPrincipal("123456789012")` (or an ArnPrincipal of an account root) with no `.with_conditions(…)`. */
function accountPrincipalOf(expr: string): string | undefined {
  const m = /^(?:[A-Za-z_]\w*\.)*(AccountPrincipal|ArnPrincipal)\s*\(\s*(['"])([^'"]*)\2\s*\)$/.exec(expr.trim());
  if (!m) return undefined;
  if (m[1] === 'AccountPrincipal') return /^\d{12}$/.test(m[3]) ? `arn:aws:iam::${m[3]}:root` : undefined;
  return /^arn:[^:]+:iam::\d{12}:root$/.test(m[3]) ? m[3] : undefined;
}

/** Every match of STATEMENT holds one of these (keywordMatches.ts). */
const STATEMENT_KEYWORDS = ['PolicyStatement', 'Grant.add_to_principal'];
const STATEMENT = new RegExp(
  String.raw`${DOTTED}PolicyStatement\s*\(|\bPolicyStatement\.from_json\s*\(|\bGrant\.add_to_principal(?:_or_resource|_and_resource)?\s*\(`,
  'g',
);
const MANAGED = /\bManagedPolicy\.from_(aws_managed_policy_name|managed_policy_arn)\s*\(/g;
const GRANT = /\.(grant\w*)\s*\(/g;
const ROLE = new RegExp(String.raw`${DOTTED}Role\s*\(`, 'g');
const ACCESS_KEY = new RegExp(String.raw`${DOTTED}(?:CfnAccessKey|AccessKey)\s*\(`, 'g');
const USER = new RegExp(String.raw`${DOTTED}User\s*\(`, 'g');
const TAG = /\bTags\s*\.\s*of\s*\(\s*([\w.]+)\s*\)\s*\.\s*add\s*\(\s*(?:key\s*=\s*)?(['"])([^'"]+)\2/g;
/** Scopes that tag the whole stack or app, so every construct of this file. */
const WHOLE_STACK = /^(?:self|scope|app|stack|[\w.]+\.node\.root)$/;

const keyword = (args: PyCallArguments, name: string) => args.keywords.find((k) => k.key === name)?.value;

/** Where the comment test of a match at `at` starts reading: the newline before its line (-1 on the first line). */
const lineStartOf = (text: string, at: number) => text.lastIndexOf('\n', at - 1);

/** A `PolicyStatement(` call as read: its statement (builder calls aside) and what names it. */
interface StatementSite {
  /** The variable it is assigned to, whose builder calls (`st.add_actions(…)`) add to it. */
  variable?: string;
  fromJson: boolean;
  hasKeywords: boolean;
  statement: SourceNode;
  /** The statement as a policy (when no builder call adds to it). */
  doc: SourceNode;
  base: string;
}

interface UserSite {
  variable?: string;
  issue: IssueFrom<'aws-cdk'>;
}

interface BuilderSite {
  receiver: string;
  call: MapEntry;
}

/**
 * With `sites` (kept between scans of an open file, engine/iac/keptSites.ts), each call is read
 * again only when the text it was read from changed; what calls share (names counted across the
 * file, builder calls, tagged scopes, the file's actions) is put together on every scan.
 */
export function analyseCdkPython(text: string, path: string, ctx: IacContext, sites = new SiteLookup(text)): CdkIssue[] {
  const issues: CdkIssue[] = [];
  const documents: PolicyDocumentOf[] = [];
  const counts = new Map<string, number>();
  const named = (base: string) => {
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };
  const callAt = (m: RegExpMatchArray) => readPyCallArguments(text, m.index! + m[0].length);
  /** The text a call's reading depended on: its line up to it (comment test), `back` characters before it, its arguments. */
  const windowOf = (at: number, back: number, end: number) => ({ from: Math.min(lineStartOf(text, at), at - back), to: end });
  const skip = (m: RegExpMatchArray) => ({ value: undefined, ...windowOf(m.index!, 0, m.index! + m[0].length) });

  let builders: Map<string, Array<{ call: MapEntry; delta: number }>> | undefined;
  for (const m of keywordMatches(text, STATEMENT, STATEMENT_KEYWORDS)) {
    const { site, delta } = sites.site<StatementSite | undefined>('statement', m.index!, () => {
      if (commentedOut(text, m.index!, true)) return skip(m);
      const args = callAt(m);
      const end = args.end + 1;
      if (args.spread) return { value: undefined, ...windowOf(m.index!, 0, end) };
      const fromJson = m[0].includes('from_json');
      // `st = iam.PolicyStatement()` then `st.add_actions("*")`, `st.add_all_resources()`.
      const variable = fromJson ? undefined : assignedVariable(text, m.index!);
      let statement: SourceNode;
      if (fromJson) {
        if (args.positional[0]?.type !== 'map') return { value: undefined, ...windowOf(m.index!, 0, end) };
        statement = args.positional[0];
      } else {
        const entries = args.keywords.map((k) => ({ ...k, key: camelCase(k.key) }));
        statement = toIamStatement({ type: 'map', entries, start: m.index!, end: args.end }, text, isAnyone);
      }
      const name = resourceNameAt(text, m.index!, path);
      const value = { variable, fromJson, hasKeywords: args.keywords.length > 0, statement, doc: policyOf([statement]), base: name.name };
      return { value, ...windowOf(m.index!, m.index! - name.from, end) };
    });
    const v = site.value;
    if (!v) continue;
    const built = v.variable ? (builders ??= builderCalls(text, sites)).get(v.variable) : undefined;
    if (!v.fromJson && !v.hasKeywords && !built) continue;
    if (!built) {
      documents.push({ doc: v.doc, resource: named(v.base), keep: true, delta });
      continue;
    }
    documents.push({ doc: policyOf([withMovedBuilderCalls(v.statement, delta, built)]), resource: named(v.base) });
  }
  for (const m of keywordMatches(text, ROLE, ['Role'])) {
    const { site, delta } = sites.site<RoleSite | undefined>('role', m.index!, () => {
      if (commentedOut(text, m.index!, true)) return skip(m);
      const args = callAt(m);
      const end = args.end + 1;
      const assumedBy = keyword(args, 'assumed_by');
      if (assumedBy?.type !== 'expr') return { value: undefined, ...windowOf(m.index!, 0, end) };
      const principal = isAnyone(assumedBy.text) ? '*' : accountPrincipalOf(assumedBy.text);
      const federated = principal ? undefined : webIdentityTrust(assumedBy, (at) => readPyCallArguments(text, at));
      if (!principal && !federated) return { value: undefined, ...windowOf(m.index!, 0, end) };
      const trust = federated ?? awsPrincipalTrust(principal!, assumedBy);
      const name = resourceNameAt(text, m.index!, path);
      // Account and web-identity trust are named by the role's variable alone: the subject carries the account or issuer.
      return {
        value: { doc: policyOf([trust]), base: name.name, counted: principal === '*' },
        ...windowOf(m.index!, m.index! - name.from, end),
      };
    });
    const v = site.value;
    if (v) documents.push({ doc: v.doc, resource: v.counted ? named(v.base) : v.base, keep: true, delta });
  }
  for (const m of text.matchAll(MANAGED)) {
    const { site, delta } = sites.site<CdkIssue | undefined>('managed', m.index!, () => {
      if (commentedOut(text, m.index!, true)) return skip(m);
      const args = callAt(m);
      const end = args.end + 1;
      const bare = m[1] === 'aws_managed_policy_name';
      const nameNode = bare
        ? (args.positional[0] ?? keyword(args, 'managed_policy_name'))
        : (args.positional[2] ?? keyword(args, 'managed_policy_arn'));
      const privileged = nameNode?.type === 'scalar' && typeof nameNode.value === 'string' && privilegedManagedPolicy(nameNode.value, bare);
      if (!privileged) return { value: undefined, ...windowOf(m.index!, 0, end) };
      const name = resourceNameAt(text, m.index!, path);
      return { value: managedPolicyIssue(name.name, privileged, nameNode, bare), ...windowOf(m.index!, m.index! - name.from, end) };
    });
    if (site.value) issues.push(movedBy(site.value, delta));
  }
  let anyoneVariables: Set<string> | undefined;
  for (const m of text.matchAll(GRANT)) {
    const { site, delta } = sites.site<GrantSite | undefined>('grant', m.index!, () => {
      if (commentedOut(text, m.index!, true)) return skip(m);
      const args = callAt(m);
      const window = windowOf(m.index!, 80, args.end + 1);
      const grantee = args.positional[0] ?? keyword(args, 'grantee');
      if (grantee?.type !== 'expr') return { value: undefined, ...window };
      const receiver = /([\w]+)\s*$/.exec(text.slice(Math.max(0, m.index! - 80), m.index!))?.[1] ?? 'resource';
      return {
        value: { grantee: grantee.text, anyone: isAnyone(grantee.text), issue: grantToAnyoneIssue(receiver, m[1], grantee) },
        ...window,
      };
    });
    const v = site.value;
    if (!v || (!v.anyone && !(anyoneVariables ??= anyPrincipalVariables(text, sites)).has(v.grantee))) continue;
    issues.push(movedBy(v.issue, delta));
  }
  for (const m of keywordMatches(text, ACCESS_KEY, ['AccessKey'])) {
    const { site, delta } = sites.site<CdkIssue | undefined>('accessKey', m.index!, () => {
      if (commentedOut(text, m.index!, true)) return skip(m);
      const args = callAt(m);
      const id = args.positional[1];
      const at = { start: m.index!, end: m.index! + m[0].replace(/\s*\($/, '').length };
      if (id?.type === 'scalar' && typeof id.value === 'string')
        return { value: accessKeyIssue(id.value, at), ...windowOf(m.index!, 0, args.end + 1) };
      const name = resourceNameAt(text, m.index!, path);
      return { value: accessKeyIssue(name.name, at), ...windowOf(m.index!, m.index! - name.from, args.end + 1) };
    });
    if (site.value) issues.push(movedBy(site.value, delta));
  }
  issues.push(...userOwnerIssues(text, ctx.settings.ownerTags, sites));

  // Narrowing candidates come from permission statements, not from trust (sts:AssumeRole).
  issues.push(...keptPolicyIssues(documents, ctx, isTrust));
  return issues;
}

const BUILDER_KEYS: Record<string, string> = {
  add_actions: 'Action',
  add_not_actions: 'NotAction',
  add_resources: 'Resource',
  add_not_resources: 'NotResource',
  add_all_resources: 'Resource',
  add_any_principal: 'Principal',
};

/** The variable (`st`, `self.st`) the call at `at` is assigned to, if any. */
function assignedVariable(text: string, at: number): string | undefined {
  return /(?:^|\n)[ \t]*((?:self\.)?[A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*$/.exec(text.slice(Math.max(0, at - 200), at))?.[1];
}

const BUILDER =
  /(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s*\.\s*(add_actions|add_not_actions|add_resources|add_not_resources|add_all_resources|add_any_principal)\s*\(/g;

/** Every `st.add_actions(…)`-style builder call of the file, by receiver (each with how far it moved since read), read in one pass. */
function builderCalls(text: string, sites: SiteLookup): Map<string, Array<{ call: MapEntry; delta: number }>> {
  const calls = new Map<string, Array<{ call: MapEntry; delta: number }>>();
  // The receiver and the method may have blanks around their dot.
  for (const m of keywordMatches(text, BUILDER, ['add_'], /[\w.\s]/)) {
    const { site, delta } = sites.site<BuilderSite | undefined>('builder', m.index!, () => {
      const from = lineStartOf(text, m.index!);
      if (commentedOut(text, m.index!, true)) return { value: undefined, from, to: m.index! + m[0].length };
      const method = m[2];
      const nameStart = m.index! + m[0].indexOf(method, m[1].length);
      const at = { start: nameStart, end: nameStart + method.length };
      const key = BUILDER_KEYS[method];
      let value: SourceNode;
      let to = m.index! + m[0].length;
      if (method === 'add_all_resources') value = scalar('*', at);
      else if (method === 'add_any_principal') value = mapOf([['AWS', scalar('*', at)]]);
      else {
        const args = readPyCallArguments(text, m.index! + m[0].length, 64);
        to = args.end + 1;
        // `add_actions(*actions)`: unknown, so nothing is added.
        if (args.spread) return { value: undefined, from, to };
        const items = args.positional;
        value = { type: 'seq', items, start: items[0]?.start ?? at.start, end: items[items.length - 1]?.end ?? at.end };
      }
      return { value: { receiver: m[1], call: { key, keyStart: at.start, keyEnd: at.end, value } }, from, to };
    });
    if (!site.value) continue;
    const list = calls.get(site.value.receiver) ?? [];
    list.push({ call: site.value.call, delta });
    calls.set(site.value.receiver, list);
  }
  return calls;
}

/** Variables assigned any principal (`anyone = iam.AnyPrincipal()`), read once per file. */
function anyPrincipalVariables(text: string, sites: SiteLookup): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)[ \t]*((?:self\.)?[A-Za-z_]\w*)\s*(?::[^=\n]+)?=(?!=)[ \t]*/g)) {
    const { site } = sites.site<boolean>('assignment', m.index!, () => {
      const from = lineStartOf(text, m.index!);
      if (commentedOut(text, m.index!, true)) return { value: false, from, to: m.index! + m[0].length };
      const read = readPyLiteral(text, m.index! + m[0].length);
      // After a literal the reader looks at the next significant character.
      return { value: read.node.type === 'expr' && isAnyone(read.node.text), from, to: skipPyTrivia(text, read.end) + 1 };
    });
    if (site.value) names.add(m[1]);
  }
  return names;
}

/**
 * IAM users with no owner, as for TypeScript (cdkOwnership.ts): `Tags.of(user).add("owner", …)`
 * on the user's variable, or on the stack (`self`) or the app, in this file. A `User(` call is an
 * IAM user when its first arguments are a construct scope and a string id. Roles are checked
 * only when named (`role_name=`): a role given a name is an identity someone made on purpose
 * (for a partner, a job, a person to assume), where the roles CDK constructs create for
 * themselves have none.
 */
function userOwnerIssues(text: string, ownerKeys: string[], sites: SiteLookup): IssueFrom<'aws-cdk'>[] {
  if (!text.includes('aws_iam')) return [];
  const identities = [
    ...[...keywordMatches(text, USER, ['User'])].map((m) => ({ m, kind: 'user' as const })),
    // Only a role call with a `role_name=` keyword can be a named role: one substring search first.
    ...(text.includes('role_name') ? [...keywordMatches(text, ROLE, ['Role'])].map((m) => ({ m, kind: 'role' as const })) : []),
  ];
  if (!identities.length) return [];
  const keys = new Set(ownerKeys.map((k) => k.toLowerCase()));
  const ownedScopes = new Set([...text.matchAll(TAG)].filter((t) => keys.has(t[3].toLowerCase())).map((t) => t[1]));
  if ([...ownedScopes].some((scope) => WHOLE_STACK.test(scope))) return [];
  const issues: IssueFrom<'aws-cdk'>[] = [];
  for (const { m: match, kind } of identities) {
    const at = match.index!;
    const { site, delta } = sites.site<UserSite | undefined>(kind === 'user' ? 'user' : 'namedRole', at, () => {
      const from = Math.min(lineStartOf(text, at), at - 200);
      if (commentedOut(text, at, true)) return { value: undefined, from, to: at + match[0].length };
      const args = readPyCallArguments(text, at + match[0].length);
      const to = args.end + 1;
      const [scope, idNode] = args.positional;
      if (scope?.type !== 'expr' || !/^[A-Za-z_][\w.]*$/.test(scope.text) || idNode?.type !== 'scalar' || typeof idNode.value !== 'string')
        return { value: undefined, from, to };
      if (kind === 'role' && !keyword(args, 'role_name')) return { value: undefined, from, to };
      const id = idNode.value;
      const issue: IssueFrom<'aws-cdk'> = {
        check: 'missing-owner-tag',
        start: at,
        end: at + match[0].replace(/\s*\($/, '').length,
        resource: id,
        subject: id,
        message: `IAM ${kind} ${id} has no "${ownerKeys[0] ?? 'owner'}" tag (Tags.of(…).add in this file): nobody is accountable for this identity`,
      };
      return { value: { variable: assignedVariable(text, at), issue }, from, to };
    });
    const v = site.value;
    if (!v) continue;
    const variable = v.variable;
    if (variable && (ownedScopes.has(variable) || ownedScopes.has(variable.replace(/^self\./, '')) || ownedScopes.has(`self.${variable}`)))
      continue;
    issues.push(movedBy(v.issue, delta));
  }
  return issues;
}

/**
 * A name for what the code at `at` builds, for messages and fingerprints (never offsets): the
 * receiver of `x.add_to_policy(`, the variable assigned, or the id of the nearest construct.
 */
function resourceNameAt(text: string, at: number, path: string): { name: string; from: number } {
  const from = Math.max(0, at - 300);
  const before = text.slice(from, at);
  const add =
    /([\w]+)\s*\.\s*(?:add_to_policy|add_to_principal_policy|add_to_role_policy|add_to_resource_policy|add_statements|add_managed_policy)\s*\(\s*(?:[\w]+\s*\.\s*)*$/.exec(
      before,
    );
  if (add) return { name: add[1], from };
  const assigned = assignedVariable(text, at);
  if (assigned) return { name: assigned.replace(/^self\./, ''), from };
  const constructFrom = Math.max(0, at - 4000);
  const construct = [...text.slice(constructFrom, at).matchAll(/\b[A-Za-z_][\w.]*\s*\(\s*[\w.]+\s*,\s*(['"])([^'"\n]+)\1/g)].pop();
  if (construct) return { name: construct[2], from: constructFrom };
  return { name: path.split(/[\\/]/).pop() ?? path, from: constructFrom };
}
