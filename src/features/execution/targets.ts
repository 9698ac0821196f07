// Which hosts a command addresses: the tree nodes it was invoked on, the tree's selection, or a
// quick pick over every loaded host (the selected connector's first).
import * as vscode from 'vscode';
import type { HostEntry, HostSelector } from '../../core/bridge/protocol';
import { ConnectorSource, targetWithArgument } from '../../core/sidebar/sources';
import type { InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';

export interface ChosenHosts {
  selectors: HostSelector[];
  /** For titles: "web-1", "3 hosts", "group web". */
  label: string;
}

function add(selectors: Map<string, Set<string> | 'all'>, target: string, hosts: readonly string[] | 'all'): void {
  const current = selectors.get(target);
  if (current === 'all') return;
  if (hosts === 'all') return void selectors.set(target, 'all');
  const set = current ?? new Set<string>();
  for (const host of hosts) set.add(host);
  selectors.set(target, set);
}

function toSelectors(selectors: Map<string, Set<string> | 'all'>): HostSelector[] {
  return [...selectors].map(([target, hosts]) => (hosts === 'all' ? { target } : { target, hosts: [...hosts] }));
}

/** Host selectors for tree nodes: a host, a group's hosts, a connector's hosts; duplicates merged. */
export function selectorsForNodes(inventory: InventoryFeature, nodes: readonly InventoryNode[]): ChosenHosts | undefined {
  const selectors = new Map<string, Set<string> | 'all'>();
  const labels: string[] = [];
  for (const node of nodes) {
    if (!('source' in node)) continue;
    const target = targetWithArgument(node.source, inventory.settings.argument(node.source.id));
    if (node.kind === 'host') {
      add(selectors, target, [node.host.name]);
      labels.push(node.host.name);
    } else if (node.kind === 'group') {
      add(selectors, target, node.group.hosts.map((h) => h.name));
      labels.push(`group ${node.group.name}`);
    } else if (node.kind === 'connector') {
      add(selectors, target, 'all');
      labels.push(node.source.label);
    }
  }
  if (selectors.size === 0) return undefined;
  return { selectors: toSelectors(selectors), label: labels.length === 1 ? labels[0] : `${labels.length} targets` };
}

interface HostPick extends vscode.QuickPickItem {
  target?: string;
  host?: string;
}

/** Asks which hosts to run on, listing every connector's hosts with the selected connector first. */
export async function pickHosts(
  inventory: InventoryFeature,
  title: string,
  canPickMany = true,
  include: (source: ConnectorSource, host: HostEntry) => boolean = () => true,
): Promise<ChosenHosts | undefined> {
  const { provider, settings } = inventory;
  if (provider.connectorSources.length === 0) await provider.getChildren();
  const selectedId = provider.selectedSource?.id;
  const sources = [...provider.connectorSources].sort((a, b) => Number(b.id === selectedId) - Number(a.id === selectedId));
  const picker = vscode.window.createQuickPick<HostPick>();
  picker.title = title;
  picker.placeholder = 'Select hosts';
  picker.canSelectMany = canPickMany;
  picker.matchOnDescription = true;
  picker.busy = true;
  picker.show();
  const items: HostPick[] = [];
  for (const source of sources) {
    const result = await provider.hostsOf(source);
    const hosts = 'hosts' in result ? result.hosts.filter((host) => include(source, host)) : [];
    if (hosts.length === 0) continue;
    const target = targetWithArgument(source, settings.argument(source.id));
    items.push({ label: source.label, kind: vscode.QuickPickItemKind.Separator });
    for (const host of hosts) items.push({ label: host.name, description: host.groups.join(', '), target, host: host.name });
  }
  picker.items = items;
  picker.busy = false;
  const chosen = await new Promise<readonly HostPick[] | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems.length > 0 ? picker.selectedItems : picker.activeItems));
    picker.onDidHide(() => resolve(undefined));
  });
  picker.dispose();
  const hosts = (chosen ?? []).filter((item) => item.target && item.host);
  if (hosts.length === 0) return undefined;
  const selectors = new Map<string, Set<string> | 'all'>();
  for (const item of hosts) add(selectors, item.target!, [item.host!]);
  return { selectors: toSelectors(selectors), label: hosts.length === 1 ? hosts[0].label : `${hosts.length} hosts` };
}
