// The tree follows the files and stays usable when large: changes on disk reload it, lint errors show on a
// connector's node, a filter narrows it, large groups start collapsed, running hosts are marked.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import type { InventoryNode } from '../../../src/features/inventory/nodes';
import { activateExtension, connectorNamed, EXTENSION_ID, hostsBelow, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

// 5,000 hosts in group "fleet" and 40 other groups: the first 400 hosts are each in a rack of 10 as well
const LARGE_FILE = 'connectors/large_inventory.py';
const LARGE_SOURCE = [
  'from pyinfra.connectors.local import LocalConnector',
  '',
  '',
  'class LargeInventory(LocalConnector):',
  '    @staticmethod',
  '    def make_names_data(name=None):',
  '        for i in range(5000):',
  '            racks = [f"rack-{i % 40:02d}"] if i < 400 else []',
  '            yield f"node-{i:04d}", {"zone": f"zone-{i % 7}"}, ["fleet", *racks]',
  '',
].join('\n');

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
    // the command runs until the test has seen the mark (a fixed sleep could end first on a loaded machine)
    const seen = path.join(os.tmpdir(), `pck-tree-running-${process.pid}`);
    const command = `for i in $(seq 600); do [ -e ${seen} ] && break; sleep 0.1; done`;
    const running = vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined, { command }) as Thenable<HostRunResult[]>;
    try {
      const marked = await waitFor('web-1 marked as running', async () => {
        const node = await webHost();
        return node?.kind === 'host' && node.running ? node : undefined;
      });
      assert.strictEqual((api.inventory.provider.getTreeItem(marked).iconPath as vscode.ThemeIcon).id, 'sync~spin');
    } finally {
      fs.writeFileSync(seen, '');
    }
    await running;
    fs.rmSync(seen, { force: true });
    const after = await webHost();
    assert.ok(after?.kind === 'host' && !after.running, 'not marked once the run ended');
  });

  test('5,000 hosts in one group and 40 others: the big group starts collapsed and paged, the filter narrows it, the flat view is one click away', async () => {
    const api = await activateExtension();
    await writeWorkspaceFile(LARGE_FILE, LARGE_SOURCE);
    const config = vscode.workspace.getConfiguration('pyinfraConnectors');
    const provider = api.inventory.provider;
    try {
      const connector = await waitFor('LargeInventory in the tree', async () => {
        provider.refresh();
        return (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'LargeInventory');
      });
      // hosts stream in: wait for the whole answer
      await waitFor('all 5,000 hosts in their groups', async () => {
        const children = await provider.getChildren(connector);
        return children.length === 41 && children.some((n) => n.kind === 'group' && n.group.name === 'fleet' && n.group.hosts.length === 5000) ? true : undefined;
      }, 90000);
      const groups = await provider.getChildren(connector);
      const state = (node: InventoryNode) => provider.getTreeItem(node).collapsibleState;
      const fleet = groups.find((n) => n.kind === 'group' && n.group.name === 'fleet')!;
      assert.strictEqual(state(fleet), vscode.TreeItemCollapsibleState.Collapsed, '5,000 hosts (expandGroupsBelow 50): collapsed');
      const racks = groups.filter((n) => n.kind === 'group' && n.group.name.startsWith('rack-'));
      assert.strictEqual(racks.length, 40);
      assert.ok(racks.every((rack) => state(rack) === vscode.TreeItemCollapsibleState.Expanded), 'racks of 10: expanded');
      const fleetPage = await provider.getChildren(fleet);
      assert.strictEqual(fleetPage.length, 1001, 'a page of 1,000 hosts and "Show more"');
      const more = fleetPage[1000];
      assert.ok(more.kind === 'more' && more.remaining === 4000, `4,000 behind "Show more", got ${JSON.stringify(more)}`);

      await vscode.commands.executeCommand('pyinfraConnectors.filter', 'node-4321');
      const byName = await provider.getChildren(connector);
      assert.deepStrictEqual(byName.map((n) => n.kind === 'group' && `${n.group.name}:${n.group.hosts.map((h) => h.name)}`), ['fleet:node-4321']);
      assert.strictEqual(state(byName[0]), vscode.TreeItemCollapsibleState.Expanded, 'one matching host: its group opens');
      await vscode.commands.executeCommand('pyinfraConnectors.filter', 'rack-07');
      const byGroup = await provider.getChildren(connector);
      assert.deepStrictEqual(byGroup.map((n) => n.kind === 'group' && `${n.group.name}:${n.group.hosts.length}`), ['fleet:10', 'rack-07:10']);
      await vscode.commands.executeCommand('pyinfraConnectors.clearFilter');

      // the flat view: the title bar's toggle, each host once
      const titleMenu = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/title'] as Array<{ command: string; group: string }>;
      assert.ok(titleMenu.some((item) => item.command === 'pyinfraConnectors.toggleGrouping' && item.group.startsWith('navigation')), 'a title bar button');
      await vscode.commands.executeCommand('pyinfraConnectors.toggleGrouping');
      const flat = await waitFor('the flat view', async () => {
        const children = await provider.getChildren(connector);
        return children[0]?.kind === 'host' ? children : undefined;
      });
      assert.strictEqual(flat.length, 1001, '1,000 hosts and "Show more"');
      assert.ok(flat[1000].kind === 'more' && flat[1000].remaining === 4000, 'each host once: 5,000 in all');
    } finally {
      await vscode.commands.executeCommand('pyinfraConnectors.clearFilter');
      await config.update('groupHosts', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), LARGE_FILE));
    }
  });
});
