// Resolves a name as written in a module (`b.BaseConnector`, `Local`, `pkg.mod.Conn`) to what it denotes:
// a workspace class, one of pyinfra's connectors, a harmless base, a module, or unknown.
import { ModuleLocation, ModuleLocator } from './moduleLocator';
import { Binding, ClassSummary, ModuleSummary } from './moduleSummary';
import { BASE_CLASS, BASE_MODULE, BuiltinConnector, builtinConnector, NEUTRAL_BASES } from './pyinfraModel';

export type Resolved =
  | { kind: 'class'; file: string; cls: ClassSummary }
  | { kind: 'builtin'; connector: BuiltinConnector }
  | { kind: 'neutral'; name: string }
  | { kind: 'module'; location: ModuleLocation }
  | { kind: 'unknown' };

export interface SummarySource {
  readonly locator: ModuleLocator;
  /** Summary of a workspace file, parsed on demand; undefined when the file is not in the workspace. */
  summary(file: string): ModuleSummary | undefined;
}

const UNKNOWN: Resolved = { kind: 'unknown' };
const MAX_DEPTH = 24;
const BASE_FILE = /(?:^|[\\/])pyinfra[\\/]connectors[\\/]base\.py$/;

/** Names that are other pyinfra modules' members but never connectors: TypedDict bases of data_cls. */
const EMPTY_TYPED_DICTS = new Set([`${BASE_MODULE}.ConnectorData`]);

export class SymbolResolver {
  constructor(private readonly source: SummarySource) {}

  /** A name as written in `file` (dotted text). */
  resolve(file: string, text: string): Resolved {
    const [head, ...rest] = text.split('.');
    let current = this.resolveLocal(file, head, 0);
    for (const part of rest) {
      if (current.kind !== 'module') return UNKNOWN;
      current = this.member(current.location, part, 0);
    }
    return current;
  }

  /** The class a name denotes in a module, looked up as `from module import name` would. */
  member(location: ModuleLocation, name: string, depth: number): Resolved {
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (location.kind === 'external') {
      const builtin = builtinConnector(location.name, name);
      if (builtin) return { kind: 'builtin', connector: builtin };
      const qualified = `${location.name}.${name}`;
      if (NEUTRAL_BASES.has(qualified) || EMPTY_TYPED_DICTS.has(qualified) || /^typing(_extensions)?\.TypedDict$/.test(qualified)) return { kind: 'neutral', name: qualified };
      return { kind: 'module', location: { kind: 'external', name: qualified } };
    }
    if (location.file) {
      const found = this.lookupInFile(location.file, name, depth);
      if (found.kind !== 'unknown') return found;
    }
    if (location.dir) {
      const sub = this.source.locator.submodule(location.dir, name);
      if (sub) return { kind: 'module', location: sub };
    }
    return UNKNOWN;
  }

  private resolveLocal(file: string, name: string, depth: number): Resolved {
    const found = this.lookupInFile(file, name, depth);
    if (found.kind !== 'unknown') return found;
    return name === 'object' ? { kind: 'neutral', name: 'object' } : UNKNOWN;
  }

  private lookupInFile(file: string, name: string, depth: number): Resolved {
    const summary = this.source.summary(file);
    if (!summary) return UNKNOWN;
    // a class defined here wins over an imported name it shadows
    const cls = lastClass(summary, name);
    if (cls) return this.classResult(file, cls);
    const binding = summary.bindings[name];
    if (binding) return this.binding(file, binding, depth + 1);
    for (const star of summary.starImports) {
      const location = this.moduleLocation(star.module, star.level, file);
      if (!location) continue;
      const found = this.member(location, name, depth + 1);
      if (found.kind === 'class' || found.kind === 'builtin' || found.kind === 'neutral') return found;
      if (found.kind === 'module' && found.location.kind === 'workspace') return found;
    }
    return UNKNOWN;
  }

  private classResult(file: string, cls: ClassSummary): Resolved {
    // linting pyinfra's own source: its BaseConnector is the root, not a class to analyse
    if (cls.name === BASE_CLASS && BASE_FILE.test(file)) return { kind: 'builtin', connector: builtinConnector(BASE_MODULE, BASE_CLASS)! };
    return { kind: 'class', file, cls };
  }

  private binding(file: string, binding: Binding, depth: number): Resolved {
    if (depth > MAX_DEPTH) return UNKNOWN;
    switch (binding.kind) {
      case 'module': {
        const location = this.moduleLocation(binding.module, 0, file);
        return location ? { kind: 'module', location } : UNKNOWN;
      }
      case 'from': {
        const location = this.moduleLocation(binding.module, binding.level, file);
        return location ? this.member(location, binding.name, depth) : UNKNOWN;
      }
      case 'alias': {
        const [head, ...rest] = binding.target.split('.');
        let current = this.resolveLocal(file, head, depth + 1);
        for (const part of rest) {
          if (current.kind !== 'module') return UNKNOWN;
          current = this.member(current.location, part, depth + 1);
        }
        return current;
      }
    }
  }

  moduleLocation(module: string, level: number, fromFile: string): ModuleLocation | undefined {
    if (level > 0) return this.source.locator.resolveRelative(module, level, fromFile);
    return this.source.locator.resolve(module, fromFile);
  }
}

/** The last class of each name in a summary (a later definition rebinds the name), built once per summary. */
const classesByName = new WeakMap<ModuleSummary, Map<string, ClassSummary>>();

function lastClass(summary: ModuleSummary | undefined, name: string): ClassSummary | undefined {
  if (!summary) return undefined;
  let byName = classesByName.get(summary);
  if (!byName) {
    byName = new Map(summary.classes.map((cls) => [cls.name, cls]));
    classesByName.set(summary, byName);
  }
  return byName.get(name);
}
