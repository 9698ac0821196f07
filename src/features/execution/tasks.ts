// `pyinfra-connector` tasks: a command on a target with the same options as the palette flow. A task ends with the
// command's exit code; the provider offers the last command on each connector target of the inventory.
import * as vscode from 'vscode';
import type { HostSelector } from '../../core/bridge/protocol';
import type { RunSettings } from '../../core/execution/runReport';
import type { InventoryFeature } from '../inventory';
import { RunTerminal } from './runTerminal';
import type { RunRequest, Runs } from './runs';

export const TASK_TYPE = 'pyinfra-connector';

/** The task definition's properties; package.json's `taskDefinitions` describes each for tasks.json. */
export interface PyinfraTaskDefinition extends vscode.TaskDefinition {
  target: string;
  command: string;
  sudo?: boolean;
  sudoUser?: string;
  env?: Record<string, string>;
  cwd?: string;
  timeout?: number;
}

/** `target#host` in a task picks one host of the target. */
function taskSelector(target: string): HostSelector {
  const hash = target.lastIndexOf('#');
  return hash > 0 ? { target: target.slice(0, hash), hosts: [target.slice(hash + 1)] } : { target };
}

function settingsOf(definition: PyinfraTaskDefinition): RunSettings {
  return { sudo: definition.sudo, sudoUser: definition.sudoUser, env: definition.env, chdir: definition.cwd, timeoutSec: definition.timeout };
}

export function taskProvider(runs: Runs, inventory: InventoryFeature, lastCommand: () => string | undefined): vscode.TaskProvider {
  const toTask = (definition: PyinfraTaskDefinition): vscode.Task => {
    const request: RunRequest = { hosts: { selectors: [taskSelector(definition.target)], label: definition.target }, command: definition.command, settings: settingsOf(definition) };
    return new vscode.Task(definition, vscode.TaskScope.Workspace, `${definition.command} on ${definition.target}`, 'pyinfra',
      new vscode.CustomExecution(async () => {
        const pty = new RunTerminal(true);
        void runs.run(request, pty);
        return pty;
      }));
  };
  return {
    provideTasks: () => {
      const command = lastCommand();
      if (!command) return [];
      return inventory.model.sources.map((source) => toTask({ type: TASK_TYPE, target: inventory.model.targetOf(source), command }));
    },
    resolveTask: (task) => {
      const definition = task.definition as PyinfraTaskDefinition;
      if (!definition.target || !definition.command) return undefined;
      return toTask(definition);
    },
  };
}
