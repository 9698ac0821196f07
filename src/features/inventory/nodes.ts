// The inventory tree's nodes and how each looks. Children are computed in treeProvider.ts.
import * as vscode from 'vscode';
import { DataSchema, describeDataKey } from '../../core/analysis/dataSchema';
import type { HostEntry } from '../../core/bridge/protocol';
import { reachedOverSsh } from '../../core/connectors/sshHostData';
import { HostGroup, hostTooltip, summarizeValue } from '../../core/inventory/hostTree';
import type { Answer } from '../../core/inventory/model';
import type { ConnectorSource } from '../../core/inventory/sources';
import type { LintBadge } from './lintBadges';

export interface ConnectorNode {
  kind: 'connector';
  id: string;
  source: ConnectorSource;
  argument?: string;
  /** What the connector answered so far; undefined before it is asked. */
  answer?: Answer;
  selected: boolean;
  /** Lint errors of its class, shown as a badge. */
  lint?: LintBadge;
}
export interface ErrorNode { kind: 'error'; id: string; source: ConnectorSource; error: Error }
export interface GroupNode { kind: 'group'; id: string; source: ConnectorSource; group: HostGroup; expanded: boolean }
export interface HostNode { kind: 'host'; id: string; source: ConnectorSource; host: HostEntry; running?: boolean }
export interface DataNode {
  kind: 'data'; id: string; key: string; summary: string; value?: unknown;
  /** On a host's own keys (not nested values): whose data it is, for the tooltip resolved on hover. */
  dataOf?: ConnectorSource;
}
/** Stands for the children not shown yet; clicking it shows the next page. */
export interface MoreNode { kind: 'more'; id: string; parentId: string; remaining: number }

export type InventoryNode = ConnectorNode | ErrorNode | GroupNode | HostNode | DataNode | MoreNode;

const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const Expanded = vscode.TreeItemCollapsibleState.Expanded;
const None = vscode.TreeItemCollapsibleState.None;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function connectorItem(node: ConnectorNode): vscode.TreeItem {
  const { source } = node;
  const item = new vscode.TreeItem(source.label, Expanded);
  const parts: string[] = [];
  if (source.entryPointName) parts.push(`@${source.entryPointName}`);
  if (node.argument) parts.push(`/${node.argument}`);
  const { answer } = node;
  if (answer && 'loading' in answer) parts.push(answer.hosts.length > 0 ? `${plural(answer.hosts.length, 'host')}…` : 'loading…');
  else if (answer && 'hosts' in answer) parts.push(plural(answer.hosts.length, 'host'));
  if (answer && 'error' in answer) parts.push('failed');
  if (node.lint) parts.push(plural(node.lint.errors, 'lint error'));
  item.description = parts.join(' · ');
  item.iconPath = node.lint
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground'))
    : new vscode.ThemeIcon(node.selected ? 'plug' : 'debug-disconnect', node.selected ? new vscode.ThemeColor('charts.green') : undefined);
  const tooltip = new vscode.MarkdownString(`**${source.label}**${node.selected ? ' (selected)' : ''}\n\nTarget: \`${source.target}${node.argument ? `/${node.argument}` : ''}\``);
  if (source.file) tooltip.appendMarkdown(`\n\nDefined in \`${vscode.workspace.asRelativePath(source.file)}\``);
  if (source.handlesExecution === false) tooltip.appendMarkdown('\n\nInventory only: its hosts are reached over SSH.');
  if (node.lint) tooltip.appendMarkdown(`\n\n**${plural(node.lint.errors, 'lint error')}**: `).appendText(node.lint.first);
  item.tooltip = tooltip;
  item.contextValue = `connector${source.file ? ' hasSource' : ''}${source.handlesExecution === false ? ' inventoryOnly' : ''}`;
  return item;
}

const dataValueText = (node: DataNode) => (node.value === undefined ? node.summary : summarizeValue(node.value));

/** The value, below the key's type, description and default when the connector's schema declares it. */
export function dataTooltip(node: DataNode, schema: DataSchema | undefined): vscode.MarkdownString | string {
  const doc = schema?.keys.get(node.key);
  if (!schema || !doc) return dataValueText(node);
  return new vscode.MarkdownString(describeDataKey(node.key, doc, schema)).appendMarkdown('\n\n---\n\nValue: ').appendText(dataValueText(node));
}

export function toTreeItem(node: InventoryNode): vscode.TreeItem {
  switch (node.kind) {
    case 'connector': {
      const item = connectorItem(node);
      item.id = node.id;
      return item;
    }
    case 'error': {
      const item = new vscode.TreeItem(node.error.message.split('\n')[0], None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = new vscode.MarkdownString().appendText(node.error.message).appendMarkdown('\n\n_Click to open the log with the traceback._');
      item.contextValue = `error${node.source.file ? ' hasSource' : ''}`;
      item.command = { command: 'pyinfraConnectors.showLog', title: 'Show Log' };
      return item;
    }
    case 'group': {
      const item = new vscode.TreeItem(node.group.name, node.expanded ? Expanded : Collapsed);
      item.id = node.id;
      item.description = plural(node.group.hosts.length, 'host');
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'group';
      return item;
    }
    case 'host': {
      const hasData = Object.keys(node.host.data).length > 0;
      const item = new vscode.TreeItem(node.host.name, hasData ? Collapsed : None);
      item.id = node.id;
      item.description = node.running ? `running… ${node.host.groups.join(', ')}` : node.host.groups.join(', ');
      item.iconPath = new vscode.ThemeIcon(node.running ? 'sync~spin' : 'server');
      item.tooltip = new vscode.MarkdownString(hostTooltip(node.host));
      item.contextValue = `host${reachedOverSsh(node.source.handlesExecution, node.host) ? ' ssh' : ''}`;
      return item;
    }
    case 'data': {
      const item = new vscode.TreeItem(`${node.key}: ${node.summary}`, node.value === undefined ? None : Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.value === undefined ? 'symbol-field' : 'symbol-object');
      // a host's own key gets its tooltip on hover, when its connector's schema is looked up
      if (!node.dataOf) item.tooltip = dataValueText(node);
      item.contextValue = 'data';
      return item;
    }
    case 'more': {
      const item = new vscode.TreeItem(`Show more (${node.remaining.toLocaleString('en-US')} not shown)`, None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'pyinfraConnectors.showMore', title: 'Show More', arguments: [node] };
      item.contextValue = 'more';
      return item;
    }
  }
}
