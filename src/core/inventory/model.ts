// The inventory as every view reads it: the tree, the pickers, the status bar, tasks, the SSH
// terminal and the Test Explorer ask this model, never each other.
//
//   listSources()          the connectors to show (asked once, until refresh()/relist())
//   sources, status        what the last listing found; status names the welcome view to show
//   selected, select(id)   the connector commands run through (the first listed until one is chosen)
//   argument(id), setArgument(id, arg), targetOf(source)   each connector's `/arg` (answers kept per arg)
//   hosts(source)          its final answer, asked once until refresh(); answer(source) is what has
//                          arrived so far (hosts come in chunks), firstHosts(source) resolves on the first
//   hostChoices(include)   every connector's hosts, the selected connector's first (pickers)
//   chosenHosts(items)     what a command invoked on tree items addresses (chosenHosts.ts)
//   unmaskedHost(target, name)   one host's data with secrets, for SSH; never cached, never shown
//   onDidChange            'sources' | 'status' | 'selection' | 'answer' (with the source id)
import type { ConnectorClass } from '../analysis/types';
import { BridgeError, type ConnectorInfo, type HostEntry } from '../bridge/protocol';
import { ConnectorChoices, type ChoiceStore } from './choices';
import { chosenHostsOf, type ChosenHosts, type InventoryItem } from './chosenHosts';
import { Emitter } from './events';
import { ConnectorSource, gatherSources, targetWithArgument } from './sources';

/** What the model needs from its surroundings: the bridge, the analyser, settings, trust. */
export interface InventoryBackend {
  isTrusted(): boolean;
  workspaceRoot(): string;
  settingTargets(): readonly string[];
  installed(): Promise<ConnectorInfo[]>;
  classes(): Promise<ConnectorClass[]>;
  /** make_names_data of one target; `onHosts` receives hosts as they arrive, before the promise settles. */
  hosts(target: string, options: { showSecrets: boolean; onHosts?: (chunk: readonly HostEntry[]) => void }): Promise<HostEntry[]>;
  /** Logs the error in full (traceback included). */
  reportError(error: unknown, doing: string): void;
  log(message: string): void;
}

/** Which welcome view the tree shows; 'ready' has none. */
export type InventoryStatus = 'loading' | 'ready' | 'untrusted' | 'noPython' | 'noPyinfra' | 'noConnector';

export type LoadResult = { hosts: HostEntry[] } | { error: Error };
/** A result, or the hosts received so far while a connector is still answering. */
export type Answer = LoadResult | { hosts: HostEntry[]; loading: true };

export type InventoryChange = { kind: 'sources' | 'status' | 'selection' } | { kind: 'answer'; sourceId: string };

export interface HostChoice {
  source: ConnectorSource;
  /** The spec a run uses, argument included. */
  target: string;
  hosts: HostEntry[];
}

interface Pending {
  hosts: HostEntry[];
  done: Promise<LoadResult>;
  first: Promise<void>;
  result?: LoadResult;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export class InventoryModel {
  private readonly changed = new Emitter<InventoryChange>();
  readonly onDidChange = this.changed.event;
  private readonly choices: ConnectorChoices;
  private listed: ConnectorSource[] = [];
  private listing: Promise<ConnectorSource[]> | undefined;
  private installedList: Promise<ConnectorInfo[]> | undefined;
  private readonly answers = new Map<string, Pending>();
  private currentStatus: InventoryStatus = 'loading';

  constructor(
    private readonly backend: InventoryBackend,
    store: ChoiceStore,
  ) {
    this.choices = new ConnectorChoices(store);
  }

  get status(): InventoryStatus {
    return this.currentStatus;
  }

  /** The connectors as of the last listing. */
  get sources(): readonly ConnectorSource[] {
    return this.listed;
  }

  get selected(): ConnectorSource | undefined {
    return this.listed.find((s) => s.id === this.choices.selectedId) ?? this.listed[0];
  }

  async select(sourceId: string): Promise<void> {
    await this.choices.select(sourceId);
    this.changed.fire({ kind: 'selection' });
  }

  argument(sourceId: string): string | undefined {
    return this.choices.argument(sourceId);
  }

  /** Answers are kept per argument: with a new one the connector is asked when next shown. */
  async setArgument(sourceId: string, argument: string | undefined): Promise<void> {
    await this.choices.setArgument(sourceId, argument);
    this.changed.fire({ kind: 'selection' });
  }

  targetOf(source: ConnectorSource): string {
    return targetWithArgument(source, this.argument(source.id));
  }

  /** Forgets every answer and the installed list: everything is asked again when next shown. */
  refresh(): void {
    this.answers.clear();
    this.installedList = undefined;
    this.listing = undefined;
    this.changed.fire({ kind: 'sources' });
  }

  /** Lists the connectors again (a class appeared as you typed) keeping the hosts already loaded. */
  relist(): void {
    this.listing = undefined;
    this.changed.fire({ kind: 'sources' });
  }

  listSources(): Promise<ConnectorSource[]> {
    this.listing ??= this.gather();
    return this.listing;
  }

  private setStatus(status: InventoryStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.changed.fire({ kind: 'status' });
  }

  private async gather(): Promise<ConnectorSource[]> {
    if (!this.backend.isTrusted()) {
      this.listed = [];
      this.setStatus('untrusted');
      return [];
    }
    let installed: ConnectorInfo[];
    try {
      installed = await (this.installedList ??= this.backend.installed());
    } catch (error) {
      this.installedList = undefined;
      this.backend.reportError(error, 'Listing installed connectors failed');
      const kind = error instanceof BridgeError ? error.kind : undefined;
      if (kind === 'python-missing' || kind === 'pyinfra-missing') {
        this.listed = [];
        this.listing = undefined; // asked again next time: the interpreter may be fixed
        this.setStatus(kind === 'python-missing' ? 'noPython' : 'noPyinfra');
        return [];
      }
      installed = [];
    }
    const classes = await this.backend.classes().catch((error: unknown) => {
      this.backend.reportError(error, 'Listing workspace connector classes failed');
      return [] as ConnectorClass[];
    });
    this.listed = gatherSources(this.backend.workspaceRoot(), classes, installed, this.backend.settingTargets());
    this.setStatus(this.listed.length === 0 ? 'noConnector' : 'ready');
    return this.listed;
  }

  private key(source: ConnectorSource): string {
    return `${source.id}|${this.argument(source.id) ?? ''}`;
  }

  /** What has arrived from the connector so far; undefined when it was not asked yet. */
  answer(source: ConnectorSource): Answer | undefined {
    const pending = this.answers.get(this.key(source));
    if (!pending) return undefined;
    return pending.result ?? { hosts: pending.hosts, loading: true };
  }

  /** The connector's hosts (or why there are none), asked once until refresh(). */
  hosts(source: ConnectorSource): Promise<LoadResult> {
    return this.load(source).done;
  }

  /** Resolves once the first hosts arrived (or the answer is complete): the tree shows those at once. */
  async firstHosts(source: ConnectorSource): Promise<Answer> {
    const pending = this.load(source);
    await Promise.race([pending.first, pending.done]);
    return pending.result ?? { hosts: pending.hosts, loading: true };
  }

  private load(source: ConnectorSource): Pending {
    const key = this.key(source);
    const existing = this.answers.get(key);
    if (existing) return existing;
    const target = this.targetOf(source);
    const started = Date.now();
    let arrived!: () => void;
    const pending: Pending = { hosts: [], first: new Promise<void>((resolve) => (arrived = resolve)), done: undefined! };
    const onHosts = (chunk: readonly HostEntry[]) => {
      if (this.answers.get(key) !== pending || chunk.length === 0) return;
      for (const host of chunk) pending.hosts.push(host); // not push(...chunk): a long chunk overflows the stack
      arrived();
      this.changed.fire({ kind: 'answer', sourceId: source.id });
    };
    pending.done = this.backend.hosts(target, { showSecrets: false, onHosts }).then(
      (hosts): LoadResult => {
        this.backend.log(`${target}: ${hosts.length} hosts in ${Date.now() - started} ms`);
        return { hosts };
      },
      (error: unknown): LoadResult => {
        this.backend.reportError(error, `Loading ${target} failed`);
        return { error: asError(error) };
      },
    ).then((result) => {
      if (this.answers.get(key) === pending) {
        pending.result = result;
        this.changed.fire({ kind: 'answer', sourceId: source.id });
      }
      return result;
    });
    this.answers.set(key, pending);
    return pending;
  }

  /** Every connector's hosts that `include` keeps, the selected connector first; connectors with none left out. */
  async hostChoices(include: (source: ConnectorSource, host: HostEntry) => boolean = () => true): Promise<HostChoice[]> {
    const sources = await this.listSources();
    const selectedId = this.selected?.id;
    const ordered = [...sources].sort((a, b) => Number(b.id === selectedId) - Number(a.id === selectedId));
    const choices: HostChoice[] = [];
    for (const source of ordered) {
      const result = await this.hosts(source);
      const hosts = 'hosts' in result ? result.hosts.filter((host) => include(source, host)) : [];
      if (hosts.length > 0) choices.push({ source, target: this.targetOf(source), hosts });
    }
    return choices;
  }

  chosenHosts(items: readonly InventoryItem[]): ChosenHosts | undefined {
    return chosenHostsOf(items, (source) => this.targetOf(source));
  }

  /**
   * The host as pyinfra sees it, secrets included, asked of the connector again: the cached answers
   * hold masked values, which would be wrong credentials. The answer is not kept, so no view shows it.
   */
  async unmaskedHost(target: string, name: string): Promise<HostEntry> {
    const hosts = await this.backend.hosts(target, { showSecrets: true });
    const host = hosts.find((h) => h.name === name);
    if (!host) throw new Error(`${name} is no longer in the inventory of ${target}`);
    return host;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
