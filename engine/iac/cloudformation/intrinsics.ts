/**
 * The strings CloudFormation builds with intrinsic functions, read statically: `!Sub`/`Fn::Sub`,
 * `!Join`/`Fn::Join` and `!Ref`/`Ref`. What is only known at deploy time stays a `${Name}`
 * placeholder (`AWS::Partition` is read as `aws`: every partition's managed policies have the same
 * names). The YAML reader keeps intrinsics as unknown values with their source text; this
 * re-reads that text.
 */
import { get, type MapNode, type SourceNode } from '../sourceTree';
import { parseYamlSource } from '../yamlSource';

/** How deep intrinsics may nest before the value is called unknown. */
const MAX_NESTING = 8;

/** The intrinsic function an unknown value is and the value it is applied to, positions kept. */
function intrinsicOf(node: SourceNode & { type: 'expr' }, text: string): { fn: string; arg: SourceNode } | undefined {
  // A block collection ends where its last scalar does, which leaves that scalar's closing quote out.
  const written = text.slice(node.start, node.end);
  const quote = text[node.end];
  const unclosed = (quote === '"' || quote === "'") && written.split(quote).length % 2 === 0;
  const slice = unclosed ? written + quote : written;
  // Short form: `!Sub …` (a scalar keeps its tag in `text`; a tagged list or map has it just before).
  const tag = /^!(\w+)/.exec(node.text) ?? /!(\w+)\s*$/.exec(text.slice(Math.max(0, node.start - 24), node.start));
  if (tag) {
    // A block list's later lines are indented as in the file: pad the first line to its column.
    const column = node.start - (text.lastIndexOf('\n', node.start - 1) + 1);
    const arg = parseYamlSource(' '.repeat(column) + slice, node.start - column).documents[0];
    return arg ? { fn: tag[1] === 'Ref' ? 'Ref' : `Fn::${tag[1]}`, arg } : undefined;
  }
  // Long form: `{"Fn::Join": […]}` or `Fn::Sub: …`, a one-entry map whose value follows the key.
  const key = /^\{?\s*["']?(Ref|Fn::\w+)["']?\s*:/.exec(slice);
  if (!key) return undefined;
  const valueText = slice.slice(key[0].length).replace(/\}\s*$/, (m) => (slice.trimStart().startsWith('{') ? ' '.repeat(m.length) : m));
  const arg = parseYamlSource(valueText, node.start + key[0].length).documents[0];
  return arg ? { fn: key[1], arg } : undefined;
}

/**
 * The values `node` may take: both branches of `!If`/`Fn::If` (either can be deployed, so a
 * privilege in one counts), nested conditions followed, `!Ref AWS::NoValue` dropped; any other
 * node is its own only value.
 */
export function alternatives(node: SourceNode | undefined, text: string, depth = 0): SourceNode[] {
  if (!node) return [];
  if (node.type !== 'expr' || depth > MAX_NESTING) return [node];
  const intrinsic = intrinsicOf(node, text);
  if (intrinsic?.fn === 'Ref' && builtString(intrinsic.arg, text) === 'AWS::NoValue') return [];
  if (intrinsic?.fn !== 'Fn::If' || intrinsic.arg.type !== 'seq' || intrinsic.arg.items.length !== 3) return [node];
  return intrinsic.arg.items.slice(1).flatMap((branch) => alternatives(branch, text, depth + 1));
}

/**
 * The string `node` builds, or undefined when it is not a string or cannot be read. Unknown parts
 * are `${Name}` (a parameter, `${Resource.Attribute}`) or `${?}`.
 */
export function builtString(node: SourceNode | undefined, text: string, depth = 0): string | undefined {
  if (!node || depth > MAX_NESTING) return undefined;
  if (node.type === 'scalar') return node.value === null ? undefined : String(node.value);
  if (node.type !== 'expr') return undefined;
  const intrinsic = intrinsicOf(node, text);
  if (!intrinsic) return undefined;
  const { fn, arg } = intrinsic;
  if (fn === 'Ref') {
    const name = builtString(arg, text, depth + 1);
    return name === 'AWS::Partition' ? 'aws' : name && `\${${name}}`;
  }
  if (fn === 'Fn::Sub') {
    const template = arg.type === 'seq' ? arg.items[0] : arg;
    return builtString(template, text, depth + 1)?.replace(/\$\{AWS::Partition\}/g, 'aws');
  }
  if (fn === 'Fn::Join' && arg.type === 'seq' && arg.items.length === 2 && arg.items[1].type === 'seq') {
    const delimiter = builtString(arg.items[0], text, depth + 1) ?? '';
    return arg.items[1].items.map((part) => builtString(part, text, depth + 1) ?? '${?}').join(delimiter);
  }
  return '${?}';
}

/**
 * A policy document given as a JSON string, literally or through `!Sub`/`Fn::Sub` (CloudFormation
 * accepts both), parsed with offsets in the file where the string is written without escapes
 * (block scalars, `!Sub |`), else at the start of the string.
 */
export function jsonStringDocument(node: SourceNode | undefined, text: string): MapNode | undefined {
  if (node?.type !== 'scalar' && node?.type !== 'expr') return undefined;
  const written = text.slice(node.start, node.end);
  const open = written.indexOf('{');
  const close = written.lastIndexOf('}');
  if (open >= 0 && close > open) {
    // The JSON as written: a block scalar's indentation is only whitespace to JSON.
    const parsed = parseYamlSource(written.slice(open, close + 1), node.start + open);
    const doc = parsed.documents[0];
    if (!parsed.error && doc?.type === 'map' && get(doc, 'Statement')) return doc;
  }
  const value = builtString(node, text);
  if (!value?.trimStart().startsWith('{')) return undefined;
  const parsed = parseYamlSource(value, node.start);
  const doc = parsed.documents[0];
  return !parsed.error && doc?.type === 'map' ? doc : undefined;
}
