// Shared by the suites that run inside the extension host of a real VS Code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { InventoryNode } from '../../../src/features/inventory/nodes';

export const EXTENSION_ID = 'pyinfra-kit.pyinfra-connector-kit';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

/** Polls until `probe` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function rootNodes(api: ExtensionApi): Promise<InventoryNode[]> {
  return api.inventory.provider.getChildren();
}

export async function connectorNamed(api: ExtensionApi, label: string): Promise<InventoryNode> {
  return waitFor(`connector ${label} in the tree`, async () => (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === label));
}

/** Every host below a connector node, whatever the grouping. */
export async function hostsBelow(api: ExtensionApi, node: InventoryNode): Promise<InventoryNode[]> {
  const children = await api.inventory.provider.getChildren(node);
  const hosts: InventoryNode[] = [];
  for (const child of children) {
    if (child.kind === 'host') hosts.push(child);
    else if (child.kind === 'group') hosts.push(...(await api.inventory.provider.getChildren(child)));
    else if (child.kind === 'error') throw new Error(`connector failed: ${child.error.message}`);
  }
  return hosts;
}

export async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** What the extension wrote to its log channel so far (the file behind the LogOutputChannel). */
export function logText(api: ExtensionApi): string {
  const file = vscode.Uri.joinPath(api.ctx.extension.logUri, 'pyinfra Connector Kit.log').fsPath;
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Runs a task and resolves with its exit code. */
export async function taskExitCode(task: vscode.Task): Promise<number | undefined> {
  const ended = new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name === task.name) {
        listener.dispose();
        resolve(event.exitCode);
      }
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

export async function taskNamed(name: string): Promise<vscode.Task> {
  const tasks = await vscode.tasks.fetchTasks({ type: 'pyinfra-connector' });
  const task = tasks.find((t) => t.name === name);
  assert.ok(task, `the task '${name}' among: ${tasks.map((t) => t.name).join(', ')}`);
  return task;
}

export type WarningCall = { message: string; options: vscode.MessageOptions; items: string[] };

/**
 * A modal cannot be clicked from inside the extension host: the test answers it by standing in for
 * showWarningMessage, and checks what the person would have been shown.
 */
export function answeringWarnings(answer: string | undefined): { calls: WarningCall[]; restore: () => void } {
  const window = vscode.window as { showWarningMessage: unknown };
  const original = window.showWarningMessage;
  const calls: WarningCall[] = [];
  window.showWarningMessage = async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
    calls.push({ message, options, items });
    return answer;
  };
  return { calls, restore: () => (window.showWarningMessage = original) };
}
