// Upload and download through the connector, with cancellable progress. Downloads never leave a partial file: the
// bridge writes beside the destination and renames when complete; a missing local folder is created. The last
// remote paths are remembered per target; every transfer is logged, and a failure offers "Show Log" and "Retry".
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostKeyAcceptance, HostRunResult, HostSelector } from '../../core/bridge/protocol';
import { withHostKeyConsent } from '../../core/connectors/hostKeyConsent';
import { logSummary } from '../../core/execution/runReport';
import type { Ctx } from '../ctx';
import { askAboutHostKey } from '../ssh/hostKeyPrompt';
import type { ChosenHosts } from '../../core/inventory/chosenHosts';

export interface UploadRequest { localPath?: string; remotePath?: string }
export interface DownloadRequest { remotePath?: string; localPath?: string; overwrite?: boolean }

const REMOTE_PATHS_KEY = 'pyinfraConnectors.remotePaths';
const SHOW_LOG = 'Show Log';
const RETRY = 'Retry';

interface RemotePaths { upload?: string; download?: string }

/** The last remote paths used on each target, kept in the workspace state. */
export function rememberedRemotePaths(ctx: Ctx, target: string): RemotePaths {
  return ctx.extension.workspaceState.get<Record<string, RemotePaths>>(REMOTE_PATHS_KEY, {})[target] ?? {};
}

async function rememberRemotePath(ctx: Ctx, target: string, kind: keyof RemotePaths, remotePath: string): Promise<void> {
  const all = ctx.extension.workspaceState.get<Record<string, RemotePaths>>(REMOTE_PATHS_KEY, {});
  await ctx.extension.workspaceState.update(REMOTE_PATHS_KEY, { ...all, [target]: { ...all[target], [kind]: remotePath } });
}

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

/** Runs a transfer, logs it and its results, and shows a failure with "Show Log" and "Retry". */
async function transfer(ctx: Ctx, what: string, work: (signal: AbortSignal) => Promise<HostRunResult[]>, succeeded: (results: HostRunResult[]) => void): Promise<HostRunResult[] | undefined> {
  ctx.log.info(`${what}`);
  let results: HostRunResult[] | undefined;
  let failure: string | undefined;
  try {
    results = await withCancellableProgress(what, work);
    for (const line of logSummary(results)) (results.every((r) => r.success) ? ctx.log.info : ctx.log.warn).call(ctx.log, `  ${line}`);
    const failed = failures(results);
    if (failed.length > 0) {
      failure = `${what} failed on ${failed.length} of ${results.length} hosts: ${failed.join('; ')}`;
      ctx.log.error(failure);
    }
  } catch (error) {
    failure = ctx.describeError(error, `${what} failed`);
  }
  if (!failure) {
    succeeded(results!);
    return results;
  }
  void vscode.window.showErrorMessage(failure, SHOW_LOG, RETRY).then((choice) => {
    if (choice === SHOW_LOG) ctx.log.show(true);
    if (choice === RETRY) void transfer(ctx, what, work, succeeded);
  });
  return results;
}

export async function upload(ctx: Ctx, hosts: ChosenHosts, request: UploadRequest = {}): Promise<HostRunResult[] | undefined> {
  const target = hosts.selectors[0].target;
  const localPath = request.localPath ?? (await vscode.window.showOpenDialog({ title: `Upload to ${hosts.label}`, canSelectMany: false, defaultUri: ctx.folder?.uri, openLabel: 'Upload' }))?.[0]?.fsPath;
  if (!localPath) return undefined;
  const name = path.basename(localPath);
  const lastUpload = rememberedRemotePaths(ctx, target).upload;
  const suggested = lastUpload ? path.posix.join(path.posix.dirname(lastUpload), name) : `/tmp/${name}`;
  const remotePath = request.remotePath ?? (await vscode.window.showInputBox({ title: `Upload ${name} to ${hosts.label}`, prompt: 'Remote path', value: suggested }));
  if (!remotePath) return undefined;
  await rememberRemotePath(ctx, target, 'upload', remotePath);
  return transfer(ctx, `Upload ${localPath} to ${remotePath} on ${hosts.label}`,
    async (signal) => {
      const bridge = await ctx.bridge();
      const putAll = async (selectors: HostSelector[], hostKeys?: HostKeyAcceptance) => (await Promise.all(selectors.map((selector) => bridge.put(selector, localPath, remotePath, { signal, hostKeys })))).flat();
      const results = await withHostKeyConsent(await putAll(hosts.selectors), askAboutHostKey, putAll);
      return ctx.readResults(hosts.selectors.map((s) => s.target), 'put', results);
    },
    (results) => void vscode.window.showInformationMessage(`Uploaded ${name} to ${remotePath} on ${results.length === 1 ? results[0].host : `${results.length} hosts`}.`));
}

/** Creates the folders a download goes into; returns the topmost one it created, to remove when the download fails. */
function createFolderFor(localPath: string): string | undefined {
  return fs.mkdirSync(path.dirname(localPath), { recursive: true });
}

export async function download(ctx: Ctx, hosts: ChosenHosts, request: DownloadRequest = {}): Promise<HostRunResult[] | undefined> {
  const selector = hosts.selectors[0];
  if (hosts.selectors.length !== 1 || selector.hosts?.length !== 1) {
    void vscode.window.showErrorMessage('Download from one host at a time: select a single host.');
    return undefined;
  }
  const host = selector.hosts[0];
  const remotePath = request.remotePath ?? (await vscode.window.showInputBox({ title: `Download from ${host}`, prompt: 'Remote path', value: rememberedRemotePaths(ctx, selector.target).download }));
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
  await rememberRemotePath(ctx, selector.target, 'download', remotePath);
  const destination = localPath;
  return transfer(ctx, `Download ${remotePath} from ${host} to ${destination}`,
    async (signal) => {
      const created = createFolderFor(destination);
      try {
        const bridge = await ctx.bridge();
        const first = await bridge.get(selector, remotePath, destination, { signal });
        const results = await withHostKeyConsent(first, askAboutHostKey, ([again], hostKeys) => bridge.get(again, remotePath, destination, { signal, hostKeys }));
        if (created && !results.every((r) => r.success)) fs.rmSync(created, { recursive: true, force: true });
        return ctx.readResults([selector.target], 'get', results);
      } catch (error) {
        if (created) fs.rmSync(created, { recursive: true, force: true });
        throw error;
      }
    },
    () => void vscode.window.showInformationMessage(`Downloaded ${remotePath} from ${host} to ${vscode.workspace.asRelativePath(destination)}.`, 'Open').then((c) => c && vscode.window.showTextDocument(vscode.Uri.file(destination))));
}
