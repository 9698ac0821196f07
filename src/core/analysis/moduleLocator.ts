// Maps dotted module names to workspace files without knowing the source roots: every trailing run of a
// file's path segments is a candidate name, so `src/` layouts, top-level single-file modules and
// namespace packages (no __init__.py) all resolve. Ties go to the file nearest the importer.
import * as path from 'path';

/** A module in the workspace (a file, a package with its __init__.py, or a namespace directory), or outside it. */
export type ModuleLocation =
  | { kind: 'workspace'; file?: string; dir?: string }
  | { kind: 'external'; name: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function moduleSegments(file: string): { segments: string[]; isPackage: boolean } {
  const parts = file.split(/[\\/]/);
  const base = parts.pop() ?? '';
  const isPackage = base === '__init__.py';
  if (!isPackage) parts.push(base.replace(/\.py$/, ''));
  return { segments: parts, isPackage };
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export class ModuleLocator {
  private readonly files = new Set<string>();
  private readonly dirs = new Map<string, number>();
  private readonly byName = new Map<string, Set<string>>();

  add(file: string): void {
    if (this.files.has(file)) return;
    this.files.add(file);
    this.forEachName(file, (name, key) => {
      let keys = this.byName.get(name);
      if (!keys) this.byName.set(name, keys = new Set());
      keys.add(key);
    }, (dir) => this.dirs.set(dir, (this.dirs.get(dir) ?? 0) + 1));
  }

  remove(file: string): void {
    if (!this.files.delete(file)) return;
    this.forEachName(file, (name, key) => {
      const keys = this.byName.get(name);
      if (!keys) return;
      // a directory key stays while other files keep it alive (dirs was decremented just before)
      if (key === file || !this.dirs.has(key)) keys.delete(key);
      if (keys.size === 0) this.byName.delete(name);
    }, (dir) => {
      const count = (this.dirs.get(dir) ?? 1) - 1;
      if (count === 0) this.dirs.delete(dir);
      else this.dirs.set(dir, count);
    });
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Calls back (dotted name, module key) for the module and each enclosing directory; a key is a file or a directory. */
  private forEachName(file: string, onName: (name: string, key: string) => void, onDir: (dir: string) => void): void {
    const { segments, isPackage } = moduleSegments(file);
    let key = isPackage ? path.dirname(file) : file;
    for (let count = segments.length; count > 0 && IDENTIFIER.test(segments[count - 1]); count--) {
      if (key !== file) onDir(key);
      for (let start = count - 1; start >= 0 && IDENTIFIER.test(segments[start]); start--) {
        onName(segments.slice(start, count).join('.'), key);
      }
      key = path.dirname(key);
    }
  }

  private location(key: string): ModuleLocation {
    if (key.endsWith('.py')) return { kind: 'workspace', file: key };
    const init = path.join(key, '__init__.py');
    return this.files.has(init) ? { kind: 'workspace', file: init, dir: key } : { kind: 'workspace', dir: key };
  }

  /** An absolute module name, as seen from `fromFile`. */
  resolve(name: string, fromFile: string): ModuleLocation {
    const keys = this.byName.get(name);
    if (!keys || keys.size === 0) return { kind: 'external', name };
    let best = '';
    let bestScore = -1;
    for (const key of keys) {
      // nearest to the importer, then the shortest path; a file beats a directory of the same name
      const score = commonPrefixLength(key, fromFile) * 4 - key.length / 1000 + (key.endsWith('.py') ? 1 : 0);
      if (score > bestScore) {
        best = key;
        bestScore = score;
      }
    }
    return this.location(best);
  }

  /** `from ..x import y` inside `fromFile`. */
  resolveRelative(module: string, level: number, fromFile: string): ModuleLocation | undefined {
    let dir = path.dirname(fromFile);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    if (!module) return this.locateDir(dir);
    return this.locatePath(path.join(dir, ...module.split('.')));
  }

  /** Submodule `name` of a package or namespace directory. */
  submodule(dir: string, name: string): ModuleLocation | undefined {
    return this.locatePath(path.join(dir, name));
  }

  private locatePath(base: string): ModuleLocation | undefined {
    if (this.files.has(`${base}.py`)) return { kind: 'workspace', file: `${base}.py` };
    return this.locateDir(base);
  }

  private locateDir(dir: string): ModuleLocation | undefined {
    const init = path.join(dir, '__init__.py');
    if (this.files.has(init)) return { kind: 'workspace', file: init, dir };
    if (this.dirs.has(dir)) return { kind: 'workspace', dir };
    return undefined;
  }
}
