// The background scan at start: every lintable file under the workspace folders goes into the index (most
// only through the textual pre-pass), in batches that leave room for editor messages.
import { promises as fs } from 'fs';
import { lintableFiles } from '../core/analysis/lintableFiles';

const BATCH = 64;

export interface ScanSink {
  add(file: string, text: string): void;
  progress(scanned: number, total: number): void;
}

export async function scanWorkspace(folders: string[], sink: ScanSink, isCancelled: () => boolean = () => false): Promise<number> {
  const files = await lintableFiles(folders);
  sink.progress(0, files.length);
  for (let start = 0; start < files.length && !isCancelled(); start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    const texts = await Promise.all(batch.map((file) => fs.readFile(file, 'utf8').catch(() => undefined)));
    batch.forEach((file, i) => {
      const text = texts[i];
      if (text !== undefined) sink.add(file, text);
    });
    sink.progress(Math.min(start + BATCH, files.length), files.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return files.length;
}
