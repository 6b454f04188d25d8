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
  codeProgram,
  FREE_FORM_KEYS,
  isPolicyDocumentInvoke,
  managedPolicyEnumArn,
  POLICY_PROPERTIES,
  pulumiPackage,
  type CodeResource,
} from './pulumiCodeProgram';
import { commentedOut } from '../commentedOut';

/** Only files that import a Pulumi provider package are read: one substring search per file. */
export function importsPulumiPython(text: string): boolean {
  return text.includes('pulumi_');
}

/** Local names bound to a Pulumi package, module or class, with the module path they stand for. */
function importedNames(text: string): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?/gm)) {
    if (commentedOut(text, m.index!, true)) continue;
    const path = pulumiPackage(m[1]);
    // `import pulumi_aws.iam` binds `pulumi_aws`, used with the full dotted path.
    if (path) names.set(m[2] ?? m[1].split('.')[0], m[2] ? path : path.slice(0, 1));
  }
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
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

/** The program a Python Pulumi file declares, as Pulumi YAML's shape; undefined when it imports no provider read here. */
export function readPulumiPython(text: string): SourceNode | undefined {
  const names = importedNames(text);
  if (!names.size) return undefined;
  const call = new RegExp(String.raw`(?<![\w.])(${[...names.keys()].join('|')})((?:\s*\.\s*[A-Za-z_]\w*)*)\s*\(`, 'g');
  const resources: CodeResource[] = [];
  const invokes: Array<{ name: string; args: SourceNode; start: number; end: number }> = [];
  for (const m of text.matchAll(call)) {
    if (commentedOut(text, m.index!, true)) continue;
    const base = names.get(m[1])!;
    const members = m[2]
      .split('.')
      .map((s) => s.trim())
      .filter(Boolean);
    const path = [...base, ...members];
    const type = path[path.length - 1];
    const start = m.index!;
    const end = start + m[0].replace(/\s*\($/, '').length;
    if (!/^[A-Z]/.test(type) && !isPolicyDocumentInvoke(path)) continue;
    const args = readPyCallArguments(text, start + m[0].length);
    if (isPolicyDocumentInvoke(path)) {
      const props = keywordsMap(args.keywords, start, args.end, text);
      invokes.push({ name: assignedName(text, start) ?? 'get_policy_document', args: props, start, end });
      continue;
    }
    // Args classes (`aws.iam.PolicyArgs(...)`) are values, not resources.
    if (/Args$/.test(type) || args.spread) continue;
    const nameNode = args.positional[0] ?? args.keywords.find((k) => k.key === 'resource_name')?.value;
    const keywords = args.keywords.filter((k) => k.key !== 'opts' && k.key !== 'resource_name');
    const argsObject = args.positional[1] ?? args.keywords.find((k) => k.key === 'args')?.value;
    const props = keywordsMap(argsObject?.type === 'map' ? [...argsObject.entries, ...keywords] : keywords, start, args.end, text);
    const name = nameNode?.type === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : (assignedName(text, start) ?? type);
    resources.push({ path, name, start, end, props });
  }
  if (!resources.length && !invokes.length) return undefined;
  return codeProgram(resources, invokes);
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
