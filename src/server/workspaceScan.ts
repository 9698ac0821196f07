// The background scan at start: every .py and pyproject.toml under the workspace folders goes into the
// index (most only through the textual pre-pass), in batches that leave room for editor messages.
import { promises as fs } from 'fs';
import * as path from 'path';

const SKIPPED = new Set(['.venv', 'node_modules', '.git', '__pycache__', '.tox', '.mypy_cache', '.ruff_cache', '.pytest_cache']);
const BATCH = 64;

export interface ScanSink {
  add(file: string, text: string): void;
  progress(scanned: number, total: number): void;
}

export function isLintablePath(file: string): boolean {
  return file.endsWith('.py') || path.basename(file) === 'pyproject.toml';
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.isFile(), () => false);
}

async function listFiles(dir: string, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to lint there
  }
  await Promise.all(entries.map(async (entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) await listFiles(full, found);
    } else if (isLintablePath(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && await isFile(full)))) {
      // symbolic links to files count; links to directories are not followed (cycles)
      found.push(full);
    }
  }));
}

export async function scanWorkspace(folders: string[], sink: ScanSink, isCancelled: () => boolean = () => false): Promise<number> {
  const files: string[] = [];
  for (const folder of folders) await listFiles(folder, files);
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
