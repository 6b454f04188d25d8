import * as vscode from 'vscode';
import type { InventoryItem } from '../protocol/nhiLensProtocol';
import { withheldIdentities, type InventoryCounts } from './inventoryCounts';

export type GroupBy = 'kind' | 'owner' | 'file';

/** A group, an identity, or the last row saying how many identities the server left out. */
type Node = { group: string; items: InventoryItem[] } | InventoryItem | { withheld: { label: string; description: string } };

/** The NHI inventory of the last audit, grouped by kind, owner or file; a click reveals the identity. */
export class InventoryTree implements vscode.TreeDataProvider<Node> {
  private items: InventoryItem[] = [];
  private counts?: InventoryCounts;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private groupBy: GroupBy = 'kind') {}

  /** `counts`: how many there are in all (the server lists only the riskiest past its cap). */
  update(items: InventoryItem[], counts?: InventoryCounts): void {
    this.items = items;
    this.counts = counts;
    this.changed.fire();
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupBy = groupBy;
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (node) return 'group' in node ? node.items : [];
    const withheld = this.counts && withheldIdentities(this.counts);
    const groups = new Map<string, InventoryItem[]>();
    for (const i of this.items) {
      const key = this.groupBy === 'kind' ? i.kindLabel : this.groupBy === 'owner' ? (i.owner ?? '(no owner)') : i.path;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    return [
      ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items })),
      ...(withheld ? [{ withheld }] : []),
    ];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('withheld' in node) {
      const item = new vscode.TreeItem(node.withheld.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.withheld.description;
      item.iconPath = new vscode.ThemeIcon('info');
      item.command = { command: 'nhiLens.showReport', title: 'Show Report' };
      return item;
    }
    if ('group' in node) {
      const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.items.length}`;
      item.iconPath = new vscode.ThemeIcon(this.groupBy === 'file' ? 'file' : this.groupBy === 'owner' ? 'person' : 'symbol-class');
      return item;
    }
    const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
    item.description = [
      node.breadth !== 'unknown' ? node.breadth : '',
      node.exposure && node.exposure !== 'not committed' ? `${node.credential}, ${node.exposure}` : node.credential,
      this.groupBy === 'owner' ? '' : (node.owner ?? 'no owner'),
      node.findings.length ? `${node.findings.length} findings` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = new vscode.MarkdownString(
      `**${node.kindLabel}** ${node.name}\n\n- file: \`${node.path}:${node.range.start.line + 1}\`\n- owner: ${node.owner ?? 'none'} (${node.ownerSource})\n- permissions: ${node.breadth}\n- credential: ${node.credential}${node.exposure ? ` (${node.exposure})` : ''}\n- findings: ${node.findings.length}`,
    );
    item.iconPath = new vscode.ThemeIcon(node.breadth === 'admin' ? 'warning' : node.credential === 'static' ? 'key' : 'account');
    // The server resolved the path against the identity's own folder (multi-root workspaces).
    const range = new vscode.Range(node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character);
    item.command = { command: 'vscode.open', title: 'Reveal', arguments: [vscode.Uri.parse(node.uri), { selection: range }] };
    return item;
  }
}
