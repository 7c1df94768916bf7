import * as vscode from 'vscode';
import { formatBytes, formatRate } from '../../shared/format';
import type { RetainerStep, Suspect } from '../../shared/report';
import type { HuntState } from '../hunt/huntState';

type Node =
  | { kind: 'suspect'; suspect: Suspect }
  | { kind: 'step'; suspect: Suspect; index: number };

const EDGE_ICONS: Record<string, string> = {
  context: 'symbol-variable',
  property: 'symbol-property',
  element: 'symbol-array',
  internal: 'gear',
  hidden: 'eye-closed',
  shortcut: 'arrow-right',
  weak: 'debug-disconnect',
};

const NODE_ICONS: Record<string, string> = {
  closure: 'symbol-function',
  array: 'symbol-array',
  object: 'symbol-class',
  string: 'symbol-string',
  synthetic: 'root-folder',
  hidden: 'circle-outline',
};

/**
 * The retainer tree in Run and Debug: suspects, each expanding (lazily) to its retainer path
 * from the GC root down to the growing object. Selecting the root step opens its declaration.
 */
export class RetainerTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: HuntState) {
    this.subscription = state.onMessage(m => {
      if (m.type === 'state' || m.type === 'analysis') this.changed.fire();
    });
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.state.report.suspects.map(suspect => ({ kind: 'suspect', suspect }));
    if (node.kind === 'suspect') return node.suspect.retainerPath.map((_, index) => ({ kind: 'step', suspect: node.suspect, index }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'suspect') return suspectItem(node.suspect);
    return stepItem(node.suspect, node.index);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function suspectItem(s: Suspect): vscode.TreeItem {
  const item = new vscode.TreeItem(`${s.rank}. ${s.className} ← ${s.root.name}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.description = `${s.archetype} · ${formatRate(s.growthBytesPerSec)}`;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  const sizes = s.collectionSizes?.length ? `\n\nEntries per snapshot: ${s.collectionSizes.join(' → ')}` : '';
  const where = s.root.location ? `\n\nDeclared at \`${s.root.location.file}:${s.root.location.line}\`` : '';
  item.tooltip = new vscode.MarkdownString(
    `**${s.className}** retained by \`${s.root.name}\` (${s.root.kind})\n\n+${s.countDelta} objects, +${formatBytes(s.retainedDelta)} retained, ${formatRate(s.growthBytesPerSec)}${sizes}${where}`,
  );
  item.contextValue = 'suspect';
  if (s.root.location) item.command = revealCommand(s.root.location);
  return item;
}

function stepItem(s: Suspect, index: number): vscode.TreeItem {
  const step: RetainerStep = s.retainerPath[index];
  const isRoot = s.root && index === s.retainerPath.findIndex(x => x.edge === s.root.name || x.edge === `.${s.root.name}`);
  const item = new vscode.TreeItem(`${step.edge} → ${step.node}`, vscode.TreeItemCollapsibleState.None);
  item.description = `${step.edgeType}${isRoot ? ' · retaining root' : ''}`;
  item.iconPath = new vscode.ThemeIcon(isRoot ? 'pinned' : EDGE_ICONS[step.edgeType] ?? NODE_ICONS[step.nodeType] ?? 'circle-small');
  item.tooltip = `${step.edgeType} edge "${step.edge}" to ${step.nodeType} ${step.node}`;
  if (isRoot && s.root.location) item.command = revealCommand(s.root.location);
  return item;
}

function revealCommand(loc: { file: string; line: number; column: number }): vscode.Command {
  const pos = new vscode.Position(loc.line - 1, Math.max(0, loc.column - 1));
  return { title: 'Open declaration', command: 'vscode.open', arguments: [vscode.Uri.file(loc.file), { selection: new vscode.Range(pos, pos) }] };
}
