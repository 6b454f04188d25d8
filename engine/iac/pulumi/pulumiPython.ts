/**
 * Pulumi programs in Python (files importing `pulumi_aws`, `pulumi_gcp`, `pulumi_kubernetes` or
 * `pulumi_azure_native`): `aws.iam.Policy("name", policy=json.dumps({...}))` calls and
 * `aws.iam.get_policy_document(statements=[...])` invokes, read with the Python literal reader
 * into the program shape of Pulumi YAML (see pulumiCodeProgram.ts). Keyword arguments and the
 * keys of `...Args(...)` calls and dicts are snake_case in Python and camelCase in the YAML shape;
 * tags and labels keep their spelling, and so does a policy document under `json.dumps`.
 */
import { camelCase } from '../cdk/cdkPythonAnalyzer';
import { readPyCallArguments, readPyLiteral, skipPyTrivia } from '../cdk/pyLiteralReader';
import type { MapNode, SourceNode } from '../sourceTree';
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
export function importsPulumiPython(text: Pick<TextTests, 'includes'>): boolean {
  return text.includes('pulumi_');
}

const IMPORT = /^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?/gm;
const FROM_IMPORT = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm;
/** What may stand between a line's start and its `import` or `from`. */
const INDENT = /[ \t]/;

/**
 * The matches of a statement pattern anchored at a line's start (`matchAll`'s): tried where its
 * keyword occurs, from the indentation before it, rather than at every character of the file
 * (the two patterns over a 260 KB program were a tenth of a Pulumi re-check).
 */
export function statementMatches(text: string, pattern: RegExp, keyword: string): Iterable<RegExpMatchArray> {
  return keywordMatches(text, pattern, [keyword], INDENT);
}

/** The patterns with their keyword (for the tests of `statementMatches`). */
export const STATEMENT_PATTERNS: Array<[RegExp, string]> = [
  [IMPORT, 'import'],
  [FROM_IMPORT, 'from'],
];

/** Local names bound to a Pulumi package, module or class, with the module path they stand for. */
function importedNames(text: string): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const m of statementMatches(text, IMPORT, 'import')) {
    if (commentedOut(text, m.index!, true)) continue;
    const path = pulumiPackage(m[1]);
    // `import pulumi_aws.iam` binds `pulumi_aws`, used with the full dotted path.
    if (path) names.set(m[2] ?? m[1].split('.')[0], m[2] ? path : path.slice(0, 1));
  }
  for (const m of statementMatches(text, FROM_IMPORT, 'from')) {
    if (commentedOut(text, m.index!, true)) continue;
    const path = pulumiPackage(m[1]);
    if (!path) continue;
    for (const part of m[2].replace(/[()]/g, '').split(',')) {
      const b = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
      if (b) names.set(b[2] ?? b[1], [...path, b[1]]);
    }
  }
  return names;
}

/** What a call's reading gives: its properties (or an invoke's arguments) as the YAML analysis reads them, and what may name it. */
interface CallSite {
  props: MapNode;
  start: number;
  end: number;
  literalName?: string;
  assigned?: string;
}

/**
 * The calls of a Python Pulumi file (resources and policy-document invokes), in the program shape
 * of Pulumi YAML (see pulumiCodeProgram.ts and pulumiCodeAnalysis.ts); undefined when it imports
 * no provider read here or makes no such call. With `sites` kept between scans, a call is read
 * again only when the text it was read from changed.
 */
export function readPulumiPython(text: string, sites = new SiteLookup(text)): ReadProgram | undefined {
  const names = importedNames(text);
  if (!names.size) return undefined;
  const call = new RegExp(String.raw`(?<![\w.])(${[...names.keys()].join('|')})((?:\s*\.\s*[A-Za-z_]\w*)*)\s*\(`, 'g');
  const resources: ReadProgram['resources'] = [];
  const invokes: ReadProgram['invokes'] = [];
  // The same few module paths are named thousands of times: by name, then by members (no string joined per call).
  const paths = new Map<string, Map<string, string[]>>();
  for (const m of text.matchAll(call)) {
    let byMembers = paths.get(m[1]);
    if (!byMembers) paths.set(m[1], (byMembers = new Map()));
    let path = byMembers.get(m[2]);
    if (!path) {
      const members = m[2]
        .split('.')
        .map((s) => s.trim())
        .filter(Boolean);
      path = [...names.get(m[1])!, ...members];
      byMembers.set(m[2], path);
    }
    const type = path[path.length - 1];
    const invoke = isPolicyDocumentInvoke(path);
    // Args classes (`aws.iam.PolicyArgs(...)`) are values, not resources.
    if ((!/^[A-Z]/.test(type) && !invoke) || (!invoke && /Args$/.test(type))) continue;
    const { site, delta } = sites.site<CallSite | undefined>(invoke ? 'invoke' : 'resource', m.index!, () => {
      const start = m.index!;
      const from = Math.min(text.lastIndexOf('\n', start - 1), start - 200);
      if (commentedOut(text, start, true)) return { value: undefined, from, to: start + m[0].length };
      const end = start + m[0].replace(/\s*\($/, '').length;
      const args = readPyCallArguments(text, start + m[0].length);
      const to = args.end + 1;
      const assigned = assignedName(text, start);
      if (invoke) return { value: { props: keywordsMap(args.keywords, start, args.end, text), start, end, assigned }, from, to };
      if (args.spread) return { value: undefined, from, to };
      const nameNode = args.positional[0] ?? args.keywords.find((k) => k.key === 'resource_name')?.value;
      const keywords = args.keywords.filter((k) => k.key !== 'opts' && k.key !== 'resource_name');
      const argsObject = args.positional[1] ?? args.keywords.find((k) => k.key === 'args')?.value;
      const props = keywordsMap(argsObject?.type === 'map' ? [...argsObject.entries, ...keywords] : keywords, start, args.end, text);
      const literalName = nameNode?.type === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : undefined;
      return { value: { props, start, end, literalName, assigned }, from, to };
    });
    const v = site.value;
    if (!v) continue;
    if (invoke) invokes.push({ name: v.assigned ?? 'get_policy_document', args: v.props, start: v.start, end: v.end, delta });
    else resources.push({ path, name: v.literalName ?? v.assigned ?? type, start: v.start, end: v.end, props: v.props, delta });
  }
  if (!resources.length && !invokes.length) return undefined;
  return { resources, invokes };
}

/** The variable a call at `at` is assigned to, if any. */
const assignedName = (text: string, at: number) =>
  /(?:^|\n)[ \t]*(?:self\.)?([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*$/.exec(text.slice(Math.max(0, at - 200), at))?.[1];

function keywordsMap(entries: MapNode['entries'], start: number, end: number, text: string): MapNode {
  return normalise({ type: 'map', entries, start, end }, text, '') as MapNode;
}

const DUMPS = /^(?:json\.dumps|pulumi\.Output\.json_dumps|Output\.json_dumps)\s*\(/;

/**
 * Values as the YAML analysis reads them: camelCase keys, a policy under `json.dumps` (or given
 * as a dict) as `fn::toJSON` with its own keys kept, the managed-policy enum as its ARN.
 */
function normalise(node: SourceNode, text: string, key: string): SourceNode {
  if (node.type === 'expr') {
    const dumps = DUMPS.exec(node.text);
    if (dumps) {
      const inner = readPyLiteral(text, skipPyTrivia(text, node.start + dumps[0].length)).node;
      return inner.type === 'map' ? asToJson(inner) : node;
    }
    const arn = managedPolicyEnumArn(node.text);
    return arn ? { type: 'scalar', value: arn, start: node.start, end: node.end } : node;
  }
  if (node.type === 'seq') return { ...node, items: node.items.map((i) => normalise(i, text, key)) };
  if (node.type !== 'map') return node;
  if (POLICY_PROPERTIES.has(key)) return asToJson(node);
  if (FREE_FORM_KEYS.has(key)) return node;
  return {
    ...node,
    entries: node.entries.map((e) => {
      const k = camelCase(e.key);
      return { ...e, key: k, value: normalise(e.value, text, k) };
    }),
  };
}
