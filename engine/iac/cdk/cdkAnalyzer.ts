/**
 * AWS CDK in TypeScript: the IAM statements, managed policies, trust and grants a stack writes
 * as literals. Statements are turned into IAM JSON statements and go through the shared AWS
 * policy analysis, so `new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })` is the same
 * finding as the same statement in Terraform or CloudFormation. Only literals are read (no type
 * checker): `actions: myActions` is unknown, and so never reported.
 */
import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import type { IacContext, IssueFrom } from '../iacIssue';
import { entry, itemsOf, type MapEntry, type SourceNode } from '../sourceTree';
import { outsideBoundaries } from './cdkBoundaries';
import { cdkOwnershipIssues } from './cdkOwnership';
import { readLiteral, skipTrivia } from './tsLiteralReader';
import { commentedOut } from '../commentedOut';
import { accessKeyIssue, grantToAnyoneIssue, managedPolicyIssue } from './cdkIssues';
import { webIdentityTrust } from './cdkWebIdentityTrust';

type CdkIssue = IssueFrom<'aws-cdk' | 'aws-policy'>;

/** Only files that import the CDK are read; the test is one substring search per file. */
export function importsAwsCdk(text: string): boolean {
  return text.includes('aws-cdk-lib') || text.includes('@aws-cdk/');
}

/** CDK statement props, in the IAM JSON spelling the policy analysis reads. */
const STATEMENT_KEYS: Record<string, string> = {
  actions: 'Action',
  notActions: 'NotAction',
  resources: 'Resource',
  notResources: 'NotResource',
  conditions: 'Condition',
  // Grant.addToPrincipal({ grantee, actions, resourceArns })
  resourceArns: 'Resource',
};

/** Principals that stand for anyone: `new iam.AnyPrincipal()`, `new iam.StarPrincipal()`, `new iam.ArnPrincipal('*')`. */
const ANY_PRINCIPAL =
  /^new\s+(?:[\w$]+\.)*(?:AnyPrincipal|StarPrincipal)\s*\(\s*\)$|^new\s+(?:[\w$]+\.)*ArnPrincipal\s*\(\s*(['"`])\*\1\s*\)$/;

/**
 * `new iam.AccountPrincipal('123456789012')` (or an ArnPrincipal naming an account root) with no
 * `.withConditions(…)`: the account's root as a trust principal, which the policy analysis calls
 * cross-account trust. With conditions, or an account that is not a literal (`this.account`), undefined.
 */
function accountPrincipalOf(expr: string): string | undefined {
  const m = /^new\s+(?:[\w$]+\.)*(AccountPrincipal|ArnPrincipal)\s*\(\s*(['"`])([^'"`]*)\2\s*\)$/.exec(expr.trim());
  if (!m) return undefined;
  if (m[1] === 'AccountPrincipal') return /^\d{12}$/.test(m[3]) ? `arn:aws:iam::${m[3]}:root` : undefined;
  return /^arn:[^:]+:iam::\d{12}:root$/.test(m[3]) ? m[3] : undefined;
}

const STATEMENT =
  /\bnew\s+(?:[\w$]+\.)*PolicyStatement\s*\(|\bPolicyStatement\.fromJson\s*\(|\bGrant\.addToPrincipal(?:OrResource|AndResource)?\s*\(/g;
const MANAGED = /\bManagedPolicy\.from(AwsManagedPolicyName|ManagedPolicyArn)\s*\(/g;
const GRANT = /\.(grant\w*)\s*\(/g;
const ROLE = /\bnew\s+(?:[\w$]+\.)*Role\s*\(/g;
const ACCESS_KEY = /\bnew\s+(?:[\w$]+\.)*(?:CfnAccessKey|AccessKey)\s*\(/g;

export function analyseCdk(text: string, path: string, ctx: IacContext): CdkIssue[] {
  const issues: CdkIssue[] = [];
  const documents: Array<{ doc: SourceNode; resource: string }> = [];
  const counts = new Map<string, number>();
  const named = (at: number) => {
    const base = resourceNameAt(text, at, path);
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };

  let builders: Map<string, MapEntry[]> | undefined;
  for (const m of text.matchAll(STATEMENT)) {
    if (commentedOut(text, m.index!)) continue;
    const arg = firstArgument(text, m.index! + m[0].length);
    const isNew = m[0].startsWith('new');
    // `const st = new iam.PolicyStatement(); st.addActions('*'); st.addAllResources();`
    const variable = isNew ? assignedVariable(text, m.index!) : undefined;
    const built = variable ? (builders ??= builderCalls(text)).get(variable) : undefined;
    if (arg?.type !== 'map' && !(built && (arg === undefined || isEmptyCall(text, m.index! + m[0].length)))) continue;
    const props: SourceNode = arg?.type === 'map' ? arg : { type: 'map', entries: [], start: m.index!, end: m.index! + m[0].length };
    const statement = m[0].includes('fromJson') ? props : withBuilderCalls(toIamStatement(props, text), built ?? []);
    documents.push({ doc: policyOf([statement]), resource: named(m.index!) });
  }
  for (const m of text.matchAll(ROLE)) {
    if (commentedOut(text, m.index!)) continue;
    const props = callArguments(text, m.index! + m[0].length)[2];
    const assumedBy = entry(props, 'assumedBy')?.value;
    if (assumedBy?.type !== 'expr') continue;
    const principal = ANY_PRINCIPAL.test(assumedBy.text) ? '*' : accountPrincipalOf(assumedBy.text);
    const federated = principal ? undefined : webIdentityTrust(assumedBy, (at) => ({ positional: callArguments(text, at) }));
    // Named by the role's variable alone, as account trust: the subject carries the issuer.
    if (federated) documents.push({ doc: policyOf([federated]), resource: resourceNameAt(text, m.index!, path) });
    if (!principal) continue;
    const trust = mapOf([
      ['Effect', scalar('Allow', assumedBy)],
      ['Action', scalar('sts:AssumeRole', assumedBy)],
      ['Principal', mapOf([['AWS', scalar(principal, assumedBy)]])],
    ]);
    // Account trust is named by the role's variable alone: its subject carries the account.
    documents.push({ doc: policyOf([trust]), resource: principal === '*' ? named(m.index!) : resourceNameAt(text, m.index!, path) });
  }
  for (const m of text.matchAll(MANAGED)) {
    if (commentedOut(text, m.index!)) continue;
    const args = callArguments(text, m.index! + m[0].length);
    const nameNode = m[1] === 'AwsManagedPolicyName' ? args[0] : args[2];
    if (nameNode?.type !== 'scalar' || typeof nameNode.value !== 'string') continue;
    // A bare name only through fromAwsManagedPolicyName; an ARN otherwise.
    const privileged = privilegedManagedPolicy(nameNode.value, m[1] === 'AwsManagedPolicyName');
    if (!privileged) continue;
    const resource = resourceNameAt(text, m.index!, path);
    issues.push(managedPolicyIssue(resource, privileged, nameNode, m[1] === 'AwsManagedPolicyName'));
  }
  let anyoneVariables: Set<string> | undefined;
  for (const m of text.matchAll(GRANT)) {
    if (commentedOut(text, m.index!)) continue;
    const grantee = callArguments(text, m.index! + m[0].length)[0];
    if (grantee?.type !== 'expr') continue;
    if (!ANY_PRINCIPAL.test(grantee.text) && !(anyoneVariables ??= anyPrincipalVariables(text)).has(grantee.text)) continue;
    const receiver = /([\w$]+)\s*$/.exec(text.slice(Math.max(0, m.index! - 80), m.index!))?.[1] ?? 'resource';
    issues.push(grantToAnyoneIssue(receiver, m[1], grantee));
  }
  for (const m of text.matchAll(ACCESS_KEY)) {
    if (commentedOut(text, m.index!)) continue;
    const id = callArguments(text, m.index! + m[0].length)[1];
    const resource = id?.type === 'scalar' && typeof id.value === 'string' ? id.value : resourceNameAt(text, m.index!, path);
    issues.push(accessKeyIssue(resource, { start: m.index!, end: m.index! + m[0].replace(/\s*\($/, '').length }));
  }

  issues.push(...cdkOwnershipIssues(text, ctx.settings.ownerTags));

  // Narrowing candidates come from permission statements, not from trust (sts:AssumeRole).
  const fileActions: string[] = [];
  for (const { doc } of documents) if (!isTrust(doc)) collectActions(doc, fileActions);
  // A permissions boundary grants nothing (cdkBoundaries.ts).
  for (const { doc, resource } of outsideBoundaries(documents, text))
    issues.push(...analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions }));
  return issues;
}

const BUILDER_KEYS: Record<string, string> = {
  addActions: 'Action',
  addNotActions: 'NotAction',
  addResources: 'Resource',
  addNotResources: 'NotResource',
  addAllResources: 'Resource',
  addAnyPrincipal: 'Principal',
};

/** The variable a `new …PolicyStatement(` at `at` is assigned to, if any. */
function assignedVariable(text: string, at: number): string | undefined {
  return /(?:const|let|var)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*$/.exec(text.slice(Math.max(0, at - 200), at))?.[1];
}

const isEmptyCall = (text: string, at: number) => text[skipTrivia(text, at)] === ')';

/** Every `x.addActions(…)`-style builder call of the file, by receiver, read in one pass. */
function builderCalls(text: string): Map<string, MapEntry[]> {
  const calls = new Map<string, MapEntry[]>();
  const re = /(?<![\w$.])([\w$]+)\s*\.\s*(addActions|addNotActions|addResources|addNotResources|addAllResources|addAnyPrincipal)\s*\(/g;
  for (const m of text.matchAll(re)) {
    if (commentedOut(text, m.index!)) continue;
    const method = m[2];
    const nameStart = m.index! + m[0].indexOf(method, m[1].length);
    const at = { start: nameStart, end: nameStart + method.length };
    const key = BUILDER_KEYS[method];
    let value: SourceNode;
    if (method === 'addAllResources') value = scalar('*', at);
    else if (method === 'addAnyPrincipal') value = mapOf([['AWS', scalar('*', at)]]);
    else {
      const args = callArguments(text, m.index! + m[0].length, 64);
      value = { type: 'seq', items: args, start: args[0]?.start ?? at.start, end: args[args.length - 1]?.end ?? at.end };
    }
    const list = calls.get(m[1]) ?? [];
    list.push({ key, keyStart: at.start, keyEnd: at.end, value });
    calls.set(m[1], list);
  }
  return calls;
}

/** A statement with the builder calls made on it: lists of the same key are joined. */
export function withBuilderCalls(statement: SourceNode, calls: MapEntry[]): SourceNode {
  if (statement.type !== 'map' || !calls.length) return statement;
  const entries = [...statement.entries];
  for (const call of calls) {
    const i = entries.findIndex((e) => e.key === call.key);
    if (i < 0 || call.key === 'Principal') {
      if (i < 0) entries.push(call);
      continue;
    }
    const joined = [...itemsOf(entries[i].value), ...itemsOf(call.value)];
    entries[i] = { ...entries[i], value: { type: 'seq', items: joined, start: entries[i].value.start, end: entries[i].value.end } };
  }
  return { ...statement, entries };
}

export const isTrust = (doc: SourceNode) => itemsOf(entry(doc, 'Statement')?.value).some((st) => !!entry(st, 'Principal'));

/** The arguments of a call whose `(` ends at `at`: literals read, the rest unknown. */
function callArguments(text: string, at: number, max = 4): SourceNode[] {
  const args: SourceNode[] = [];
  let pos = at;
  for (let i = 0; i < max; i++) {
    pos = skipTrivia(text, pos);
    if (text[pos] === ')' || pos >= text.length) break;
    const read = readLiteral(text, pos);
    args.push(read.node);
    pos = skipTrivia(text, read.end);
    if (text[pos] !== ',') break;
    pos++;
  }
  return args;
}

const firstArgument = (text: string, at: number): SourceNode | undefined => callArguments(text, at)[0];

/** Variables assigned any principal (`const anyone = new iam.AnyPrincipal()`), read once per file. */
function anyPrincipalVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*(?=new\s)/g)) {
    if (commentedOut(text, m.index!)) continue;
    const value = readLiteral(text, m.index! + m[0].length).node;
    if (value.type === 'expr' && ANY_PRINCIPAL.test(value.text)) names.add(m[1]);
  }
  return names;
}

/**
 * A CDK PolicyStatement's props (camelCase) as an IAM JSON statement; `principals` become a
 * Principal map. `isAnyone` tells a principal expression that stands for anyone (it differs by language).
 */
export function toIamStatement(props: SourceNode, text: string, isAnyone = (expr: string) => ANY_PRINCIPAL.test(expr)): SourceNode {
  if (props.type !== 'map') return props;
  const entries: MapEntry[] = [];
  for (const e of props.entries) {
    if (e.key === 'effect') {
      const deny = e.value.type === 'expr' && /\bDENY$/.test(e.value.text);
      const known = e.value.type === 'expr' && /\b(?:ALLOW|DENY)$/.test(e.value.text);
      entries.push({ ...e, key: 'Effect', value: scalar(known ? (deny ? 'Deny' : 'Allow') : '?', e.value) });
      continue;
    }
    if (e.key === 'principals') {
      const anyone = itemsOf(e.value).filter((p) => p.type === 'expr' && isAnyone(p.text));
      const principal = anyone.length
        ? mapOf([['AWS', { type: 'seq', items: anyone.map((p) => scalar('*', p)), start: e.value.start, end: e.value.end }]])
        : mapOf([['AWS', { type: 'expr', text: text.slice(e.value.start, e.value.end), start: e.value.start, end: e.value.end }]]);
      entries.push({ ...e, key: 'Principal', value: principal });
      continue;
    }
    const key = STATEMENT_KEYS[e.key];
    if (key) entries.push({ ...e, key });
  }
  return { type: 'map', entries, start: props.start, end: props.end };
}

export const scalar = (value: string, at: { start: number; end: number }): SourceNode => ({
  type: 'scalar',
  value,
  start: at.start,
  end: at.end,
});

export function mapOf(pairs: Array<[string, SourceNode]>): SourceNode {
  return {
    type: 'map',
    start: 0,
    end: 0,
    entries: pairs.map(([key, value]) => ({ key, keyStart: value.start, keyEnd: value.end, value })),
  };
}

export const policyOf = (statements: SourceNode[]): SourceNode =>
  mapOf([['Statement', { type: 'seq', items: statements, start: statements[0]?.start ?? 0, end: statements[0]?.end ?? 0 }]]);

/**
 * A name for what the code at `at` builds, for messages and fingerprints (never offsets): the
 * receiver of `x.addToPolicy(`, the variable assigned, or the id of the nearest construct.
 */
function resourceNameAt(text: string, at: number, path: string): string {
  const before = text.slice(Math.max(0, at - 300), at);
  const add =
    /([\w$]+)\s*\.\s*(?:addToPolicy|addToPrincipalPolicy|addToRolePolicy|addToResourcePolicy|addStatements)\s*\(\s*(?:[\w$]+\s*\.\s*)*$/.exec(
      before,
    );
  if (add) return add[1];
  const assigned = /(?:const|let|var|readonly|private|public)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*(?:[\w$]+\s*\.\s*)*$/.exec(before);
  if (assigned) return assigned[1];
  const construct = [
    ...text.slice(Math.max(0, at - 4000), at).matchAll(/\bnew\s+(?:[\w$]+\.)*[\w$]+\s*\(\s*[\w$.]+\s*,\s*(['"`])([^'"`\n]+)\1/g),
  ].pop();
  if (construct) return construct[2];
  return path.split(/[\\/]/).pop() ?? path;
}
