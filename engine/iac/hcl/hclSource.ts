import type { SourceNode } from '../sourceTree';
import { parseYamlSource } from '../yamlSource';
import type { HclAttribute, HclBlock, HclBody, HclExpr } from './hclParser';

/** An HCL expression as a source tree: literals become values, everything else is unknown. */
export function hclToSource(expr: HclExpr): SourceNode {
  const span = { start: expr.start, end: expr.end };
  switch (expr.kind) {
    case 'string':
      return expr.templated
        ? { type: 'expr', text: expr.value, ...span }
        : { type: 'scalar', value: expr.value, start: expr.start + 1, end: Math.max(expr.start + 1, expr.end - 1), quoted: true };
    case 'literal':
      return { type: 'scalar', value: expr.value, ...span };
    case 'tuple':
      return { type: 'seq', items: expr.items.map(hclToSource), ...span };
    case 'object':
      return {
        type: 'map',
        entries: expr.items
          .filter((i) => i.key !== undefined)
          .map((i) => ({ key: i.key!, keyStart: i.keyStart, keyEnd: i.keyEnd, value: hclToSource(i.value) })),
        ...span,
      };
    case 'heredoc':
      return { type: 'scalar', value: expr.raw, start: expr.contentStart, end: expr.contentStart + expr.raw.length };
    default:
      return { type: 'expr', text: expr.kind === 'call' ? `${expr.name}(…)` : expr.text, ...span };
  }
}

/**
 * A JSON document written inline: `jsonencode({...})`, a heredoc, or a literal JSON string.
 * Returns undefined when the value is a reference or cannot be read statically.
 */
export function inlineDocument(expr: HclExpr): SourceNode | undefined {
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) return hclToSource(expr.args[0]);
  if (expr.kind === 'heredoc') {
    const parsed = parseYamlSource(expr.raw, expr.contentStart);
    return parsed.error ? undefined : parsed.documents[0];
  }
  return undefined;
}

export function attribute(body: HclBody, name: string): HclAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function blocksOf(body: HclBody, type: string): HclBlock[] {
  return body.blocks.filter((b) => b.type === type);
}
