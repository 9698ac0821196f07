// The shape of the inventory tree below a connector, computed without VS Code so it can be tested
// and kept cheap for 100,000 hosts: nothing is built until a node is expanded.
import type { HostEntry } from '../bridge/protocol';

/** Children past this count are shown a page at a time behind a "Show more" node. */
export const PAGE_SIZE = 1000;

export const UNGROUPED = '(no group)';

export interface HostGroup {
  name: string;
  hosts: HostEntry[];
}

/** Groups in first-seen order; a host in several groups appears under each. */
export function groupHosts(hosts: readonly HostEntry[]): HostGroup[] {
  const byName = new Map<string, HostEntry[]>();
  for (const host of hosts) {
    const groups = host.groups.length > 0 ? host.groups : [UNGROUPED];
    for (const group of groups) {
      let members = byName.get(group);
      if (!members) byName.set(group, (members = []));
      members.push(host);
    }
  }
  return [...byName].map(([name, members]) => ({ name, hosts: members }));
}

export interface Page<T> {
  items: T[];
  /** How many items follow this page. */
  remaining: number;
}

/** The first `shown` items (rounded up to whole pages), and how many are left behind "Show more". */
export function firstPages<T>(items: readonly T[], shown: number, pageSize = PAGE_SIZE): Page<T> {
  const count = Math.min(items.length, Math.max(pageSize, shown));
  return { items: items.slice(0, count), remaining: items.length - count };
}

export interface DataEntry {
  key: string;
  /** One-line rendering of the value. */
  summary: string;
  /** Set when the value has children to expand (an object or a non-empty list). */
  children?: unknown;
}

const MAX_SUMMARY = 120;

export function summarizeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (value !== null && typeof value === 'object') {
    const size = Object.keys(value).length;
    return size === 0 ? '{}' : `{${size} key${size === 1 ? '' : 's'}}`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

function isExpandable(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/** Entries of host data, or of a nested object or list inside it. */
export function dataEntries(value: unknown): DataEntry[] {
  const pairs: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return pairs.map(([key, item]) => ({ key, summary: summarizeValue(item), ...(isExpandable(item) ? { children: item } : {}) }));
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** A Markdown tooltip: the host, its groups and its (already masked) data as a table. */
export function hostTooltip(host: HostEntry): string {
  const lines = [`**${escapeMarkdown(host.name)}** — ${escapeMarkdown(host.connector)}`, ''];
  if (host.groups.length > 0) lines.push(`Groups: ${host.groups.map((g) => `\`${g.replace(/`/g, "'")}\``).join(', ')}`, '');
  const entries = Object.entries(host.data);
  if (entries.length === 0) {
    lines.push('_No host data._');
  } else {
    lines.push('| key | value |', '|---|---|');
    for (const [key, value] of entries.slice(0, 50)) {
      lines.push(`| ${escapeMarkdown(key)} | ${escapeMarkdown(summarizeValue(value))} |`);
    }
    if (entries.length > 50) lines.push('', `_…and ${entries.length - 50} more keys._`);
  }
  return lines.join('\n');
}
