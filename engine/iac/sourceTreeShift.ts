/**
 * A source tree moved by a number of characters: a copy, for the rare value built from pieces
 * read in different scans (engine/iac/keptSites.ts), whose offsets must agree.
 */
import type { SourceNode } from './sourceTree';

export function shiftedTree(node: SourceNode, by: number): SourceNode {
  if (by === 0) return node;
  const start = node.start + by;
  const end = node.end + by;
  switch (node.type) {
    case 'map':
      return {
        ...node,
        start,
        end,
        entries: node.entries.map((e) => ({ ...e, keyStart: e.keyStart + by, keyEnd: e.keyEnd + by, value: shiftedTree(e.value, by) })),
      };
    case 'seq':
      return { ...node, start, end, items: node.items.map((i) => shiftedTree(i, by)) };
    default:
      return { ...node, start, end };
  }
}
