// Which hosts a command addresses when it is invoked on inventory items: a host is that host, a
// group is that group's hosts (never the whole connector), a connector is all of its hosts.
import type { HostEntry, HostSelector } from '../bridge/protocol';
import type { HostGroup } from './hostTree';
import type { ConnectorSource } from './sources';

export interface ChosenHosts {
  selectors: HostSelector[];
  /** For titles: "web-1", "3 hosts", "group web". */
  label: string;
}

/** The items a command can be invoked on; the tree's nodes have these shapes. Other kinds address no host. */
export type InventoryItem =
  | { kind: 'connector'; source: ConnectorSource }
  | { kind: 'group'; source: ConnectorSource; group: HostGroup }
  | { kind: 'host'; source: ConnectorSource; host: HostEntry }
  | { kind: 'error' | 'data' | 'more' };

type Wanted = Map<string, Set<string> | 'all'>;

function add(wanted: Wanted, target: string, hosts: readonly string[] | 'all'): void {
  const current = wanted.get(target);
  if (current === 'all') return;
  if (hosts === 'all') return void wanted.set(target, 'all');
  const set = current ?? new Set<string>();
  for (const host of hosts) set.add(host);
  wanted.set(target, set);
}

function toSelectors(wanted: Wanted): HostSelector[] {
  return [...wanted].map(([target, hosts]) => (hosts === 'all' ? { target } : { target, hosts: [...hosts] }));
}

/** Selectors for items, duplicates merged per target; `targetOf` adds each connector's argument. */
export function chosenHostsOf(items: readonly InventoryItem[], targetOf: (source: ConnectorSource) => string): ChosenHosts | undefined {
  const wanted: Wanted = new Map();
  const labels: string[] = [];
  for (const item of items) {
    if (item.kind === 'host') {
      add(wanted, targetOf(item.source), [item.host.name]);
      labels.push(item.host.name);
    } else if (item.kind === 'group') {
      add(wanted, targetOf(item.source), item.group.hosts.map((h) => h.name));
      labels.push(`group ${item.group.name}`);
    } else if (item.kind === 'connector') {
      add(wanted, targetOf(item.source), 'all');
      labels.push(item.source.label);
    }
  }
  if (wanted.size === 0) return undefined;
  return { selectors: toSelectors(wanted), label: labels.length === 1 ? labels[0] : `${labels.length} targets` };
}

/** Selectors for hosts picked by name from several targets (a quick pick's answer). */
export function chosenHostsByName(picked: readonly { target: string; host: string }[]): ChosenHosts | undefined {
  if (picked.length === 0) return undefined;
  const wanted: Wanted = new Map();
  for (const { target, host } of picked) add(wanted, target, [host]);
  return { selectors: toSelectors(wanted), label: picked.length === 1 ? picked[0].host : `${picked.length} hosts` };
}
