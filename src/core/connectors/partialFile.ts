// Downloads land in a hidden file beside the destination and are renamed when complete, so a
// failed or cancelled download never leaves a partial file under the name asked for. A destination
// that is an existing folder receives the file under its remote name, as cp and scp do.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { HostRunResult } from '../bridge/protocol';
import { failedResult } from './outputLines';

export function partialPath(localPath: string): string {
  return path.join(path.dirname(localPath), `.${path.basename(localPath)}.${crypto.randomBytes(4).toString('hex')}.part`);
}

/** localPath itself, or localPath/<remote file name> when localPath is an existing folder. */
export function downloadDestination(localPath: string, remotePath: string): string {
  if (!fs.statSync(localPath, { throwIfNoEntry: false })?.isDirectory()) return localPath;
  const name = path.posix.basename(remotePath); // trailing slashes aside, as basename reads them
  if (name === '' || name === '.' || name === '..') throw new Error(`${localPath} is a folder and the remote path '${remotePath}' names no file to write into it`);
  return path.join(localPath, name);
}

/** A download: `copy` writes the partial file; it becomes the destination only when copy succeeded. */
export async function download(host: string, remotePath: string, localPath: string, copy: (partial: string) => Promise<HostRunResult>): Promise<HostRunResult> {
  let destination: string;
  try {
    destination = downloadDestination(localPath, remotePath);
  } catch (error) {
    return failedResult(host, (error as Error).message);
  }
  const partial = partialPath(destination);
  try {
    const result = await copy(partial);
    if (result.success) fs.renameSync(partial, destination);
    return result;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
