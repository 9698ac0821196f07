// Every setting the extension reads, in one place (as rust-analyzer's config.ts): typed getters, each
// resource-scoped setting read for the workspace folder, the one change event, and the restarts a change
// needs (the table is src/core/settings.ts). Nothing else calls getConfiguration.
import * as vscode from 'vscode';
import type { AnswerLimits } from '../core/bridge/protocol';
import { restartsFor, type Setting, SETTINGS, SETTINGS_SECTION as SECTION } from '../core/settings';

export type { Setting };

/** Several settings written at once (a settings sync, a profile switch) restart once. */
export const RESTART_DEBOUNCE_MS = 300;

export class Config implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReadonlySet<Setting>>();
  /** Fires with the settings whose value changed for the workspace folder. */
  readonly onDidChange = this.changed.event;
  private readonly listening: vscode.Disposable;

  constructor(private readonly folder: () => vscode.WorkspaceFolder | undefined) {
    this.listening = vscode.workspace.onDidChangeConfiguration((event) => {
      const scope = this.folder()?.uri;
      const affected = new Set(SETTINGS.filter((setting) => event.affectsConfiguration(`${SECTION}.${setting}`, scope)));
      if (affected.size > 0) this.changed.fire(affected);
    });
  }

  private section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION, this.folder()?.uri);
  }

  /** The interpreter setting (machine scope: a workspace cannot name an executable); empty when unset. */
  get python(): string {
    return this.section().get<string>('python', '').trim();
  }

  get inventoryTargets(): string[] {
    return this.section().get<string[]>('inventory', []);
  }

  get inventoryTimeoutMs(): number {
    return 1000 * this.section().get<number>('inventoryTimeout', 30);
  }

  /** Each connector call of a run, upload or download (asked at each call: no restart). */
  get callTimeoutMs(): number {
    return 1000 * this.section().get<number>('callTimeout', 3600);
  }

  /** What one connector may answer (asked at each call: no restart). */
  get answerLimits(): AnswerLimits {
    return { hosts: this.section().get<number>('maxHosts', 1_000_000), answerBytes: this.section().get<number>('maxAnswerMB', 1024) * 2 ** 20 };
  }

  get groupHosts(): boolean {
    return this.section().get<boolean>('groupHosts', true);
  }

  /** Groups with at least this many hosts start collapsed in the tree. */
  get expandGroupsBelow(): number {
    return this.section().get<number>('expandGroupsBelow', 50);
  }

  /** A new terminal for every run instead of one per target. */
  get terminalPerRun(): boolean {
    return this.section().get<boolean>('run.terminalPerRun', false);
  }

  get lintDebounceMs(): number | undefined {
    return this.section().get<number>('lint.debounceMs');
  }

  /** Machine-scoped, so written to the user settings. */
  setPython(path: string): Thenable<void> {
    return this.section().update('python', path, vscode.ConfigurationTarget.Global);
  }

  setGroupHosts(grouped: boolean): Thenable<void> {
    return this.section().update('groupHosts', grouped, vscode.ConfigurationTarget.Workspace);
  }

  async addInventoryTarget(target: string): Promise<void> {
    const current = this.inventoryTargets;
    if (!current.includes(target)) await this.section().update('inventory', [...current, target], vscode.ConfigurationTarget.Workspace);
  }

  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
}

export interface Restarts {
  bridge(reason: string): void;
  server(): Promise<void>;
}

/** Restarts what changed settings need: the bridge at once, the language server after "Restart now?". */
export function restartOnSettingChange(config: Config, restarts: Restarts): vscode.Disposable {
  return config.onDidChange((changed) => {
    const needed = restartsFor(changed);
    if (needed.bridge) restarts.bridge('the interpreter setting changed');
    if (needed.server.length > 0) {
      void vscode.window
        .showInformationMessage(`${needed.server.join(', ')} takes effect when the pyinfra language server restarts. Restart now?`, 'Restart Now')
        .then((choice) => choice && restarts.server());
    }
  });
}
