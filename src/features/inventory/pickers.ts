// Quick picks over the InventoryModel: a connector, or hosts from every connector (the selected
// connector's first). Execution and the SSH terminal both ask these.
import * as vscode from 'vscode';
import type { HostEntry } from '../../core/bridge/protocol';
import { chosenHostsByName, type ChosenHosts } from '../../core/inventory/chosenHosts';
import type { InventoryModel } from '../../core/inventory/model';
import type { ConnectorSource } from '../../core/inventory/sources';

export async function pickConnector(model: InventoryModel): Promise<ConnectorSource | undefined> {
  const sources = await model.listSources();
  if (sources.length === 0) {
    void vscode.window.showInformationMessage('No pyinfra connector found in this workspace.', 'Create Connector…')
      .then((choice) => choice && vscode.commands.executeCommand('pyinfraConnectors.createConnector'));
    return undefined;
  }
  const items = sources.map((source) => ({
    label: source.label,
    description: source.entryPointName ? `@${source.entryPointName}` : source.target,
    detail: source.file ? vscode.workspace.asRelativePath(source.file) : undefined,
    source,
    picked: source.id === model.selected?.id,
  }));
  return (await vscode.window.showQuickPick(items, { title: 'Select Connector', placeHolder: 'The connector commands run through' }))?.source;
}

interface HostPick extends vscode.QuickPickItem {
  target?: string;
  host?: string;
}

/** Asks which hosts to run on; `include` narrows the hosts offered. */
export async function pickHosts(
  model: InventoryModel,
  title: string,
  canPickMany = true,
  include?: (source: ConnectorSource, host: HostEntry) => boolean,
): Promise<ChosenHosts | undefined> {
  const picker = vscode.window.createQuickPick<HostPick>();
  picker.title = title;
  picker.placeholder = 'Select hosts';
  picker.canSelectMany = canPickMany;
  picker.matchOnDescription = true;
  picker.busy = true;
  picker.show();
  const items: HostPick[] = [];
  for (const { source, target, hosts } of await model.hostChoices(include)) {
    items.push({ label: source.label, kind: vscode.QuickPickItemKind.Separator });
    for (const host of hosts) items.push({ label: host.name, description: host.groups.join(', '), target, host: host.name });
  }
  picker.items = items;
  picker.busy = false;
  const chosen = await new Promise<readonly HostPick[] | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems.length > 0 ? picker.selectedItems : picker.activeItems));
    picker.onDidHide(() => resolve(undefined));
  });
  picker.dispose();
  return chosenHostsByName((chosen ?? []).flatMap((item) => (item.target && item.host ? [{ target: item.target, host: item.host }] : [])));
}
