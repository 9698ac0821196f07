// The inventory tree: connectors -> (groups ->) hosts -> data, drawn from the InventoryModel. A
// connector is asked for its hosts when its node is first shown; large levels are paged.
import * as vscode from 'vscode';
import type { DataSchema } from '../../core/analysis/dataSchema';
import type { HostEntry } from '../../core/bridge/protocol';
import { dataEntries, firstPages, groupHosts, PAGE_SIZE } from '../../core/inventory/hostTree';
import type { InventoryModel } from '../../core/inventory/model';
import type { ConnectorSource } from '../../core/inventory/sources';
import { hostMatches } from '../../core/inventory/hostFilter';
import { lintBadge } from './lintBadges';
import { ConnectorNode, dataTooltip, InventoryNode, MoreNode, toTreeItem } from './nodes';

/** While hosts stream in, the tree is redrawn at most this often. */
const STREAM_REDRAW_MS = 150;

export class InventoryTreeProvider implements vscode.TreeDataProvider<InventoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** How many children a paged parent shows, by parent id. */
  private readonly shown = new Map<string, number>();
  /** The node each node was listed under (TreeView.reveal walks up with getParent); roots have none. */
  private readonly parents = new Map<string, InventoryNode>();
  private redrawTimer: NodeJS.Timeout | undefined;
  private readonly listening: vscode.Disposable;

  /** Whether a run is going on for this host of this target; execution sets it. */
  runningHost: (target: string, host: string) => boolean = () => false;
  private hostFilter: string | undefined;

  /** The host data keys a connector's schema declares; the inventory feature sets it. */
  dataSchemaOf: (source: ConnectorSource) => Promise<DataSchema | undefined> = async () => undefined;

  constructor(
    private readonly model: InventoryModel,
    private readonly grouping: () => boolean,
    /** Groups with at least this many hosts start collapsed. */
    private readonly expandGroupsBelow: () => number,
  ) {
    this.listening = model.onDidChange((change) => {
      if (change.kind === 'status') return;
      if (change.kind === 'sources') {
        this.shown.clear();
        this.parents.clear();
      }
      const answer = change.kind === 'answer' ? this.model.sources.find((s) => s.id === change.sourceId) : undefined;
      if (answer && this.model.answer(answer) && 'loading' in this.model.answer(answer)!) this.redrawSoon();
      else this.rerender();
    });
  }

  get grouped(): boolean {
    return this.grouping();
  }

  /** Only hosts whose name, group or a data value holds this text; undefined for all. */
  get filter(): string | undefined {
    return this.hostFilter;
  }

  set filter(text: string | undefined) {
    this.hostFilter = text?.trim() || undefined;
    this.shown.clear();
    this.rerender();
  }

  /** Asks every connector again. */
  refresh(): void {
    this.model.refresh();
  }

  /** Redraws without asking connectors again (grouping toggled, selection changed). */
  rerender(): void {
    clearTimeout(this.redrawTimer);
    this.redrawTimer = undefined;
    this.changed.fire(undefined);
  }

  private redrawSoon(): void {
    this.redrawTimer ??= setTimeout(() => this.rerender(), STREAM_REDRAW_MS);
  }

  showMore(node: MoreNode): void {
    this.shown.set(node.parentId, (this.shown.get(node.parentId) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(undefined);
  }

  getTreeItem(node: InventoryNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  async resolveTreeItem(item: vscode.TreeItem, node: InventoryNode): Promise<vscode.TreeItem> {
    if (node.kind === 'data' && node.dataOf) item.tooltip = dataTooltip(node, await this.dataSchemaOf(node.dataOf).catch(() => undefined));
    return item;
  }

  getParent(node: InventoryNode): InventoryNode | undefined {
    return this.parents.get(node.id);
  }

  async getChildren(node?: InventoryNode): Promise<InventoryNode[]> {
    const children = await this.childrenOf(node);
    if (node) for (const child of children) this.parents.set(child.id, node);
    return children;
  }

  /**
   * The node of a connector, or of one of its hosts (below its first group when grouped), listed as the tree lists
   * it so that reveal finds the same row; undefined when it is not in the tree (or filtered out).
   */
  async nodeOf(sourceId: string, hostName?: string): Promise<InventoryNode | undefined> {
    const connector = (await this.getChildren()).find((n) => n.kind === 'connector' && n.source.id === sourceId);
    if (!connector || hostName === undefined) return connector;
    for (const child of await this.getChildren(connector)) {
      if (child.kind === 'host' && child.host.name === hostName) return child;
      if (child.kind === 'group' && child.group.hosts.some((h) => h.name === hostName)) {
        return (await this.getChildren(child)).find((n) => n.kind === 'host' && n.host.name === hostName);
      }
    }
    return undefined;
  }

  private async childrenOf(node?: InventoryNode): Promise<InventoryNode[]> {
    if (!node) return (await this.model.listSources()).map((source) => this.connectorNode(source));
    switch (node.kind) {
      case 'connector': {
        const answer = await this.model.firstHosts(node.source);
        if ('error' in answer) return [{ kind: 'error', id: `${node.id}/error`, source: node.source, error: answer.error }];
        const filter = this.hostFilter;
        const hosts = filter ? answer.hosts.filter((host) => hostMatches(host, filter)) : answer.hosts;
        if (!this.grouped) return this.paged(node.id, hosts, (host) => this.hostNode(node.id, node.source, host));
        const below = this.expandGroupsBelow();
        return this.paged(node.id, groupHosts(hosts), (group) => ({
          kind: 'group', id: `${node.id}/g:${group.name}`, source: node.source, group, expanded: group.hosts.length < below,
        }));
      }
      case 'group':
        return this.paged(node.id, node.group.hosts, (host) => this.hostNode(node.id, node.source, host));
      case 'host':
        return this.paged(node.id, dataEntries(node.host.data), (entry) => ({ kind: 'data', id: `${node.id}/d:${entry.key}`, key: entry.key, summary: entry.summary, value: entry.children, dataOf: node.source }));
      case 'data':
        return this.paged(node.id, dataEntries(node.value), (entry) => ({ kind: 'data', id: `${node.id}/${entry.key}`, key: entry.key, summary: entry.summary, value: entry.children }));
      default:
        return [];
    }
  }

  connectorNode(source: ConnectorSource): ConnectorNode {
    return {
      kind: 'connector', id: `c:${source.id}`, source, argument: this.model.argument(source.id),
      answer: this.model.answer(source), selected: this.model.selected?.id === source.id, lint: lintBadge(this.model.sources, source),
    };
  }

  private hostNode(parentId: string, source: ConnectorSource, host: HostEntry): InventoryNode {
    return { kind: 'host', id: `${parentId}/h:${host.name}`, source, host, running: this.runningHost(this.model.targetOf(source), host.name) };
  }

  private paged<T>(parentId: string, items: readonly T[], make: (item: T) => InventoryNode): InventoryNode[] {
    const page = firstPages(items, this.shown.get(parentId) ?? PAGE_SIZE);
    const nodes = page.items.map(make);
    if (page.remaining > 0) nodes.push({ kind: 'more', id: `${parentId}/more`, parentId, remaining: page.remaining });
    return nodes;
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    this.listening.dispose();
    this.changed.dispose();
  }
}
