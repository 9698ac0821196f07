// Large inventories in the sidebar, measured in the extension host of a real VS Code:
// - 10,000 hosts: time from the bridge's answer to the first level of the tree (getChildren + getTreeItem);
// - 100,000 hosts: the same, the page size of every level, and the longest the extension host's event loop
//   was blocked while the tree was built (what would make the window's tree stop responding).
// Figures go to PCK_BENCH_FILE as JSON; bench/sidebar/run.sh prints them.
import * as assert from 'assert';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { LoadResult } from '../../../src/core/inventory/model';
import { activateExtension, connectorNamed, waitFor, writeWorkspaceFile } from '../suite/helpers';

const CONNECTOR = `from pyinfra.connectors.local import LocalConnector


class BigConnector(LocalConnector):
    @staticmethod
    def make_names_data(count=None):
        for i in range(int(count or 10)):
            yield f"host-{i:06d}", {"index": i, "zone": f"z{i % 7}"}, [f"group-{i % 20:02d}"]
`;

/** Longest gap between timer ticks scheduled 5 ms apart, while `work` runs. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 5);
    last = now;
  }, 5);
  try {
    const value = await work();
    return { value, stallMs };
  } finally {
    clearInterval(timer);
  }
}

suite('sidebar benchmark', function () {
  this.timeout(600000);
  const figures: Record<string, number> = {};

  suiteTeardown(() => {
    if (process.env.PCK_BENCH_FILE) fs.writeFileSync(process.env.PCK_BENCH_FILE, JSON.stringify(figures, null, 2));
  });

  for (const count of [10000, 100000]) {
    test(`${count} hosts`, async () => {
      const api = await activateExtension();
      await writeWorkspaceFile('connectors/big.py', CONNECTOR);
      const source = await waitFor('BigConnector', async () => {
        api.inventory.provider.refresh();
        return (await connectorNamed(api, 'BigConnector').catch(() => undefined));
      }, 60000);
      assert.ok(source.kind === 'connector');
      // a generous timeout: pyinfra's own Inventory of 100,000 hosts takes seconds even with the bridge's O(1) groups
      await vscode.workspace.getConfiguration('pyinfraConnectors').update('inventoryTimeout', 600, vscode.ConfigurationTarget.Workspace);
      await api.inventory.model.setArgument(source.source.id, String(count));
      api.inventory.provider.refresh();
      for (const grouped of [true, false]) {
        const config = vscode.workspace.getConfiguration('pyinfraConnectors');
        await config.update('groupHosts', grouped, vscode.ConfigurationTarget.Workspace);
        api.inventory.provider.refresh();
        const node = api.inventory.provider.connectorNode(source.source);
        const started = performance.now();
        const loaded: { value: LoadResult; stallMs: number } = await longestStall(() => api.inventory.model.hosts(source.source));
        const { value: result, stallMs: bridgeStall } = loaded;
        const answered = performance.now();
        assert.ok('hosts' in result, 'error' in result ? result.error.message : '');
        assert.strictEqual(result.hosts.length, count);
        const { value: firstLevel, stallMs: treeStall } = await longestStall(async () => {
          const children = await api.inventory.provider.getChildren(node);
          for (const child of children) api.inventory.provider.getTreeItem(child);
          return children;
        });
        const shown = performance.now();
        const mode = grouped ? 'grouped' : 'flat';
        figures[`${count}.${mode}.bridgeMs`] = answered - started;
        figures[`${count}.${mode}.firstLevelMs`] = shown - answered;
        figures[`${count}.${mode}.firstLevelNodes`] = firstLevel.length;
        figures[`${count}.${mode}.maxStallMs`] = Math.max(bridgeStall, treeStall);
        if (!grouped) assert.strictEqual(firstLevel.length, 1001, 'flat: one page of 1,000 hosts and a Show more node');
        if (grouped) {
          const group = firstLevel[0];
          const { value: members, stallMs } = await longestStall(() => api.inventory.provider.getChildren(group));
          figures[`${count}.grouped.groupChildren`] = members.length;
          figures[`${count}.grouped.expandStallMs`] = stallMs;
        }
      }
      await vscode.workspace.getConfiguration('pyinfraConnectors').update('groupHosts', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('pyinfraConnectors').update('inventoryTimeout', undefined, vscode.ConfigurationTarget.Workspace);
    });
  }
});
