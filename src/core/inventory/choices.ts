// What a person chose per workspace: the selected connector and each connector's `/arg`, kept in
// a key-value store (VS Code's workspaceState in the extension, a Map in tests).

export interface ChoiceStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const SELECTED_KEY = 'pyinfraConnectors.selectedConnector';
const ARGUMENTS_KEY = 'pyinfraConnectors.connectorArguments';

export class ConnectorChoices {
  constructor(private readonly store: ChoiceStore) {}

  get selectedId(): string | undefined {
    return this.store.get<string>(SELECTED_KEY);
  }

  async select(sourceId: string | undefined): Promise<void> {
    await this.store.update(SELECTED_KEY, sourceId);
  }

  argument(sourceId: string): string | undefined {
    return this.store.get<Record<string, string>>(ARGUMENTS_KEY)?.[sourceId] || undefined;
  }

  async setArgument(sourceId: string, argument: string | undefined): Promise<void> {
    const all = { ...this.store.get<Record<string, string>>(ARGUMENTS_KEY) };
    if (argument) all[sourceId] = argument;
    else delete all[sourceId];
    await this.store.update(ARGUMENTS_KEY, all);
  }
}
