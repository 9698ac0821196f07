// The extension's settings and what a change of each needs, without VS Code so tests can read it.
// src/features/config.ts reads the values; this says which changes restart what.

export const SETTINGS_SECTION = 'pyinfraConnectors';

export type Setting = 'python' | 'inventory' | 'inventoryTimeout' | 'callTimeout' | 'maxHosts' | 'maxAnswerMB' | 'groupHosts' | 'expandGroupsBelow' | 'run.terminalPerRun' | 'lint.debounceMs';
export const SETTINGS: readonly Setting[] = ['python', 'inventory', 'inventoryTimeout', 'callTimeout', 'maxHosts', 'maxAnswerMB', 'groupHosts', 'expandGroupsBelow', 'run.terminalPerRun', 'lint.debounceMs'];

/**
 * The bridge restarts by itself (it holds nothing a person set up, and a new interpreter must take
 * effect); the language server is asked first, as restarting it re-scans the workspace. The other
 * settings apply at once: the inventory is asked again or redrawn.
 */
const RESTARTS: Partial<Record<Setting, 'bridge' | 'server'>> = { python: 'bridge', 'lint.debounceMs': 'server' };

export interface NeededRestarts {
  bridge: boolean;
  /** Full names of the changed settings that need a language server restart. */
  server: string[];
}

export function restartsFor(changed: Iterable<Setting>): NeededRestarts {
  const settings = [...changed];
  return {
    bridge: settings.some((setting) => RESTARTS[setting] === 'bridge'),
    server: settings.filter((setting) => RESTARTS[setting] === 'server').map((setting) => `${SETTINGS_SECTION}.${setting}`),
  };
}
