// What a `pyinfra-connector` launch lacks and a person can type is asked for when the session starts, the same
// for launch.json, the CodeLens and the tree: the command of a run, the files of a put or get.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { type ConnectorLaunch, DEFAULT_DEBUG_COMMAND, DEFAULT_DEBUG_DOWNLOAD, defaultUploadPath, downloadPathIn } from '../../core/debug/launchConfig';

function ask(title: string, prompt: string, value: string | undefined): Thenable<string | undefined> {
  // the launch waits for the answer: a click elsewhere must not cancel it
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true });
}

/** The launch with its missing command, local or remote filled in; undefined when a prompt is dismissed. */
export async function completeLaunch(launch: ConnectorLaunch): Promise<ConnectorLaunch | undefined> {
  const action = launch.action ?? 'inventory';
  const title = `Debug ${action} of ${launch.target}${launch.host ? ` on ${launch.host}` : ''}`;
  const filled = { ...launch };
  if (action === 'run') {
    filled.command ||= await ask(title, 'Shell command run through the connector under the debugger', DEFAULT_DEBUG_COMMAND);
    return filled.command ? filled : undefined;
  }
  if (action === 'put') {
    const editing = vscode.window.activeTextEditor?.document.uri;
    filled.local ||= await ask(title, 'Local file to upload', editing?.scheme === 'file' ? editing.fsPath : undefined);
    if (!filled.local) return undefined;
    filled.remote ||= await ask(title, `Remote path ${path.basename(filled.local)} is uploaded to`, defaultUploadPath(filled.local));
    return filled.remote ? filled : undefined;
  }
  if (action === 'get') {
    filled.remote ||= await ask(title, 'Remote file to download (into a temporary file unless "local" is given)', DEFAULT_DEBUG_DOWNLOAD);
    if (!filled.remote) return undefined;
    filled.local ||= downloadPathIn(os.tmpdir(), filled.remote);
  }
  return filled;
}
