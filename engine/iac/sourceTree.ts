/**
 * One data model for structured values read from YAML, JSON and HCL, with source offsets,
 * so a policy analyser is written once whatever file the policy came from.
 */

interface NodeBase {
  start: number;
  end: number;
}
export interface MapEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: SourceNode;
}
export interface MapNode extends NodeBase {
  type: 'map';
  entries: MapEntry[];
}
export interface SeqNode extends NodeBase {
  type: 'seq';
  items: SourceNode[];
}
/** `start`/`end` exclude the quotes of a quoted string; `quoted` says there are some around. */
export interface ScalarNode extends NodeBase {
  type: 'scalar';
  value: string | number | boolean | null;
  quoted?: boolean;
}
/** A value only known at deploy time: `!Ref`, `{"Fn::Sub": …}`, `var.x`, `"${local.y}"`. */
export interface ExprNode extends NodeBase {
  type: 'expr';
  text: string;
}
export type SourceNode = MapNode | SeqNode | ScalarNode | ExprNode;

/** A string literal found in the tree, with its position. */
export interface StringAt {
  value: string;
  start: number;
  end: number;
}

export function entry(node: SourceNode | undefined, key: string): MapEntry | undefined {
  if (node?.type !== 'map') return undefined;
  return node.entries.find((e) => e.key === key);
}

/** Case-insensitive lookup: IAM keys are case-sensitive in theory, written loosely in practice. */
export function entryCI(node: SourceNode | undefined, key: string): MapEntry | undefined {
  if (node?.type !== 'map') return undefined;
  const k = key.toLowerCase();
  return node.entries.find((e) => e.key.toLowerCase() === k);
}

export function get(node: SourceNode | undefined, ...path: string[]): SourceNode | undefined {
  let current = node;
  for (const key of path) current = entry(current, key)?.value;
  return current;
}

export function stringValue(node: SourceNode | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** A scalar or every scalar of a list, as strings with positions; unknown items are skipped. */
export function stringsOf(node: SourceNode | undefined): StringAt[] {
  if (!node) return [];
  if (node.type === 'scalar' && node.value !== null) return [{ value: String(node.value), start: node.start, end: node.end }];
  if (node.type === 'seq')
    return node.items.flatMap((item) =>
      item.type === 'scalar' && item.value !== null ? [{ value: String(item.value), start: item.start, end: item.end }] : [],
    );
  return [];
}

export function itemsOf(node: SourceNode | undefined): SourceNode[] {
  if (!node) return [];
  return node.type === 'seq' ? node.items : [node];
}
