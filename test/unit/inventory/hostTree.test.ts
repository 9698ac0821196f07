import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostEntry } from '../../../src/core/bridge/protocol';
import { dataEntries, firstPages, groupHosts, hostTooltip, summarizeValue, UNGROUPED } from '../../../src/core/inventory/hostTree';

const host = (name: string, groups: string[], data: Record<string, unknown> = {}): HostEntry => ({ name, groups, data, connector: '@demo' });

describe('groupHosts', () => {
  it('keeps first-seen group order and lists a host under each of its groups', () => {
    const groups = groupHosts([host('a', ['web', 'eu']), host('b', ['db']), host('c', ['web'])]);
    assert.deepEqual(groups.map((g) => [g.name, g.hosts.map((h) => h.name)]), [['web', ['a', 'c']], ['eu', ['a']], ['db', ['b']]]);
  });

  it('puts hosts without groups under one ungrouped node', () => {
    const groups = groupHosts([host('a', []), host('b', ['x'])]);
    assert.deepEqual(groups.map((g) => g.name), [UNGROUPED, 'x']);
  });
});

describe('firstPages', () => {
  const items = Array.from({ length: 2500 }, (_, i) => i);

  it('shows one page and counts the rest', () => {
    const page = firstPages(items, 0, 1000);
    assert.equal(page.items.length, 1000);
    assert.equal(page.remaining, 1500);
  });

  it('grows by whole pages and ends with nothing remaining', () => {
    assert.equal(firstPages(items, 2000, 1000).remaining, 500);
    const all = firstPages(items, 3000, 1000);
    assert.equal(all.items.length, 2500);
    assert.equal(all.remaining, 0);
  });

  it('does not page short lists', () => {
    assert.deepEqual(firstPages([1, 2, 3], 0, 1000), { items: [1, 2, 3], remaining: 0 });
  });
});

describe('dataEntries and summarizeValue', () => {
  it('makes nested objects and non-empty lists expandable, scalars not', () => {
    const entries = dataEntries({ port: 22, tags: ['a', 'b'], empty: [], nested: { k: 'v' }, none: null });
    assert.deepEqual(entries.map((e) => [e.key, e.summary, 'children' in e]), [
      ['port', '22', false], ['tags', '[2 items]', true], ['empty', '[]', false], ['nested', '{1 key}', true], ['none', 'null', false],
    ]);
  });

  it('lists list items by index', () => {
    assert.deepEqual(dataEntries(['x', { y: 1 }]).map((e) => [e.key, e.summary]), [['0', 'x'], ['1', '{1 key}']]);
  });

  it('shortens long text', () => {
    const summary = summarizeValue('x'.repeat(500));
    assert.ok(summary.length <= 120 && summary.endsWith('…'));
  });
});

describe('hostTooltip', () => {
  it('renders groups and data as Markdown with special characters escaped', () => {
    const text = hostTooltip(host('web|1', ['web'], { ssh_password: '***', role: 'front*end' }));
    assert.match(text, /\*\*web\\\|1\*\*/);
    assert.match(text, /Groups: `web`/);
    assert.match(text, /\| ssh\\_password \| \\\*\\\*\\\* \|/);
    assert.match(text, /front\\\*end/);
  });

  it('says when there is no data', () => {
    assert.match(hostTooltip(host('a', [])), /No host data/);
  });
});
