// The tree's filter: a host stays when the text is in its name, one of its groups, or one of its data values
// (as the tree shows them, secrets masked), ignoring case.
import type { HostEntry } from '../bridge/protocol';

function values(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(values);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(values);
  return [String(value)];
}

export function hostMatches(host: HostEntry, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  if (!wanted) return true;
  return [host.name, ...host.groups, ...values(host.data)].some((text) => text.toLowerCase().includes(wanted));
}
