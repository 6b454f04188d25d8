/**
 * AWS CDK in Python: the same reading as the TypeScript one (cdkAnalyzer.ts), with Python's
 * spelling (`iam.PolicyStatement(actions=["*"], resources=["*"])`, snake_case methods and
 * keywords, no `new`). Keyword arguments are renamed to the camelCase props the TypeScript
 * reader produces, so statements go through the same conversion and the shared AWS policy
 * analysis: an `actions=["*"]` on `resources=["*"]` is `aws-iam-admin-wildcard` here as in
 * Terraform. Only literals are read: `actions=my_actions` is unknown, and so never reported.
 */
import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import type { IacContext, IssueFrom } from '../iacIssue';
import type { MapEntry, SourceNode } from '../sourceTree';
import { isTrust, mapOf, policyOf, scalar, toIamStatement, withBuilderCalls } from './cdkAnalyzer';
import { readPyCallArguments, readPyLiteral, type PyCallArguments } from './pyLiteralReader';
import { commentedOut } from '../commentedOut';
import { accessKeyIssue, grantToAnyoneIssue, managedPolicyIssue } from './cdkIssues';
import { webIdentityTrust } from './cdkWebIdentityTrust';

type CdkIssue = IssueFrom<'aws-cdk' | 'aws-policy'>;

/** Only files that import the CDK (`aws_cdk`, v1 and v2) are read: one substring search per file. */
export function importsAwsCdkPython(text: string): boolean {
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

export function analyseCdkPython(text: string, path: string, ctx: IacContext): CdkIssue[] {
  const issues: CdkIssue[] = [];
  const documents: Array<{ doc: SourceNode; resource: string }> = [];
  const counts = new Map<string, number>();
  const named = (at: number) => {
    const base = resourceNameAt(text, at, path);
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };
  const callAt = (m: RegExpMatchArray) => readPyCallArguments(text, m.index! + m[0].length);

  let builders: Map<string, MapEntry[]> | undefined;
  for (const m of text.matchAll(STATEMENT)) {
    if (commentedOut(text, m.index!, true)) continue;
    const args = callAt(m);
    if (args.spread) continue;
    const fromJson = m[0].includes('from_json');
    // `st = iam.PolicyStatement()` then `st.add_actions("*")`, `st.add_all_resources()`.
    const variable = fromJson ? undefined : assignedVariable(text, m.index!);
    const built = variable ? (builders ??= builderCalls(text)).get(variable) : undefined;
    let props: SourceNode;
    if (fromJson) {
      if (args.positional[0]?.type !== 'map') continue;
      props = args.positional[0];
    } else {
      if (!args.keywords.length && !built) continue;
      const entries = args.keywords.map((k) => ({ ...k, key: camelCase(k.key) }));
      props = withBuilderCalls(toIamStatement({ type: 'map', entries, start: m.index!, end: args.end }, text, isAnyone), built ?? []);
    }
    documents.push({ doc: policyOf([props]), resource: named(m.index!) });
  }
  for (const m of text.matchAll(ROLE)) {
    if (commentedOut(text, m.index!, true)) continue;
    const assumedBy = keyword(callAt(m), 'assumed_by');
    if (assumedBy?.type !== 'expr') continue;
    const principal = isAnyone(assumedBy.text) ? '*' : accountPrincipalOf(assumedBy.text);
    const federated = principal ? undefined : webIdentityTrust(assumedBy, (at) => readPyCallArguments(text, at));
    // Named by the role's variable alone, as account trust: the subject carries the issuer.
    if (federated) documents.push({ doc: policyOf([federated]), resource: resourceNameAt(text, m.index!, path) });
    if (!principal) continue;
    const trust = mapOf([
      ['Effect', scalar('Allow', assumedBy)],
      ['Action', scalar('sts:AssumeRole', assumedBy)],
      ['Principal', mapOf([['AWS', scalar(principal, assumedBy)]])],
    ]);
    documents.push({ doc: policyOf([trust]), resource: principal === '*' ? named(m.index!) : resourceNameAt(text, m.index!, path) });
  }
  for (const m of text.matchAll(MANAGED)) {
    if (commentedOut(text, m.index!, true)) continue;
    const args = callAt(m);
    const bare = m[1] === 'aws_managed_policy_name';
    const nameNode = bare
      ? (args.positional[0] ?? keyword(args, 'managed_policy_name'))
      : (args.positional[2] ?? keyword(args, 'managed_policy_arn'));
    if (nameNode?.type !== 'scalar' || typeof nameNode.value !== 'string') continue;
    const privileged = privilegedManagedPolicy(nameNode.value, bare);
    if (!privileged) continue;
    const resource = resourceNameAt(text, m.index!, path);
    issues.push(managedPolicyIssue(resource, privileged, nameNode, bare));
  }
  let anyoneVariables: Set<string> | undefined;
  for (const m of text.matchAll(GRANT)) {
    if (commentedOut(text, m.index!, true)) continue;
    const args = callAt(m);
    const grantee = args.positional[0] ?? keyword(args, 'grantee');
    if (grantee?.type !== 'expr') continue;
    if (!isAnyone(grantee.text) && !(anyoneVariables ??= anyPrincipalVariables(text)).has(grantee.text)) continue;
    const receiver = /([\w]+)\s*$/.exec(text.slice(Math.max(0, m.index! - 80), m.index!))?.[1] ?? 'resource';
    issues.push(grantToAnyoneIssue(receiver, m[1], grantee));
  }
  for (const m of text.matchAll(ACCESS_KEY)) {
    if (commentedOut(text, m.index!, true)) continue;
    const id = callAt(m).positional[1];
    const resource = id?.type === 'scalar' && typeof id.value === 'string' ? id.value : resourceNameAt(text, m.index!, path);
    issues.push(accessKeyIssue(resource, { start: m.index!, end: m.index! + m[0].replace(/\s*\($/, '').length }));
  }
  issues.push(...userOwnerIssues(text, ctx.settings.ownerTags));

  // Narrowing candidates come from permission statements, not from trust (sts:AssumeRole).
  const fileActions: string[] = [];
  for (const { doc } of documents) if (!isTrust(doc)) collectActions(doc, fileActions);
  for (const { doc, resource } of documents)
    issues.push(...analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions }));
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

/** Every `st.add_actions(…)`-style builder call of the file, by receiver, read in one pass. */
function builderCalls(text: string): Map<string, MapEntry[]> {
  const calls = new Map<string, MapEntry[]>();
  const re =
    /(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\s*\.\s*(add_actions|add_not_actions|add_resources|add_not_resources|add_all_resources|add_any_principal)\s*\(/g;
  for (const m of text.matchAll(re)) {
    if (commentedOut(text, m.index!, true)) continue;
    const method = m[2];
    const nameStart = m.index! + m[0].indexOf(method, m[1].length);
    const at = { start: nameStart, end: nameStart + method.length };
    const key = BUILDER_KEYS[method];
    let value: SourceNode;
    if (method === 'add_all_resources') value = scalar('*', at);
    else if (method === 'add_any_principal') value = mapOf([['AWS', scalar('*', at)]]);
    else {
      const args = readPyCallArguments(text, m.index! + m[0].length, 64);
      // `add_actions(*actions)`: unknown, so nothing is added.
      if (args.spread) continue;
      const items = args.positional;
      value = { type: 'seq', items, start: items[0]?.start ?? at.start, end: items[items.length - 1]?.end ?? at.end };
    }
    const list = calls.get(m[1]) ?? [];
    list.push({ key, keyStart: at.start, keyEnd: at.end, value });
    calls.set(m[1], list);
  }
  return calls;
}

/** Variables assigned any principal (`anyone = iam.AnyPrincipal()`), read once per file. */
function anyPrincipalVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)[ \t]*((?:self\.)?[A-Za-z_]\w*)\s*(?::[^=\n]+)?=(?!=)[ \t]*/g)) {
    if (commentedOut(text, m.index!, true)) continue;
    const value = readPyLiteral(text, m.index! + m[0].length).node;
    if (value.type === 'expr' && isAnyone(value.text)) names.add(m[1]);
  }
  return names;
}

/**
 * IAM users with no owner, as for TypeScript (cdkOwnership.ts): `Tags.of(user).add("owner", …)`
 * on the user's variable, or on the stack (`self`) or the app, in this file. A `User(` call is an
 * IAM user when its first arguments are a construct scope and a string id; roles are left out.
 */
function userOwnerIssues(text: string, ownerKeys: string[]): IssueFrom<'aws-cdk'>[] {
  if (!text.includes('aws_iam') || text.search(USER) < 0) return [];
  const keys = new Set(ownerKeys.map((k) => k.toLowerCase()));
  const ownedScopes = new Set([...text.matchAll(TAG)].filter((t) => keys.has(t[3].toLowerCase())).map((t) => t[1]));
  if ([...ownedScopes].some((scope) => WHOLE_STACK.test(scope))) return [];
  const issues: IssueFrom<'aws-cdk'>[] = [];
  for (const m of text.matchAll(USER)) {
    if (commentedOut(text, m.index!, true)) continue;
    const args = readPyCallArguments(text, m.index! + m[0].length);
    const [scope, idNode] = args.positional;
    if (scope?.type !== 'expr' || !/^[A-Za-z_][\w.]*$/.test(scope.text) || idNode?.type !== 'scalar' || typeof idNode.value !== 'string')
      continue;
    const variable = assignedVariable(text, m.index!);
    if (variable && (ownedScopes.has(variable) || ownedScopes.has(variable.replace(/^self\./, '')) || ownedScopes.has(`self.${variable}`)))
      continue;
    const id = idNode.value;
    issues.push({
      check: 'missing-owner-tag',
      start: m.index!,
      end: m.index! + m[0].replace(/\s*\($/, '').length,
      resource: id,
      subject: id,
      message: `IAM user ${id} has no "${ownerKeys[0] ?? 'owner'}" tag (Tags.of(…).add in this file): nobody is accountable for this identity`,
    });
  }
  return issues;
}

/**
 * A name for what the code at `at` builds, for messages and fingerprints (never offsets): the
 * receiver of `x.add_to_policy(`, the variable assigned, or the id of the nearest construct.
 */
function resourceNameAt(text: string, at: number, path: string): string {
  const before = text.slice(Math.max(0, at - 300), at);
  const add =
    /([\w]+)\s*\.\s*(?:add_to_policy|add_to_principal_policy|add_to_role_policy|add_to_resource_policy|add_statements|add_managed_policy)\s*\(\s*(?:[\w]+\s*\.\s*)*$/.exec(
      before,
    );
  if (add) return add[1];
  const assigned = assignedVariable(text, at);
  if (assigned) return assigned.replace(/^self\./, '');
  const construct = [...text.slice(Math.max(0, at - 4000), at).matchAll(/\b[A-Za-z_][\w.]*\s*\(\s*[\w.]+\s*,\s*(['"])([^'"\n]+)\1/g)].pop();
  if (construct) return construct[2];
  return path.split(/[\\/]/).pop() ?? path;
}
