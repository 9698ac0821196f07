import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostNode } from '../../../src/features/inventory/nodes';
import { activateExtension, connectorNamed, hostsBelow, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

suite('Inventory sidebar', function () {
  this.timeout(90000);

  test('lists @local and the demo workspace connector loaded from its file', async () => {
    const api = await activateExtension();
    const local = await connectorNamed(api, '@local');
    assert.deepStrictEqual((await hostsBelow(api, local)).map((n) => (n as HostNode).host.name), ['@local']);
    const demo = await connectorNamed(api, 'DemoConnector');
    assert.ok(demo.kind === 'connector');
    assert.strictEqual(demo.source.target, 'connectors/demo.py:DemoConnector');
    assert.strictEqual(demo.source.entryPointName, 'demo');
    const hosts = (await hostsBelow(api, demo)) as HostNode[];
    assert.deepStrictEqual(hosts.map((n) => n.host.name).sort(), ['db-1', 'web-1', 'web-2']);
  });

  test('groups hosts by group, or lists them flat after the toggle', async () => {
    const api = await activateExtension();
    const demo = await connectorNamed(api, 'DemoConnector');
    const grouped = await api.inventory.provider.getChildren(demo);
    assert.deepStrictEqual(grouped.map((n) => n.kind === 'group' && n.group.name), ['web', 'db']);
    await vscode.commands.executeCommand('pyinfraConnectors.toggleGrouping');
    try {
      const flat = await waitFor('flat hosts', async () => {
        const children = await api.inventory.provider.getChildren(await connectorNamed(api, 'DemoConnector'));
        return children.every((n) => n.kind === 'host') ? children : undefined;
      });
      assert.deepStrictEqual(flat.map((n) => (n as HostNode).host.name), ['web-1', 'web-2', 'db-1']);
    } finally {
      await vscode.commands.executeCommand('pyinfraConnectors.toggleGrouping');
    }
  });

  test('shows host data with nested values expandable and secrets masked', async () => {
    const api = await activateExtension();
    const web1 = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-1') as HostNode;
    assert.notStrictEqual(web1.host.data.ssh_password, 'hunter2', 'the password is masked');
    const data = await api.inventory.provider.getChildren(web1);
    const labels = data.map((n) => api.inventory.provider.getTreeItem(n).label);
    assert.ok(labels.includes('role: frontend'), labels.join(', '));
    assert.ok(labels.includes('port: 8080'), labels.join(', '));
    assert.ok(!labels.some((l) => String(l).includes('hunter2')), 'no tree label shows the password');
    const db1 = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'db-1') as HostNode;
    const replicas = (await api.inventory.provider.getChildren(db1)).find((n) => n.kind === 'data' && n.key === 'replicas');
    assert.ok(replicas, 'replicas entry');
    const items = await api.inventory.provider.getChildren(replicas);
    assert.deepStrictEqual(items.map((n) => n.kind === 'data' && n.summary), ['db-2', 'db-3']);
  });

  test('a host data tooltip shows the key\'s type, data_meta description and default; @ssh\'s for an inventory-only class', async () => {
    const api = await activateExtension();
    const provider = api.inventory.provider;
    const tooltipOf = async (host: HostNode, key: string) => {
      const node = (await provider.getChildren(host)).find((n) => n.kind === 'data' && n.key === key);
      assert.ok(node, `${key} in ${host.host.name}'s data`);
      const item = provider.getTreeItem(node);
      assert.strictEqual(item.tooltip, undefined, 'resolved on hover');
      const { tooltip } = await provider.resolveTreeItem(item, node);
      return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
    };
    const web1 = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).find((n) => n.kind === 'host' && n.host.name === 'web-1') as HostNode;
    const port = await tooltipOf(web1, 'port');
    assert.match(port, /\*\*port\*\*: `int` — data_cls key/);
    assert.match(port, /Port the demo service listens on/);
    assert.match(port, /Default: `8080`/);
    assert.match(port, /Value: 8080/);
    assert.match(await tooltipOf(web1, 'role'), /What the host serves: frontend or database[\s\S]*Default: `"frontend"`/);
    const password = await tooltipOf(web1, 'ssh_password');
    assert.ok(!/data_cls|hunter2/.test(password), `a key DemoData does not declare shows its masked value only: ${password}`);

    await writeWorkspaceFile('connectors/inventory_only.py', [
      'from pyinfra.connectors.base import BaseConnector',
      '',
      '',
      'class InventoryOnlyConnector(BaseConnector):',
      '    @staticmethod',
      '    def make_names_data(name=None):',
      '        yield "box-1", {"ssh_user": "deploy"}, []',
      '',
    ].join('\n'));
    try {
      // the file watcher may reload the tree meanwhile: find the connector and its host again until both are there
      const box = await waitFor('box-1 below InventoryOnlyConnector', async () => {
        const node = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'InventoryOnlyConnector');
        if (!node) {
          provider.refresh();
          return undefined;
        }
        return ((await hostsBelow(api, node)) as HostNode[]).find((n) => n.host.name === 'box-1');
      });
      const user = await tooltipOf(box, 'ssh_user');
      assert.match(user, /\*\*ssh_user\*\*: `str` — @ssh host data \(this connector is inventory-only\)/);
      assert.match(user, /SSH user/);
      assert.match(user, /Value: deploy/);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'connectors/inventory_only.py'));
    }
  });

  test('a raising connector shows an error node with its message', async () => {
    const api = await activateExtension();
    await writeWorkspaceFile('connectors/raising.py', [
      'from pyinfra.api.exceptions import InventoryError',
      'from pyinfra.connectors.base import BaseConnector',
      '',
      '',
      'class RaisingConnector(BaseConnector):',
      '    @staticmethod',
      '    def make_names_data(name=None):',
      '        raise InventoryError("cloud API token expired")',
      '        yield',
      '',
    ].join('\n'));
    try {
      const node = await waitFor('RaisingConnector in the tree', async () => {
        api.inventory.provider.refresh();
        return (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'RaisingConnector');
      });
      // the file watcher may ask again meanwhile: wait for the answer to the file as written
      const children = await waitFor('the error node', async () => {
        const nodes = await api.inventory.provider.getChildren(node);
        return nodes.length === 1 && nodes[0].kind === 'error' ? nodes : undefined;
      });
      assert.strictEqual(children.length, 1);
      assert.strictEqual(children[0].kind, 'error');
      assert.match(children[0].kind === 'error' ? children[0].error.message : '', /cloud API token expired/);
      const item = api.inventory.provider.getTreeItem(children[0]);
      assert.strictEqual(item.command?.command, 'pyinfraConnectors.showLog');
      const others = await hostsBelow(api, await connectorNamed(api, 'DemoConnector'));
      assert.strictEqual(others.length, 3, 'the other connectors still load');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'connectors/raising.py'));
    }
  });

  test('refreshes when a connector file is saved', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'connectors/demo.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const original = document.getText();
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), original.replace('("db-1"', '("db-9"')));
    await document.save();
    try {
      await waitFor('db-9 after save', async () => {
        const hosts = await hostsBelow(api, await connectorNamed(api, 'DemoConnector'));
        return hosts.some((n) => n.kind === 'host' && n.host.name === 'db-9') ? true : undefined;
      });
    } finally {
      await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), original));
      await document.save();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('Set Argument passes /arg to make_names_data', async () => {
    const api = await activateExtension();
    const demo = await connectorNamed(api, 'DemoConnector');
    await vscode.commands.executeCommand('pyinfraConnectors.setArgument', demo, 'db');
    try {
      const hosts = await waitFor('only db hosts', async () => {
        const names = (await hostsBelow(api, await connectorNamed(api, 'DemoConnector'))).map((n) => (n as HostNode).host.name);
        return names.length === 1 ? names : undefined;
      });
      assert.deepStrictEqual(hosts, ['db-1']);
    } finally {
      await vscode.commands.executeCommand('pyinfraConnectors.setArgument', await connectorNamed(api, 'DemoConnector'), '');
    }
  });

  test('Select Connector is remembered and shown', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('pyinfraConnectors.selectConnector', await connectorNamed(api, 'DemoConnector'));
    assert.strictEqual(api.inventory.selectedSource()?.label, 'DemoConnector');
    const node = await connectorNamed(api, 'DemoConnector');
    assert.ok(node.kind === 'connector' && node.selected);
  });
});
