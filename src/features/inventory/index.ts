// The inventory sidebar: tree view, its commands, the selected-connector status item, refresh on save.
import * as vscode from 'vscode';
import type { ConnectorClass } from '../../core/analysis/types';
import type { ConnectorSource } from '../../core/sidebar/sources';
import type { Ctx } from '../ctx';
import { ConnectorSettings } from './connectorSettings';
import { createConnector, CreateConnectorAnswers } from './createConnector';
import type { InventoryNode, MoreNode } from './nodes';
import { InventoryTreeProvider } from './treeProvider';

export interface ConnectorClassFeed {
  connectorClasses(): Promise<ConnectorClass[]>;
  onDidChangeConnectorClasses: vscode.Event<void>;
}

export interface InventoryFeature {
  provider: InventoryTreeProvider;
  view: vscode.TreeView<InventoryNode>;
  settings: ConnectorSettings;
  selectedSource(): ConnectorSource | undefined;
}

const SAVE_DEBOUNCE_MS = 300;

function sourceOf(node: InventoryNode | undefined): ConnectorSource | undefined {
  return node && 'source' in node ? node.source : undefined;
}

export function activateInventory(ctx: Ctx, classes: ConnectorClassFeed): InventoryFeature {
  const settings = new ConnectorSettings(ctx.extension.workspaceState);
  const provider = new InventoryTreeProvider(ctx, classes, settings);
  const view = vscode.window.createTreeView('pyinfraConnectors.inventory', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  const status = vscode.window.createStatusBarItem('pyinfraConnectors.selected', vscode.StatusBarAlignment.Left, 50);
  status.name = 'pyinfra Connector';
  status.command = 'pyinfraConnectors.selectConnector';

  const selectedSource = () => provider.selectedSource;
  const updateStatus = () => {
    const selected = selectedSource();
    status.text = `$(plug) ${selected ? selected.label : 'No connector'}`;
    status.tooltip = selected ? `pyinfra connector: ${selected.target} — click to change` : 'Select a pyinfra connector';
    if (ctx.isTrusted) status.show();
    else status.hide();
  };

  let saveTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => provider.refresh(), SAVE_DEBOUNCE_MS);
  };

  const pickConnector = async (): Promise<ConnectorSource | undefined> => {
    if (provider.connectorSources.length === 0) await provider.getChildren();
    const items = provider.connectorSources.map((source) => ({
      label: source.label,
      description: source.entryPointName ? `@${source.entryPointName}` : source.target,
      detail: source.file ? vscode.workspace.asRelativePath(source.file) : undefined,
      source,
      picked: source.id === provider.selectedSource?.id,
    }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No pyinfra connector found in this workspace.', 'Create Connector…').then((c) => c && vscode.commands.executeCommand('pyinfraConnectors.createConnector'));
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: 'Select Connector', placeHolder: 'The connector commands run through' }))?.source;
  };

  const commands: Record<string, (...args: any[]) => unknown> = {
    'pyinfraConnectors.refresh': () => {
      if (ctx.ensureTrusted('The inventory')) provider.refresh();
    },
    'pyinfraConnectors.toggleGrouping': async () => {
      const config = vscode.workspace.getConfiguration('pyinfraConnectors', ctx.folder?.uri);
      await config.update('groupHosts', !provider.grouped, vscode.ConfigurationTarget.Workspace);
    },
    'pyinfraConnectors.showMore': (node: MoreNode) => provider.showMore(node),
    'pyinfraConnectors.selectConnector': async (node?: InventoryNode) => {
      const source = sourceOf(node) ?? (await pickConnector());
      if (!source) return;
      await settings.select(source.id);
      provider.rerender();
    },
    'pyinfraConnectors.setArgument': async (node?: InventoryNode, value?: string) => {
      const source = sourceOf(node) ?? selectedSource() ?? (await pickConnector());
      if (!source) return;
      const argument = value ?? (await vscode.window.showInputBox({
        title: `Argument for ${source.label}`,
        prompt: 'Passed to make_names_data(arg), as in `@name/arg`. Empty for none.',
        value: settings.argument(source.id) ?? '',
      }));
      if (argument === undefined) return;
      await settings.setArgument(source.id, argument.trim() || undefined);
      provider.refresh();
    },
    'pyinfraConnectors.revealSource': async (node?: InventoryNode) => {
      const source = sourceOf(node) ?? selectedSource();
      if (!source?.file) return;
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(source.file));
      if (source.range) {
        const { start, end } = source.range;
        editor.selection = new vscode.Selection(start.line, start.character, end.line, end.character);
        editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
      }
    },
    'pyinfraConnectors.addLocal': () => addTarget(ctx, '@local'),
    'pyinfraConnectors.addTarget': async (value?: string) => {
      const target = value ?? (await vscode.window.showInputBox({
        title: 'Add Target to the Inventory', prompt: '@local, @docker/web, path/to/conn.py:MyConnector/arg, pkg.module:Class or a hostname',
      }));
      if (target?.trim()) await addTarget(ctx, target.trim());
    },
    'pyinfraConnectors.createConnector': async (answers?: CreateConnectorAnswers) => {
      const folder = ctx.folder;
      if (!folder) return void vscode.window.showErrorMessage('Open a folder first: the connector is written into it.');
      const created = await createConnector(folder, answers);
      if (created) refreshSoon();
      return created;
    },
  };

  ctx.extension.subscriptions.push(
    provider, view, status, settings,
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    settings.onDidChange(updateStatus),
    provider.onDidChangeTreeData(updateStatus),
    // the class list changes as you type (a new class, a moved line): list it again, but ask connectors
    // for hosts only for classes not loaded yet; saving a file reloads them all
    classes.onDidChangeConnectorClasses(() => provider.rerender()),
    ctx.onDidChangeBridge(() => provider.refresh()),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId === 'python' || doc.fileName.endsWith('pyproject.toml')) refreshSoon();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pyinfraConnectors.groupHosts')) provider.rerender();
      else if (event.affectsConfiguration('pyinfraConnectors.inventory') || event.affectsConfiguration('pyinfraConnectors.inventoryTimeout')) provider.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      updateStatus();
      provider.refresh();
    }),
    { dispose: () => clearTimeout(saveTimer) },
  );
  updateStatus();
  return { provider, view, settings, selectedSource };
}

async function addTarget(ctx: Ctx, target: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('pyinfraConnectors', ctx.folder?.uri);
  const current = config.get<string[]>('inventory', []);
  if (!current.includes(target)) await config.update('inventory', [...current, target], vscode.ConfigurationTarget.Workspace);
}
