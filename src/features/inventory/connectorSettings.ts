// What a person chose per workspace: the selected connector and each connector's `/arg`.
import * as vscode from 'vscode';

const SELECTED_KEY = 'pyinfraConnectors.selectedConnector';
const ARGUMENTS_KEY = 'pyinfraConnectors.connectorArguments';

export class ConnectorSettings {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get selectedId(): string | undefined {
    return this.state.get<string>(SELECTED_KEY);
  }

  async select(sourceId: string | undefined): Promise<void> {
    await this.state.update(SELECTED_KEY, sourceId);
    this.changed.fire();
  }

  argument(sourceId: string): string | undefined {
    return this.state.get<Record<string, string>>(ARGUMENTS_KEY, {})[sourceId] || undefined;
  }

  async setArgument(sourceId: string, argument: string | undefined): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(ARGUMENTS_KEY, {}) };
    if (argument) all[sourceId] = argument;
    else delete all[sourceId];
    await this.state.update(ARGUMENTS_KEY, all);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
