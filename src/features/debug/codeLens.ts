// CodeLens above a connector class and the methods pyinfra calls: "Show in Inventory", "Debug" (the request that
// reaches that method), and "Test" when the conformance kit is there. Clicking resolves the target then.
import * as vscode from 'vscode';
import type { ConnectorClass } from '../../core/analysis/types';
import { type ConnectorLaunch, type DebugAction, launchFor } from '../../core/debug/launchConfig';
import type { InventoryModel } from '../../core/inventory/model';
import type { ConnectorSource } from '../../core/inventory/sources';
import type { ConnectorClassFeed } from '../inventory';

export const SHOW_IN_INVENTORY_COMMAND = 'pyinfraConnectors.showInInventory';
export const DEBUG_METHOD_COMMAND = 'pyinfraConnectors.debugMethod';
/** The conformance kit's Test Explorer command: the "Test" lens shows once it exists. */
const CONFORMANCE_COMMAND = 'pyinfraConnectors.runConformanceTests';

/** The request whose debugging reaches each method pyinfra calls. */
const ACTION_OF: Record<string, DebugAction> = {
  make_names_data: 'inventory',
  connect: 'run',
  run_shell_command: 'run',
  put_file: 'put',
  get_file: 'get',
};

function toRange(range: ConnectorClass['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class ConnectorCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listening: vscode.Disposable;

  constructor(private readonly classes: ConnectorClassFeed) {
    this.listening = classes.onDidChangeConnectorClasses(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted) return []; // every lens runs the connector
    // no lenses while the language server is not running (its status item says why)
    const all = await this.classes.connectorClasses().catch(() => [] as ConnectorClass[]);
    const classes = all.filter((c) => c.file === document.uri.fsPath && !c.isBase);
    const withTests = (await vscode.commands.getCommands(true)).includes(CONFORMANCE_COMMAND);
    const lenses: vscode.CodeLens[] = [];
    for (const cls of classes) {
      const at = toRange(cls.range);
      const ids = [cls.file, cls.name];
      lenses.push(new vscode.CodeLens(at, { title: 'Show in Inventory', command: SHOW_IN_INVENTORY_COMMAND, arguments: ids }));
      lenses.push(new vscode.CodeLens(at, { title: 'Debug', tooltip: 'Debug make_names_data of this connector', command: DEBUG_METHOD_COMMAND, arguments: [...ids, 'make_names_data'] }));
      if (withTests) lenses.push(new vscode.CodeLens(at, { title: 'Test', tooltip: 'Run the conformance checks on this connector', command: CONFORMANCE_COMMAND, arguments: ids }));
      for (const method of cls.methods ?? []) {
        const action = ACTION_OF[method.name];
        if (!action) continue;
        const methodAt = toRange(method.range);
        lenses.push(new vscode.CodeLens(methodAt, { title: 'Debug', tooltip: `Debug ${method.name} (${action})`, command: DEBUG_METHOD_COMMAND, arguments: [...ids, method.name] }));
        if (action === 'inventory') lenses.push(new vscode.CodeLens(methodAt, { title: 'Show in Inventory', command: SHOW_IN_INVENTORY_COMMAND, arguments: ids }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
}

/** The inventory's source for a workspace class, once the inventory has listed it. */
export async function sourceOfClass(model: InventoryModel, file: string, className: string): Promise<ConnectorSource | undefined> {
  return (await model.listSources()).find((s) => s.kind === 'workspace' && s.file === file && s.label === className);
}

/**
 * The launch a lens stands for: inventory for make_names_data; for connect and run_shell_command a command on the
 * first host, for put_file this file uploaded, for get_file a download (the session asks for what is not given).
 */
export async function launchForMethod(model: InventoryModel, source: ConnectorSource, method: string): Promise<ConnectorLaunch | undefined> {
  const target = model.targetOf(source);
  const action = ACTION_OF[method] ?? 'inventory';
  if (action === 'inventory') return launchFor(target, 'inventory');
  const answer = await model.hosts(source);
  const host = 'hosts' in answer ? answer.hosts[0]?.name : undefined;
  if (!host) {
    void vscode.window.showErrorMessage(`pyinfra: ${source.label} has no host to debug ${method} on${'error' in answer ? `: ${answer.error.message}` : ''}.`);
    return undefined;
  }
  return launchFor(target, action, action === 'put' ? { host, local: source.file } : { host });
}
