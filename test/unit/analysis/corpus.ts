// Test helpers: the repository root from a bundled test, and the fixture corpus with its `# expect:` markers.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'src'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function lintFixtures(): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'lint');
}

/** The lintable files under `dir`, in name order (readdir's order is the file system's: the fuzz seed replays anywhere). */
export function walkLintable(dir: string, found: string[] = []): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkLintable(full, found);
    else if (entry.name.endsWith('.py') || entry.name === 'pyproject.toml') found.push(full);
  }
  return found;
}

/** "file:line CODE" for every `# expect: CODE [CODE...]` marker (line 1-based). */
export function expectedMarkers(files: string[], root: string): string[] {
  const expected: string[] = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      const match = /#\s*expect:\s*((?:PCK\d{3}\s*)+)$/.exec(line);
      if (!match) return;
      for (const code of match[1].trim().split(/\s+/)) expected.push(`${path.relative(root, file)}:${index + 1} ${code}`);
    });
  }
  return expected.sort();
}

/**
 * The installed pyinfra package of the project's .venv, asked of its interpreter (no Python version in the path).
 * undefined only when there is no .venv at all; a .venv without pyinfra is an error, not a reason to skip.
 */
export function pyinfraPackageDir(): string | undefined {
  const python = path.join(repoRoot(), '.venv', 'bin', 'python');
  if (!fs.existsSync(python)) return undefined;
  return execFileSync(python, ['-c', 'import os, pyinfra; print(os.path.dirname(pyinfra.__file__))'], { encoding: 'utf8' }).trim();
}
