// Which Python runs connectors: an explicit machine setting wins, then the Python extension's
// active environment for the folder, then `python3`.
import * as vscode from 'vscode';

export interface InterpreterChoice {
  path: string;
  source: 'setting' | 'python-extension' | 'default';
}

const PYTHON_EXTENSION_ID = 'ms-python.python';

async function fromPythonExtension(folder: vscode.WorkspaceFolder | undefined): Promise<string | undefined> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return undefined;
  // loaded only when the Python extension is there: its API module is small but not free
  const { PythonExtension } = await import('@vscode/python-extension');
  const api = await PythonExtension.api();
  const environmentPath = api.environments.getActiveEnvironmentPath(folder?.uri);
  const environment = await api.environments.resolveEnvironment(environmentPath);
  return environment?.executable.uri?.fsPath;
}

/** `configured` is the interpreter setting (Config.python), empty when unset. */
export async function resolveInterpreter(configured: string, folder: vscode.WorkspaceFolder | undefined, log: vscode.LogOutputChannel): Promise<InterpreterChoice> {
  if (configured) return { path: configured, source: 'setting' };
  try {
    const fromExtension = await fromPythonExtension(folder);
    if (fromExtension) return { path: fromExtension, source: 'python-extension' };
  } catch (error) {
    log.warn(`Python extension did not give an interpreter: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { path: 'python3', source: 'default' };
}

/** Fires when the Python extension's active environment changes, so the bridge restarts on the new one. */
export async function onPythonEnvironmentChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return undefined;
  try {
    const { PythonExtension } = await import('@vscode/python-extension');
    const api = await PythonExtension.api();
    return api.environments.onDidChangeActiveEnvironmentPath(() => listener());
  } catch {
    return undefined;
  }
}
