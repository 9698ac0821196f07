// The one place the extension constructs the Python bridge client of src/core/bridge.
import * as vscode from 'vscode';
import { Bridge, type BridgeOptions } from '../core/bridge/bridge';

export type { Bridge };

export function createBridge(options: Pick<BridgeOptions, 'python' | 'cwd' | 'log' | 'callTimeoutMs' | 'limits'>): Bridge {
  return new Bridge(options);
}

/** Unsaved Python editors by path: a file target imports this text instead of the file on disk. */
export function unsavedSources(): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.languageId === 'python' && document.uri.scheme === 'file') sources[document.uri.fsPath] = document.getText();
  }
  return sources;
}
