// Upload and download through the connector, with cancellable progress. Downloads never leave a
// partial file: the bridge writes beside the destination and renames when complete.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostKeyAcceptance, HostRunResult, HostSelector } from '../../core/bridge/protocol';
import { withHostKeyConsent } from '../../core/connectors/hostKeyConsent';
import type { Ctx } from '../ctx';
import { askAboutHostKey } from '../ssh/hostKeyPrompt';
import type { ChosenHosts } from '../../core/inventory/chosenHosts';

export interface UploadRequest { localPath?: string; remotePath?: string }
export interface DownloadRequest { remotePath?: string; localPath?: string; overwrite?: boolean }

function failures(results: readonly HostRunResult[]): string[] {
  return results.filter((r) => !r.success).map((r) => `${r.host}: ${r.error ?? (r.stderr.trim() || 'failed')}`);
}

function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return work(abort.signal);
  });
}

export async function upload(ctx: Ctx, hosts: ChosenHosts, request: UploadRequest = {}): Promise<HostRunResult[] | undefined> {
  const localPath = request.localPath ?? (await vscode.window.showOpenDialog({ title: `Upload to ${hosts.label}`, canSelectMany: false, defaultUri: ctx.folder?.uri, openLabel: 'Upload' }))?.[0]?.fsPath;
  if (!localPath) return undefined;
  const remotePath = request.remotePath ?? (await vscode.window.showInputBox({ title: `Upload ${path.basename(localPath)} to ${hosts.label}`, prompt: 'Remote path', value: `/tmp/${path.basename(localPath)}` }));
  if (!remotePath) return undefined;
  try {
    const results = await withCancellableProgress(`Uploading ${path.basename(localPath)} to ${hosts.label}`, async (signal) => {
      const bridge = await ctx.bridge();
      const putAll = async (selectors: HostSelector[], hostKeys?: HostKeyAcceptance) => (await Promise.all(selectors.map((selector) => bridge.put(selector, localPath, remotePath, { signal, hostKeys })))).flat();
      return withHostKeyConsent(await putAll(hosts.selectors), askAboutHostKey, putAll);
    });
    const failed = failures(results);
    if (failed.length > 0) void vscode.window.showErrorMessage(`Upload failed on ${failed.length} of ${results.length} hosts: ${failed.join('; ')}`);
    else void vscode.window.showInformationMessage(`Uploaded ${path.basename(localPath)} to ${remotePath} on ${results.length === 1 ? results[0].host : `${results.length} hosts`}.`);
    return results;
  } catch (error) {
    void vscode.window.showErrorMessage(ctx.describeError(error, 'Upload failed'));
    return undefined;
  }
}

export async function download(ctx: Ctx, hosts: ChosenHosts, request: DownloadRequest = {}): Promise<HostRunResult[] | undefined> {
  const selector = hosts.selectors[0];
  if (hosts.selectors.length !== 1 || selector.hosts?.length !== 1) {
    void vscode.window.showErrorMessage('Download from one host at a time: select a single host.');
    return undefined;
  }
  const host = selector.hosts[0];
  const remotePath = request.remotePath ?? (await vscode.window.showInputBox({ title: `Download from ${host}`, prompt: 'Remote path' }));
  if (!remotePath) return undefined;
  let localPath = request.localPath;
  if (!localPath) {
    const folder = ctx.folder?.uri ?? vscode.Uri.file(process.cwd());
    // the save dialog asks about overwriting an existing file itself
    localPath = (await vscode.window.showSaveDialog({ title: `Save ${path.basename(remotePath)} from ${host}`, defaultUri: vscode.Uri.joinPath(folder, path.basename(remotePath)) }))?.fsPath;
    if (!localPath) return undefined;
  } else if (fs.existsSync(localPath) && !request.overwrite) {
    const answer = await vscode.window.showWarningMessage(`${path.basename(localPath)} already exists. Overwrite it?`, { modal: true }, 'Overwrite');
    if (answer !== 'Overwrite') return undefined;
  }
  const destination = localPath;
  try {
    const results = await withCancellableProgress(`Downloading ${path.basename(remotePath)} from ${host}`, async (signal) => {
      const bridge = await ctx.bridge();
      const first = await bridge.get(selector, remotePath, destination, { signal });
      return withHostKeyConsent(first, askAboutHostKey, ([again], hostKeys) => bridge.get(again, remotePath, destination, { signal, hostKeys }));
    });
    const failed = failures(results);
    if (failed.length > 0) void vscode.window.showErrorMessage(`Download failed: ${failed.join('; ')}`);
    else void vscode.window.showInformationMessage(`Downloaded ${remotePath} from ${host} to ${vscode.workspace.asRelativePath(destination)}.`, 'Open').then((c) => c && vscode.window.showTextDocument(vscode.Uri.file(destination)));
    return results;
  } catch (error) {
    void vscode.window.showErrorMessage(ctx.describeError(error, 'Download failed'));
    return undefined;
  }
}
