/**
 * AWS CDK in TypeScript: the IAM statements, managed policies, trust and grants a stack writes
 * as literals. Statements are turned into IAM JSON statements and go through the shared AWS
 * policy analysis, so `new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })` is the same
 * finding as the same statement in Terraform or CloudFormation. Only literals are read (no type
 * checker): `actions: myActions` is unknown, and so never reported.
 */
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import type { IacContext, IssueFrom } from '../iacIssue';
import { entry, itemsOf, type MapEntry, type SourceNode } from '../sourceTree';
import { outsideBoundaries } from './cdkBoundaries';
import { cdkOwnershipIssues } from './cdkOwnership';
import { readLiteral, skipTrivia } from './tsLiteralReader';
import { commentedOut } from '../commentedOut';
import { accessKeyIssue, grantToAnyoneIssue, managedPolicyIssue, type GrantSite, type RoleSite } from './cdkIssues';
import { movedBy, SiteLookup } from '../keptSites';
import { keptPolicyIssues, type PolicyDocumentOf } from '../keptPolicyIssues';
import { keywordMatches, NEW_CALL_RUN } from '../keywordMatches';
import { shiftedTree } from '../sourceTreeShift';
import { webIdentityTrust } from './cdkWebIdentityTrust';
import type { TextTests } from '../../text/keptSearches';

type CdkIssue = IssueFrom<'aws-cdk' | 'aws-policy'>;

/** Only files that import the CDK are read; the test is one substring search per file. */
export function importsAwsCdk(text: Pick<TextTests, 'includes'>): boolean {
  // Both names hold "-cdk", and indexOf finds a "-" far faster than an "a" (most files have neither).
  return text.includes('-cdk') && (text.includes('aws-cdk-lib') || text.includes('@aws-cdk/'));
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
/**
 * The patterns above with the keywords every match of each holds, found with `indexOf` rather than
 * tried at each of a 260 KB stack's characters (keywordMatches.ts: the patterns' whole-text scans
 * were half of a CDK re-check's CPU). Also for the tests of `keywordMatches`.
 */
export const CDK_TYPESCRIPT_CALLS: ReadonlyArray<[RegExp, string[], RegExp]> = [
  [STATEMENT, ['PolicyStatement', 'Grant'], NEW_CALL_RUN],
  [ROLE, ['Role'], NEW_CALL_RUN],
  [ACCESS_KEY, ['AccessKey'], NEW_CALL_RUN],
];

/** A `PolicyStatement(` call as read: its statement (builder calls aside) and what names it. */
interface StatementSite {
  /** The variable a `new …PolicyStatement(` is assigned to, whose builder calls (`st.addActions(…)`) add to it. */
  variable?: string;
  argIsMap: boolean;
  /** No argument, or an empty call: builder calls alone make the statement. */
  builderOnly: boolean;
  statement: SourceNode;
  /** The statement as a policy (when no builder call adds to it). */
  doc: SourceNode;
  base: string;
}

interface BuilderSite {
  receiver: string;
  call: MapEntry;
}

/** Where the comment test of a match at `at` starts reading: the newline before its line (-1 on the first line). */
const lineStartOf = (text: string, at: number) => text.lastIndexOf('\n', at - 1);

/**
 * With `sites` (kept between scans of an open file, engine/iac/keptSites.ts), each call is read
 * again only when the text it was read from changed; what calls share (names counted across the
 * file, builder calls, boundaries, the file's actions) is put together on every scan.
 */
export function analyseCdk(text: string, path: string, ctx: IacContext, sites = new SiteLookup(text)): CdkIssue[] {
  const issues: CdkIssue[] = [];
  const documents: PolicyDocumentOf[] = [];
  const counts = new Map<string, number>();
  const named = (base: string) => {
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };
  /** The text a call's reading depended on: its line up to it (comment test), `back` characters before it, up to `to`. */
  const windowOf = (at: number, back: number, to: number) => ({ from: Math.min(lineStartOf(text, at), at - back), to });
  const skip = (m: RegExpMatchArray) => ({ value: undefined, ...windowOf(m.index!, 0, m.index! + m[0].length) });

  let builders: Map<string, Array<{ call: MapEntry; delta: number }>> | undefined;
  for (const m of keywordMatches(text, STATEMENT, ['PolicyStatement', 'Grant'], NEW_CALL_RUN)) {
    const { site, delta } = sites.site<StatementSite | undefined>('statement', m.index!, () => {
      if (commentedOut(text, m.index!)) return skip(m);
      const open = m.index! + m[0].length;
      const { args, to } = callArguments(text, open);
      const arg = args[0];
      const isNew = m[0].startsWith('new');
      // `const st = new iam.PolicyStatement(); st.addActions('*'); st.addAllResources();`
      const variable = isNew ? assignedVariable(text, m.index!) : undefined;
      const props: SourceNode = arg?.type === 'map' ? arg : { type: 'map', entries: [], start: m.index!, end: open };
      const statement = m[0].includes('fromJson') ? props : toIamStatement(props, text);
      const name = resourceNameAt(text, m.index!, path);
      const value = {
        variable,
        argIsMap: arg?.type === 'map',
        builderOnly: arg === undefined || isEmptyCall(text, open),
        statement,
        doc: policyOf([statement]),
        base: name.name,
      };
      return { value, ...windowOf(m.index!, m.index! - name.from, to) };
    });
    const v = site.value;
    if (!v) continue;
    const built = v.variable ? (builders ??= builderCalls(text, sites)).get(v.variable) : undefined;
    if (!v.argIsMap && !(built && v.builderOnly)) continue;
    if (!built) {
      documents.push({ doc: v.doc, resource: named(v.base), keep: true, delta });
      continue;
    }
    documents.push({ doc: policyOf([withMovedBuilderCalls(v.statement, delta, built)]), resource: named(v.base) });
  }
  for (const m of keywordMatches(text, ROLE, ['Role'], NEW_CALL_RUN)) {
    const { site, delta } = sites.site<RoleSite | undefined>('role', m.index!, () => {
      if (commentedOut(text, m.index!)) return skip(m);
      const { args, to } = callArguments(text, m.index! + m[0].length);
      const assumedBy = entry(args[2], 'assumedBy')?.value;
      if (assumedBy?.type !== 'expr') return { value: undefined, ...windowOf(m.index!, 0, to) };
      const principal = ANY_PRINCIPAL.test(assumedBy.text) ? '*' : accountPrincipalOf(assumedBy.text);
      const federated = principal ? undefined : webIdentityTrust(assumedBy, (at) => ({ positional: callArguments(text, at).args }));
      if (!principal && !federated) return { value: undefined, ...windowOf(m.index!, 0, to) };
      const trust = federated ?? awsPrincipalTrust(principal!, assumedBy);
      const name = resourceNameAt(text, m.index!, path);
      // Account and web-identity trust are named by the role's variable alone: the subject carries the account or issuer.
      return {
        value: { doc: policyOf([trust]), base: name.name, counted: principal === '*' },
        ...windowOf(m.index!, m.index! - name.from, to),
      };
    });
    const v = site.value;
    if (v) documents.push({ doc: v.doc, resource: v.counted ? named(v.base) : v.base, keep: true, delta });
  }
  for (const m of text.matchAll(MANAGED)) {
    const { site, delta } = sites.site<CdkIssue | undefined>('managed', m.index!, () => {
      if (commentedOut(text, m.index!)) return skip(m);
      const { args, to } = callArguments(text, m.index! + m[0].length);
      const bare = m[1] === 'AwsManagedPolicyName';
      const nameNode = bare ? args[0] : args[2];
      // A bare name only through fromAwsManagedPolicyName; an ARN otherwise.
      const privileged = nameNode?.type === 'scalar' && typeof nameNode.value === 'string' && privilegedManagedPolicy(nameNode.value, bare);
      if (!privileged) return { value: undefined, ...windowOf(m.index!, 0, to) };
      const name = resourceNameAt(text, m.index!, path);
      return { value: managedPolicyIssue(name.name, privileged, nameNode, bare), ...windowOf(m.index!, m.index! - name.from, to) };
    });
    if (site.value) issues.push(movedBy(site.value, delta));
  }
  let anyoneVariables: Set<string> | undefined;
  for (const m of text.matchAll(GRANT)) {
    const { site, delta } = sites.site<GrantSite | undefined>('grant', m.index!, () => {
      if (commentedOut(text, m.index!)) return skip(m);
      const { args, to } = callArguments(text, m.index! + m[0].length);
      const window = windowOf(m.index!, 80, to);
      const grantee = args[0];
      if (grantee?.type !== 'expr') return { value: undefined, ...window };
      const receiver = /([\w$]+)\s*$/.exec(text.slice(Math.max(0, m.index! - 80), m.index!))?.[1] ?? 'resource';
      const value = { grantee: grantee.text, anyone: ANY_PRINCIPAL.test(grantee.text), issue: grantToAnyoneIssue(receiver, m[1], grantee) };
      return { value, ...window };
    });
    const v = site.value;
    if (!v || (!v.anyone && !(anyoneVariables ??= anyPrincipalVariables(text, sites)).has(v.grantee))) continue;
    issues.push(movedBy(v.issue, delta));
  }
  for (const m of keywordMatches(text, ACCESS_KEY, ['AccessKey'], NEW_CALL_RUN)) {
    const { site, delta } = sites.site<CdkIssue | undefined>('accessKey', m.index!, () => {
      if (commentedOut(text, m.index!)) return skip(m);
      const { args, to } = callArguments(text, m.index! + m[0].length);
      const id = args[1];
      const at = { start: m.index!, end: m.index! + m[0].replace(/\s*\($/, '').length };
      if (id?.type === 'scalar' && typeof id.value === 'string')
        return { value: accessKeyIssue(id.value, at), ...windowOf(m.index!, 0, to) };
      const name = resourceNameAt(text, m.index!, path);
      return { value: accessKeyIssue(name.name, at), ...windowOf(m.index!, m.index! - name.from, to) };
    });
    if (site.value) issues.push(movedBy(site.value, delta));
  }

  issues.push(...cdkOwnershipIssues(text, ctx.settings.ownerTags));

  // Narrowing candidates come from permission statements (not trust), boundaries' too; a
  // permissions boundary grants nothing (cdkBoundaries.ts).
  const outside = new Set(
    outsideBoundaries(documents, text, ({ doc, delta }) => (entry(doc, 'Statement')?.value.start ?? doc.start) + (delta ?? 0)),
  );
  issues.push(
    ...keptPolicyIssues(
      outside.size === documents.length ? documents : documents.map((d) => (outside.has(d) ? d : { ...d, actionsOnly: true })),
      ctx,
      isTrust,
    ),
  );
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

const BUILDER = /(?<![\w$.])([\w$]+)\s*\.\s*(addActions|addNotActions|addResources|addNotResources|addAllResources|addAnyPrincipal)\s*\(/g;

/** Every `x.addActions(…)`-style builder call of the file, by receiver (each with how far it moved since read), read in one pass. */
function builderCalls(text: string, sites: SiteLookup): Map<string, Array<{ call: MapEntry; delta: number }>> {
  const calls = new Map<string, Array<{ call: MapEntry; delta: number }>>();
  // The receiver and the method may have blanks around their dot.
  for (const m of keywordMatches(text, BUILDER, ['add'], /[\w$.\s]/)) {
    const { site, delta } = sites.site<BuilderSite | undefined>('builder', m.index!, () => {
      const from = lineStartOf(text, m.index!);
      if (commentedOut(text, m.index!)) return { value: undefined, from, to: m.index! + m[0].length };
      const method = m[2];
      const nameStart = m.index! + m[0].indexOf(method, m[1].length);
      const at = { start: nameStart, end: nameStart + method.length };
      const key = BUILDER_KEYS[method];
      let value: SourceNode;
      let to = m.index! + m[0].length;
      if (method === 'addAllResources') value = scalar('*', at);
      else if (method === 'addAnyPrincipal') value = mapOf([['AWS', scalar('*', at)]]);
      else {
        const read = callArguments(text, m.index! + m[0].length, 64);
        const args = read.args;
        to = read.to;
        value = { type: 'seq', items: args, start: args[0]?.start ?? at.start, end: args[args.length - 1]?.end ?? at.end };
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

/**
 * A kept statement with the builder calls that add to it, each kept from the scan it was read
 * in: moved to this scan's offsets (`delta`, and each call's own) before they are put together.
 */
export function withMovedBuilderCalls(statement: SourceNode, delta: number, built: Array<{ call: MapEntry; delta: number }>): SourceNode {
  return withBuilderCalls(
    shiftedTree(statement, delta),
    built.map(({ call, delta: by }) => ({
      ...call,
      keyStart: call.keyStart + by,
      keyEnd: call.keyEnd + by,
      value: shiftedTree(call.value, by),
    })),
  );
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

/** The arguments of a call whose `(` ends at `at`: literals read, the rest unknown; `to`: just after the last character looked at. */
function callArguments(text: string, at: number, max = 4): { args: SourceNode[]; to: number } {
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
  return { args, to: skipTrivia(text, pos) + 1 };
}

/** Variables assigned any principal (`const anyone = new iam.AnyPrincipal()`), read once per file. */
function anyPrincipalVariables(text: string, sites: SiteLookup): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*(?=new\s)/g)) {
    const { site } = sites.site<boolean>('assignment', m.index!, () => {
      const from = lineStartOf(text, m.index!);
      if (commentedOut(text, m.index!)) return { value: false, from, to: m.index! + m[0].length + 4 };
      const read = readLiteral(text, m.index! + m[0].length);
      // After a literal the reader looks at the next significant character.
      return { value: read.node.type === 'expr' && ANY_PRINCIPAL.test(read.node.text), from, to: skipTrivia(text, read.end) + 1 };
    });
    if (site.value) names.add(m[1]);
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

/** The trust statement of a role's `assumedBy` that is anyone (`*`) or a whole account, at `at`. */
export const awsPrincipalTrust = (principal: string, at: { start: number; end: number }): SourceNode =>
  mapOf([
    ['Effect', scalar('Allow', at)],
    ['Action', scalar('sts:AssumeRole', at)],
    ['Principal', mapOf([['AWS', scalar(principal, at)]])],
  ]);

export const policyOf = (statements: SourceNode[]): SourceNode =>
  mapOf([['Statement', { type: 'seq', items: statements, start: statements[0]?.start ?? 0, end: statements[0]?.end ?? 0 }]]);

/**
 * A name for what the code at `at` builds, for messages and fingerprints (never offsets): the
 * receiver of `x.addToPolicy(`, the variable assigned, or the id of the nearest construct.
 */
function resourceNameAt(text: string, at: number, path: string): { name: string; from: number } {
  const from = Math.max(0, at - 300);
  const before = text.slice(from, at);
  const add =
    /([\w$]+)\s*\.\s*(?:addToPolicy|addToPrincipalPolicy|addToRolePolicy|addToResourcePolicy|addStatements)\s*\(\s*(?:[\w$]+\s*\.\s*)*$/.exec(
      before,
    );
  if (add) return { name: add[1], from };
  const assigned = /(?:const|let|var|readonly|private|public)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*(?:[\w$]+\s*\.\s*)*$/.exec(before);
  if (assigned) return { name: assigned[1], from };
  const constructFrom = Math.max(0, at - 4000);
  const construct = [
    ...text.slice(constructFrom, at).matchAll(/\bnew\s+(?:[\w$]+\.)*[\w$]+\s*\(\s*[\w$.]+\s*,\s*(['"`])([^'"`\n]+)\1/g),
  ].pop();
  if (construct) return { name: construct[2], from: constructFrom };
  return { name: path.split(/[\\/]/).pop() ?? path, from: constructFrom };
}
