// The inventory tree: connectors -> (groups ->) hosts -> data. Each connector's hosts are asked of the
// bridge when its node is first shown, and kept until a refresh; large levels are paged.
import * as vscode from 'vscode';
import type { ConnectorClass } from '../../core/analysis/types';
import { BridgeError, type ConnectorInfo, type HostEntry } from '../../core/bridge/protocol';
import { dataEntries, firstPages, groupHosts, PAGE_SIZE } from '../../core/sidebar/hostTree';
import { ConnectorSource, gatherSources, targetWithArgument } from '../../core/sidebar/sources';
import { unsavedSources } from '../bridgeFactory';
import type { Ctx } from '../ctx';
import { ConnectorNode, InventoryNode, LoadResult, MoreNode, toTreeItem } from './nodes';
import type { ConnectorSettings } from './connectorSettings';

export interface ConnectorClassSource {
  connectorClasses(): Promise<ConnectorClass[]>;
}

export class InventoryTreeProvider implements vscode.TreeDataProvider<InventoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private sources: ConnectorSource[] = [];
  private readonly results = new Map<string, Promise<LoadResult>>();
  private readonly settled = new Map<string, LoadResult>();
  /** How many children a paged parent shows, by parent id. */
  private readonly shown = new Map<string, number>();
  private installed: Promise<ConnectorInfo[]> | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly classes: ConnectorClassSource,
    private readonly settings: ConnectorSettings,
  ) {}

  get grouped(): boolean {
    return vscode.workspace.getConfiguration('pyinfraConnectors', this.ctx.folder?.uri).get<boolean>('groupHosts', true);
  }

  /** The connectors listed at the top, as of the last time the root was shown. */
  get connectorSources(): readonly ConnectorSource[] {
    return this.sources;
  }

  /** The chosen connector, or the first listed until one is chosen. */
  get selectedSource(): ConnectorSource | undefined {
    return this.sources.find((s) => s.id === this.settings.selectedId) ?? this.sources[0];
  }

  refresh(): void {
    this.results.clear();
    this.settled.clear();
    this.shown.clear();
    this.installed = undefined;
    this.changed.fire(undefined);
  }

  /** Re-renders without asking connectors again (grouping toggled, selection changed). */
  rerender(): void {
    this.changed.fire(undefined);
  }

  showMore(node: MoreNode): void {
    this.shown.set(node.parentId, (this.shown.get(node.parentId) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(undefined);
  }

  getTreeItem(node: InventoryNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  async getChildren(node?: InventoryNode): Promise<InventoryNode[]> {
    if (!node) return this.rootChildren();
    switch (node.kind) {
      case 'connector': {
        const result = await this.load(node);
        if ('error' in result) return [{ kind: 'error', id: `${node.id}/error`, source: node.source, error: result.error }];
        if (!this.grouped) return this.paged(node.id, result.hosts, (host) => this.hostNode(node.id, node.source, host));
        return this.paged(node.id, groupHosts(result.hosts), (group) => ({
          kind: 'group', id: `${node.id}/g:${group.name}`, source: node.source, group,
        }));
      }
      case 'group':
        return this.paged(node.id, node.group.hosts, (host) => this.hostNode(node.id, node.source, host));
      case 'host':
        return this.paged(node.id, dataEntries(node.host.data), (entry) => ({ kind: 'data', id: `${node.id}/d:${entry.key}`, key: entry.key, summary: entry.summary, value: entry.children }));
      case 'data':
        return this.paged(node.id, dataEntries(node.value), (entry) => ({ kind: 'data', id: `${node.id}/${entry.key}`, key: entry.key, summary: entry.summary, value: entry.children }));
      default:
        return [];
    }
  }

  /** Hosts of one connector once loaded: used by commands and tests. */
  async hostsOf(source: ConnectorSource): Promise<LoadResult> {
    return this.load(this.connectorNode(source));
  }

  connectorNode(source: ConnectorSource): ConnectorNode {
    const argument = this.settings.argument(source.id);
    const key = `${source.id}|${argument ?? ''}`;
    return { kind: 'connector', id: `c:${source.id}`, source, argument, result: this.settled.get(key), selected: this.selectedSource?.id === source.id };
  }

  private hostNode(parentId: string, source: ConnectorSource, host: HostEntry): InventoryNode {
    return { kind: 'host', id: `${parentId}/h:${host.name}`, source, host };
  }

  private paged<T>(parentId: string, items: readonly T[], make: (item: T) => InventoryNode): InventoryNode[] {
    const page = firstPages(items, this.shown.get(parentId) ?? PAGE_SIZE);
    const nodes = page.items.map(make);
    if (page.remaining > 0) nodes.push({ kind: 'more', id: `${parentId}/more`, parentId, remaining: page.remaining });
    return nodes;
  }

  private async rootChildren(): Promise<InventoryNode[]> {
    if (!this.ctx.isTrusted) {
      this.ctx.setViewState('untrusted');
      return [];
    }
    const folder = this.ctx.folder;
    const settingTargets = vscode.workspace.getConfiguration('pyinfraConnectors', folder?.uri).get<string[]>('inventory', []);
    let installed: ConnectorInfo[];
    try {
      installed = await (this.installed ??= this.ctx.bridge().then((bridge) => bridge.connectors()));
    } catch (error) {
      this.installed = undefined;
      const kind = error instanceof BridgeError ? error.kind : undefined;
      this.ctx.describeError(error, 'Listing installed connectors failed');
      if (kind === 'python-missing' || kind === 'pyinfra-missing') {
        this.ctx.setViewState(kind === 'python-missing' ? 'noPython' : 'noPyinfra');
        return [];
      }
      installed = [];
    }
    const classes = await this.classes.connectorClasses().catch((error: unknown) => {
      this.ctx.describeError(error, 'Listing workspace connector classes failed');
      return [] as ConnectorClass[];
    });
    this.sources = gatherSources(folder?.uri.fsPath ?? '', classes, installed, settingTargets);
    this.ctx.setViewState(this.sources.length === 0 ? 'noConnector' : 'ready');
    return this.sources.map((source) => this.connectorNode(source));
  }

  private load(node: ConnectorNode): Promise<LoadResult> {
    const key = `${node.source.id}|${node.argument ?? ''}`;
    let pending = this.results.get(key);
    if (!pending) {
      const target = targetWithArgument(node.source, node.argument);
      const timeoutMs = 1000 * vscode.workspace.getConfiguration('pyinfraConnectors', this.ctx.folder?.uri).get<number>('inventoryTimeout', 30);
      const started = Date.now();
      pending = this.ctx
        .bridge()
        .then((bridge) => bridge.inventory(target, { timeoutMs, sources: unsavedSources() }))
        .then(
          (hosts): LoadResult => {
            this.ctx.log.info(`${target}: ${hosts.length} hosts in ${Date.now() - started} ms`);
            return { hosts };
          },
          (error: unknown): LoadResult => {
            this.ctx.describeError(error, `Loading ${target} failed`);
            return { error: error instanceof Error ? error : new Error(String(error)) };
          },
        )
        .then((result) => {
          if (this.results.get(key) === pending) {
            this.settled.set(key, result);
            // the connector's description (host count, failure) is only known now
            this.changed.fire(undefined);
          }
          return result;
        });
      this.results.set(key, pending);
    }
    return pending;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
