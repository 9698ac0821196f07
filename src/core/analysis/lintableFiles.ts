// The one workspace walker, for the CLI's `lint` and the language server's scan: every .py file and
// pyproject.toml under a folder, skipping virtual environments, dependencies, VCS data and tool caches.
import { promises as fs } from 'fs';
import * as path from 'path';

export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.venv', 'node_modules', '.git', '__pycache__', '.tox', '.mypy_cache', '.ruff_cache', '.pytest_cache',
]);

export function isLintablePath(file: string): boolean {
  return file.endsWith('.py') || path.basename(file) === 'pyproject.toml';
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.isFile(), () => false);
}

async function walk(dir: string, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to lint there
  }
  await Promise.all(entries.map(async (entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full, found);
    } else if (isLintablePath(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && await isFile(full)))) {
      // symbolic links to files count; links to directories are not followed (cycles)
      found.push(full);
    }
  }));
}

/** Lintable files under the folders, sorted, each once. */
export async function lintableFiles(folders: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) await walk(folder, found);
  return [...new Set(found)].sort();
}
