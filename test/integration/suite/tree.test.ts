// The tree follows the files and stays usable when large: changes on disk reload it, lint errors show on a
// connector's node, a filter narrows it, large groups start collapsed, running hosts are marked.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import type { InventoryNode } from '../../../src/features/inventory/nodes';
import { activateExtension, connectorNamed, hostsBelow, waitFor, workspaceRoot } from './helpers';

const hostNames = (nodes: InventoryNode[]) => nodes.map((n) => (n.kind === 'host' ? n.host.name : n.kind)).sort();

suite('Tree', function () {
  this.timeout(120000);

  test('a connector file changed on disk, outside the editor, reloads the tree', async () => {
    const api = await activateExtension();
    await hostsBelow(api, await connectorNamed(api, 'DemoConnector'));
    const file = vscode.Uri.joinPath(workspaceRoot(), 'connectors/demo.py').fsPath;
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('("db-1"', '("db-7"'));
    try {
      // no save, no Refresh: only the file watcher can make the tree ask again
      await waitFor('db-7 in the tree', async () => {
        const hosts = await hostsBelow(api, await connectorNamed(api, 'DemoConnector'));
        return hostNames(hosts).includes('db-7') ? true : undefined;
      });
    } finally {
      fs.writeFileSync(file, original);
    }
    await waitFor('db-1 back', async () => (hostNames(await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).includes('db-1') ? true : undefined));
  });

  test('a connector with lint errors shows their count on its node and the first message in its tooltip', async () => {
    const api = await activateExtension();
    const half = await connectorNamed(api, 'HalfWrittenConnector');
    assert.ok(half.kind === 'connector');
    const node = await waitFor('the lint badge', () => {
      const current = api.inventory.provider.connectorNode(half.source);
      return current.lint ? current : undefined;
    });
    const item = api.inventory.provider.getTreeItem(node);
    assert.match(String(item.description), /1 lint error/);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes('**1 lint error**: HalfWrittenConnector') && tooltip.includes('get\\_file'), tooltip);
    const demo = await connectorNamed(api, 'DemoConnector');
    assert.ok(demo.kind === 'connector' && !api.inventory.provider.connectorNode(demo.source).lint, 'a clean connector has no badge');
  });

  test('the filter narrows the tree by name, group or data value, and clears', async () => {
    const api = await activateExtension();
    const demo = await connectorNamed(api, 'DemoConnector');
    try {
      await vscode.commands.executeCommand('pyinfraConnectors.filter', 'database');
      assert.deepStrictEqual(hostNames(await hostsBelow(api, demo)), ['db-1'], 'by a data value');
      assert.strictEqual(api.inventory.view.message, 'Showing the hosts matching "database" (name, group or data value)');
      await vscode.commands.executeCommand('pyinfraConnectors.filter', 'web');
      assert.deepStrictEqual(hostNames(await hostsBelow(api, demo)), ['web-1', 'web-2'], 'by a group');
      await vscode.commands.executeCommand('pyinfraConnectors.filter', 'WEB-2');
      assert.deepStrictEqual(hostNames(await hostsBelow(api, demo)), ['web-2'], 'by a name');
    } finally {
      await vscode.commands.executeCommand('pyinfraConnectors.clearFilter');
    }
    assert.deepStrictEqual(hostNames(await hostsBelow(api, demo)), ['db-1', 'web-1', 'web-2']);
    assert.strictEqual(api.inventory.view.message, undefined);
  });

  test('groups with at least expandGroupsBelow hosts start collapsed', async () => {
    const api = await activateExtension();
    const config = vscode.workspace.getConfiguration('pyinfraConnectors');
    await config.update('expandGroupsBelow', 2, vscode.ConfigurationTarget.Workspace);
    try {
      const groups = await waitFor('groups drawn with the setting', async () => {
        const children = await api.inventory.provider.getChildren(await connectorNamed(api, 'DemoConnector'));
        const web = children.find((n) => n.kind === 'group' && n.group.name === 'web');
        return web && web.kind === 'group' && !web.expanded ? children : undefined;
      });
      const state = (name: string) => api.inventory.provider.getTreeItem(groups.find((n) => n.kind === 'group' && n.group.name === name)!).collapsibleState;
      assert.strictEqual(state('web'), vscode.TreeItemCollapsibleState.Collapsed, '2 hosts: collapsed');
      assert.strictEqual(state('db'), vscode.TreeItemCollapsibleState.Expanded, '1 host: expanded');
    } finally {
      await config.update('expandGroupsBelow', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a host a command is running on is marked in the tree until it ends', async () => {
    const api = await activateExtension();
    const webHost = async () => (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-1');
    const host = await webHost();
    assert.ok(host);
    const running = vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined, { command: 'sleep 2' }) as Thenable<HostRunResult[]>;
    const marked = await waitFor('web-1 marked as running', async () => {
      const node = await webHost();
      return node?.kind === 'host' && node.running ? node : undefined;
    });
    assert.strictEqual((api.inventory.provider.getTreeItem(marked).iconPath as vscode.ThemeIcon).id, 'sync~spin');
    await running;
    const after = await webHost();
    assert.ok(after?.kind === 'host' && !after.running, 'not marked once the run ended');
  });
});
