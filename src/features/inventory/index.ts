// The inventory sidebar: the model every feature reads, its tree view, its commands, the
// selected-connector status item, and what makes it ask connectors again (saves, settings, trust).
import * as vscode from 'vscode';
import { hostDataSchema } from '../../core/inventory/hostDataSchema';
import type { InventoryModel } from '../../core/inventory/model';
import type { ConnectorSource } from '../../core/inventory/sources';
import type { Ctx } from '../ctx';
import { loadChunk } from '../chunks';
import type { CreateConnectorAnswers } from './createConnector';
import { ConnectorClassFeed, createInventoryModel } from './model';
import type { InventoryNode, MoreNode } from './nodes';
import { pickConnector } from './pickers';
import { onDidChangeLintOf } from './lintBadges';
import { InventoryTreeProvider } from './treeProvider';

export type { ConnectorClassFeed };

export interface InventoryFeature {
  model: InventoryModel;
  provider: InventoryTreeProvider;
  view: vscode.TreeView<InventoryNode>;
  selectedSource(): ConnectorSource | undefined;
  /** Scrolls to a connector's row, or one of its hosts', opening the view, and selects it; false when not in the tree. */
  reveal(sourceId: string, hostName?: string): Promise<boolean>;
}

const SAVE_DEBOUNCE_MS = 300;
// a change under these is an install or a cache, not a connector being written
const NOT_CONNECTOR_CODE = /[\\/](site-packages|node_modules|__pycache__|\.git)[\\/]/;

function sourceOf(node: InventoryNode | undefined): ConnectorSource | undefined {
  return node && 'source' in node ? node.source : undefined;
}

/** The status bar item naming the selected connector; hidden in Restricted Mode. */
function selectedConnectorStatus(ctx: Ctx, model: InventoryModel): vscode.Disposable {
  const status = vscode.window.createStatusBarItem('pyinfraConnectors.selected', vscode.StatusBarAlignment.Left, 50);
  status.name = 'pyinfra Connector';
  status.command = 'pyinfraConnectors.selectConnector';
  const update = () => {
    const selected = model.selected;
    status.text = `$(plug) ${selected ? selected.label : 'No connector'}`;
    status.tooltip = selected ? `pyinfra connector: ${selected.target} — click to change` : 'Select a pyinfra connector';
    if (ctx.isTrusted) status.show();
    else status.hide();
  };
  update();
  const listening = model.onDidChange((change) => {
    // a new class list (the language server's first scan often comes after activation) is listed here too, or the
    // item would name the first connector of the old list until the Inventory view lists them
    if (change.kind === 'sources' && ctx.isTrusted) void model.listSources().then(update, update);
    else if (change.kind !== 'answer') update();
  });
  return vscode.Disposable.from(status, listening, vscode.workspace.onDidGrantWorkspaceTrust(update));
}

function inventoryCommands(ctx: Ctx, model: InventoryModel, provider: InventoryTreeProvider, refreshSoon: () => void): Record<string, (...args: any[]) => unknown> {
  return {
    'pyinfraConnectors.refresh': () => {
      if (ctx.ensureTrusted('The inventory')) model.refresh();
    },
    'pyinfraConnectors.toggleGrouping': () => ctx.config.setGroupHosts(!provider.grouped),
    'pyinfraConnectors.showMore': (node: MoreNode) => provider.showMore(node),
    'pyinfraConnectors.selectConnector': async (node?: InventoryNode) => {
      const source = sourceOf(node) ?? (await pickConnector(model));
      if (source) await model.select(source.id);
    },
    'pyinfraConnectors.setArgument': async (node?: InventoryNode, value?: string) => {
      const source = sourceOf(node) ?? model.selected ?? (await pickConnector(model));
      if (!source) return;
      const argument = value ?? (await vscode.window.showInputBox({
        title: `Argument for ${source.label}`,
        prompt: 'Passed to make_names_data(arg), as in `@name/arg`. Empty for none.',
        value: model.argument(source.id) ?? '',
      }));
      if (argument === undefined) return;
      await model.setArgument(source.id, argument.trim() || undefined);
      model.refresh();
    },
    'pyinfraConnectors.revealSource': async (node?: InventoryNode) => {
      const source = sourceOf(node) ?? model.selected;
      // a connector that raised: the raising line rather than the class
      const raised = source && ctx.runtimeErrors.location(model.targetOf(source));
      if (raised) {
        await vscode.window.showTextDocument(raised.uri, { selection: raised.range });
        return;
      }
      if (!source?.file) return;
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(source.file));
      if (source.range) {
        const { start, end } = source.range;
        editor.selection = new vscode.Selection(start.line, start.character, end.line, end.character);
        editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
      }
    },
    'pyinfraConnectors.addLocal': () => ctx.config.addInventoryTarget('@local'),
    'pyinfraConnectors.addTarget': async (value?: string) => {
      const target = value ?? (await vscode.window.showInputBox({
        title: 'Add Target to the Inventory', prompt: '@local, @docker/web, path/to/conn.py:MyConnector/arg, pkg.module:Class or a hostname',
      }));
      if (target?.trim()) await ctx.config.addInventoryTarget(target.trim());
    },
    'pyinfraConnectors.createConnector': async (answers?: CreateConnectorAnswers) => {
      const folder = ctx.folder;
      if (!folder) return void vscode.window.showErrorMessage('Open a folder first: the connector is written into it.');
      const created = await loadChunk('createConnector').createConnector(folder, answers);
      if (created) refreshSoon();
      return created;
    },
    'pyinfraConnectors.installEditable': () => {
      const folder = ctx.folder;
      if (!folder) return void vscode.window.showErrorMessage('Open a folder first: its project is what gets installed.');
      if (!ctx.ensureTrusted('Installing the workspace in editable mode')) return undefined;
      return loadChunk('createConnector').installEditable(ctx, folder);
    },
  };
}

function watchConnectorFiles(changed: () => void): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.py,pyproject.toml}');
  const onChange = (uri: vscode.Uri) => {
    if (!NOT_CONNECTOR_CODE.test(uri.fsPath)) changed();
  };
  return [watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange)];
}

/** Narrows the tree to hosts whose name, group or data value holds the text; the view's message says so. */
async function filterHosts(view: vscode.TreeView<InventoryNode>, provider: InventoryTreeProvider, text?: string): Promise<void> {
  const filter = text ?? (await vscode.window.showInputBox({
    title: 'Filter the Inventory', prompt: 'Hosts whose name, group or a data value holds this text (empty for all)', value: provider.filter ?? '',
  }));
  if (filter === undefined) return;
  provider.filter = filter;
  view.message = provider.filter ? `Showing the hosts matching "${provider.filter}" (name, group or data value)` : undefined;
  await vscode.commands.executeCommand('setContext', 'pyinfraConnectors.filtered', Boolean(provider.filter));
}

/** What makes the model ask again: saved Python or pyproject files, settings, the bridge, trust. */
function reloadTriggers(ctx: Ctx, model: InventoryModel, provider: InventoryTreeProvider, classes: ConnectorClassFeed, refreshSoon: () => void): vscode.Disposable[] {
  return [
    // the class list changes as you type (a new class, a moved line): list it again, but ask connectors
    // for hosts only for classes not loaded yet; saving a file reloads them all
    classes.onDidChangeConnectorClasses(() => model.relist()),
    ctx.onDidChangeBridge(() => model.refresh()),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId === 'python' || doc.fileName.endsWith('pyproject.toml')) refreshSoon();
    }),
    // files changed outside the editor too: git pull, a formatter, the CLI
    ...watchConnectorFiles(refreshSoon),
    onDidChangeLintOf(() => model.sources, () => provider.rerender()),
    // the status bar names the selected connector from activation on, not once the view is opened
    model.onDidChange((change) => change.kind === 'sources' && ctx.isTrusted && void model.listSources()),
    ctx.config.onDidChange((changed) => {
      if (changed.has('inventory') || changed.has('inventoryTimeout')) model.refresh();
      else if (changed.has('groupHosts') || changed.has('expandGroupsBelow')) provider.rerender();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => model.refresh()),
  ];
}

export function activateInventory(ctx: Ctx, classes: ConnectorClassFeed): InventoryFeature {
  const model = createInventoryModel(ctx, classes);
  const provider = new InventoryTreeProvider(model, () => ctx.config.groupHosts, () => ctx.config.expandGroupsBelow);
  provider.dataSchemaOf = (source) => hostDataSchema(source, (file, className) => classes.dataKeys(file, className));
  const view = vscode.window.createTreeView('pyinfraConnectors.inventory', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  let saveTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => model.refresh(), SAVE_DEBOUNCE_MS);
  };
  const commands = inventoryCommands(ctx, model, provider, refreshSoon);
  ctx.extension.subscriptions.push(
    model, provider, view,
    selectedConnectorStatus(ctx, model),
    model.onDidChange((change) => change.kind === 'status' && ctx.setViewState(model.status)),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    vscode.commands.registerCommand('pyinfraConnectors.filter', (text?: string) => filterHosts(view, provider, text)),
    vscode.commands.registerCommand('pyinfraConnectors.clearFilter', () => filterHosts(view, provider, '')),
    ...reloadTriggers(ctx, model, provider, classes, refreshSoon),
    { dispose: () => clearTimeout(saveTimer) },
  );
  if (ctx.isTrusted) void model.listSources();
  const reveal = async (sourceId: string, hostName?: string) => {
    const node = await provider.nodeOf(sourceId, hostName);
    if (node) await view.reveal(node, { select: true, focus: true });
    return node !== undefined;
  };
  return { model, provider, view, selectedSource: () => model.selected, reveal };
}
