/**
 * Pulumi programs in TypeScript or JavaScript (files importing `@pulumi/aws`, `@pulumi/gcp`,
 * `@pulumi/kubernetes` or `@pulumi/azure-native`): `new aws.iam.Policy("name", { ... })` calls and
 * `aws.iam.getPolicyDocument({ ... })` invokes, read with the CDK's literal reader into the program
 * shape of Pulumi YAML (see pulumiCodeProgram.ts). `JSON.stringify({...})` around a policy is
 * read through; `aws.iam.ManagedPolicy.AdministratorAccess` is its ARN.
 */
import type { MapNode, SourceNode } from '../sourceTree';
import { readLiteral, skipTrivia } from '../cdk/tsLiteralReader';
import {
  asToJson,
  FREE_FORM_KEYS,
  isPolicyDocumentInvoke,
  managedPolicyEnumArn,
  POLICY_PROPERTIES,
  pulumiPackage,
} from './pulumiCodeProgram';
import { commentedOut } from '../commentedOut';
import { keywordMatches } from '../keywordMatches';
import { SiteLookup } from '../keptSites';
import type { ReadProgram } from './pulumiCodeAnalysis';
import type { TextTests } from '../../text/keptSearches';

/** Only files that import a Pulumi provider package are read: one substring search per file. */
export function importsPulumiTypeScript(text: Pick<TextTests, 'includes'>): boolean {
  return text.includes('@pulumi/');
}

const STAR_IMPORT =
  /\bimport\s+(?:\*\s+as\s+)?([\w$]+)\s+from\s+(['"])([^'"]+)\2|\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(\s*(['"])([^'"]+)\5\s*\)/g;
const NAMED_IMPORT =
  /\bimport\s*\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2|\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*(['"])([^'"]+)\5\s*\)/g;
const NOTHING = /(?!)/;
/** The import patterns (for the tests of `importMatches`). */
export const IMPORT_PATTERNS = [STAR_IMPORT, NAMED_IMPORT];

/**
 * The matches of an import pattern (`matchAll`'s). Its first alternative starts with `import`, the
 * second reads on to `require`: in a file without `require` (most TypeScript) only the first can
 * match, and it is tried where `import` is found rather than at every character of the file (a
 * tenth of a Pulumi re-check for the two patterns).
 */
export function importMatches(text: string, pattern: RegExp, hasRequire: boolean): Iterable<RegExpMatchArray> {
  return hasRequire ? text.matchAll(pattern) : keywordMatches(text, pattern, ['import'], NOTHING);
}

/** Local names bound to a Pulumi package or one of its members, with the module path they stand for. */
function importedNames(text: string, hasRequire: boolean): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const m of importMatches(text, STAR_IMPORT, hasRequire)) {
    if (commentedOut(text, m.index!)) continue;
    const path = pulumiPackage(m[3] ?? m[6]);
    if (path) names.set(m[1] ?? m[4], path);
  }
  for (const m of importMatches(text, NAMED_IMPORT, hasRequire)) {
    if (commentedOut(text, m.index!)) continue;
    const path = pulumiPackage(m[3] ?? m[6]);
    if (!path) continue;
    for (const part of (m[1] ?? m[4]).split(',')) {
      const b = /^\s*([\w$]+)(?:\s*(?:as|:)\s*([\w$]+))?\s*$/.exec(part);
      if (b) names.set(b[2] ?? b[1], [...path, b[1]]);
    }
  }
  return names;
}

const escape = (s: string) => s.replace(/[$]/g, '\\$');

/** What a call's reading gives: its properties (or an invoke's arguments), read as the YAML analysis reads them, and what may name it. */
interface CallSite {
  props: MapNode;
  start: number;
  end: number;
  literalName?: string;
  assigned?: string;
}

/**
 * The calls of a TypeScript Pulumi file (resources and policy-document invokes), in the program
 * shape of Pulumi YAML (see pulumiCodeProgram.ts and pulumiCodeAnalysis.ts); undefined when it
 * imports no provider read here or makes no such call. With `sites` kept between scans, a call
 * is read again only when the text it was read from changed.
 */
export function readPulumiTypeScript(
  text: string,
  sites = new SiteLookup(text),
  tests: Pick<TextTests, 'includes'> = text,
): ReadProgram | undefined {
  const names = importedNames(text, tests.includes('require'));
  if (!names.size) return undefined;
  const call = new RegExp(
    String.raw`(\bnew\s+)?(?<![\w$.])(${[...names.keys()].map(escape).join('|')})((?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\(`,
    'g',
  );
  const resources: ReadProgram['resources'] = [];
  const invokes: ReadProgram['invokes'] = [];
  // The same few module paths are named thousands of times: by name, then by members (no string joined per call).
  const paths = new Map<string, Map<string, string[]>>();
  for (const m of text.matchAll(call)) {
    let byMembers = paths.get(m[2]);
    if (!byMembers) paths.set(m[2], (byMembers = new Map()));
    let path = byMembers.get(m[3]);
    if (!path) {
      path = [
        ...names.get(m[2])!,
        ...m[3]
          .split('.')
          .map((s) => s.trim())
          .filter(Boolean),
      ];
      byMembers.set(m[3], path);
    }
    const isNew = !!m[1];
    if (!isNew && !isPolicyDocumentInvoke(path)) continue;
    const { site, delta } = sites.site<CallSite | undefined>(isNew ? 'resource' : 'invoke', m.index!, () => {
      const start = m.index!;
      const from = Math.min(text.lastIndexOf('\n', start - 1), start - 200);
      if (commentedOut(text, start)) return { value: undefined, from, to: start + m[0].length };
      const end = start + m[0].replace(/\s*\($/, '').length;
      const { args, to } = callArguments(text, start + m[0].length);
      const props = args[isNew ? 1 : 0];
      if (props?.type !== 'map') return { value: undefined, from, to };
      const nameNode = args[0];
      const literalName = isNew && nameNode?.type === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : undefined;
      const value = { props: normalise(props, text, '') as MapNode, start, end, literalName, assigned: assignedName(text, start) };
      return { value, from, to };
    });
    const v = site.value;
    if (!v) continue;
    if (isNew)
      resources.push({
        path,
        name: v.literalName ?? v.assigned ?? path[path.length - 1],
        start: v.start,
        end: v.end,
        props: v.props,
        delta,
      });
    else invokes.push({ name: v.assigned ?? 'getPolicyDocument', args: v.props, start: v.start, end: v.end, delta });
  }
  if (!resources.length && !invokes.length) return undefined;
  return { resources, invokes };
}

/** The variable a call at `at` is assigned to, if any. */
const assignedName = (text: string, at: number) =>
  /(?:const|let|var|readonly|private|public)\s+([\w$]+)\s*(?::[^=;\n]+)?=\s*(?:await\s+)?$/.exec(
    text.slice(Math.max(0, at - 200), at),
  )?.[1];

/** The arguments of a call whose `(` ends at `at`: literals read, the rest unknown; `to`: just after the last character looked at. */
function callArguments(text: string, at: number, max = 3): { args: SourceNode[]; to: number } {
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

const STRINGIFY = /^(?:JSON\.stringify|pulumi\.jsonStringify|jsonStringify)\s*\(/;

/**
 * Property values as the YAML analysis reads them: a policy written as an object or through
 * `JSON.stringify` becomes `fn::toJSON`, the managed-policy enum its ARN; tags with a spread are
 * unknown (the spread may hold the owner).
 */
function normalise(node: SourceNode, text: string, key: string): SourceNode {
  if (node.type === 'expr') {
    const stringify = STRINGIFY.exec(node.text);
    if (stringify) {
      const inner = readLiteral(text, skipTrivia(text, node.start + stringify[0].length)).node;
      if (inner.type === 'map') return asToJson(inner);
      return node;
    }
    const arn = managedPolicyEnumArn(node.text);
    return arn ? { type: 'scalar', value: arn, start: node.start, end: node.end } : node;
  }
  if (node.type === 'seq') return { ...node, items: node.items.map((i) => normalise(i, text, key)) };
  if (node.type !== 'map') return node;
  if (FREE_FORM_KEYS.has(key) && /(?:^|[{,\s])\.\.\./.test(text.slice(node.start, node.end)))
    return { type: 'expr', text: text.slice(node.start, node.end), start: node.start, end: node.end };
  if (POLICY_PROPERTIES.has(key)) return asToJson(node);
  if (FREE_FORM_KEYS.has(key)) return node;
  return { ...node, entries: node.entries.map((e) => ({ ...e, value: normalise(e.value, text, e.key) })) };
}
