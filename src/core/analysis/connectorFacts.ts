// For each workspace class: is it a pyinfra connector, its method resolution order (C3, as Python computes
// it, across files), and what an attribute lookup through that order finds: methods (abstract or not),
// handles_execution, data_cls, data_meta. Memoised for one analysis pass; iterative, so a 20,000-deep
// inheritance chain costs linear time and no stack.
import { ClassAttribute, ClassSummary, KeyInfo, MethodSummary, ModuleSummary } from './moduleSummary';
import { BASE_CLASS, BASE_MODULE, BuiltinConnector, builtinConnector, DataKeyDoc } from './pyinfraModel';
import { Resolved, SymbolResolver, SummarySource } from './symbolResolver';

/** An attribute found in the class or its ancestors, and the workspace file it is written in. */
export interface Inherited {
  file: string;
  owner: ClassSummary;
  attribute: ClassAttribute;
}

export type MroEntry =
  | { kind: 'class'; facts: ClassFacts }
  | { kind: 'builtin'; connector: BuiltinConnector }
  | { kind: 'neutral'; name: string }
  /** A base the analysis cannot see (another package's mixin, a call): it may define anything. */
  | { kind: 'unknown'; name: string };

/** A persistent list: a class with one base shares its base's order. */
interface MroCell {
  entry: MroEntry;
  next: MroCell | null;
  lookups?: Map<string, Lookup>;
}

/** What `getattr(cls, name)` finds. */
export type Lookup =
  | { kind: 'defined'; abstract: boolean; in: MroEntry; attribute?: ClassAttribute }
  | { kind: 'absent' }
  | { kind: 'unknown' };

export interface ClassFacts {
  file: string;
  cls: ClassSummary;
  isConnector: boolean;
  /** False when the order cannot be known (a cycle, an inconsistent order Python rejects): claim nothing. */
  certain: boolean;
  /** Workspace classes named as direct bases. */
  workspaceBases: ClassFacts[];
  /** undefined: nothing in the order sets it; null: set to something not a literal, or maybe by an unknown base. */
  handlesExecution: boolean | null | undefined;
  dataCls: Inherited | 'base' | null | undefined;
  dataMeta: Inherited | 'base' | null | undefined;
  lookup(name: string): Lookup;
}

export function classKey(file: string, cls: ClassSummary): string {
  return `${file}#${cls.name}#${cls.nameRange.start.line}`;
}

const ABSENT: Lookup = { kind: 'absent' };
const UNKNOWN: Lookup = { kind: 'unknown' };
const CLASS_ATTRIBUTES = ['handles_execution', 'data_cls', 'data_meta'];
/** Class decorators and metaclasses known to add no connector method. */
const NEUTRAL_DECORATORS = /^(?:(?:dataclasses\.)?dataclass|(?:typing(?:_extensions)?\.)?final|(?:functools\.)?total_ordering)$/;
const NEUTRAL_METACLASSES = /^(?:abc\.)?ABCMeta$/;

/** A decorator by its name, however it was imported (`staticmethod`, `builtins.staticmethod`). */
export const hasDecorator = (decorators: string[], name: string) => decorators.some((d) => d === name || d.endsWith(`.${name}`));
export const isOverload = (decorators: string[]) => hasDecorator(decorators, 'overload');
export const isStaticmethod = (method: MethodSummary) => hasDecorator(method.decorators, 'staticmethod');

/** The names rules look up; a class body's definitions of them are indexed once per class summary. */
const LOOKED_UP = new Set(['make_names_data', 'run_shell_command', 'put_file', 'get_file', 'connect', 'disconnect', ...CLASS_ATTRIBUTES]);

/** What a class body defines of the looked-up names (a lookup must not scan every method). */
interface OwnNames {
  methods: Map<string, MethodSummary[]>;
  attributes: Map<string, ClassAttribute>;
  uncertain: Set<string>;
  /** Attributes Python's rules alone do not decide: a metaclass, a class decorator, __getattr__. */
  opaque: boolean;
}

const ownNamesCache = new WeakMap<ClassSummary, OwnNames>();

function ownNames(cls: ClassSummary): OwnNames {
  let names = ownNamesCache.get(cls);
  if (names) return names;
  const methods = new Map<string, MethodSummary[]>();
  let getattr = false;
  for (const method of cls.methods) {
    getattr ||= method.name === '__getattr__' || method.name === '__getattribute__';
    if (!LOOKED_UP.has(method.name) || isOverload(method.decorators)) continue;
    const list = methods.get(method.name);
    if (list) list.push(method);
    else methods.set(method.name, [method]);
  }
  const metaclass = cls.keywords.metaclass;
  names = {
    methods,
    attributes: new Map(cls.attributes.map((attribute) => [attribute.name, attribute])),
    uncertain: new Set([...cls.uncertainMethods, ...cls.methods.filter((m) => isOverload(m.decorators)).map((m) => m.name)]),
    opaque: getattr || (metaclass !== undefined && !NEUTRAL_METACLASSES.test(metaclass))
      || cls.decorators.some((decorator) => !NEUTRAL_DECORATORS.test(decorator)),
  };
  ownNamesCache.set(cls, names);
  return names;
}

function ownLookup(entry: MroEntry, name: string): Lookup {
  switch (entry.kind) {
    case 'class': {
      const own = ownNames(entry.facts.cls);
      const definitions = LOOKED_UP.has(name) ? own.methods.get(name)
        : entry.facts.cls.methods.filter((m) => m.name === name && !isOverload(m.decorators));
      if (definitions?.length) return { kind: 'defined', abstract: definitions.every((m) => hasDecorator(m.decorators, 'abstractmethod')), in: entry };
      const attribute = own.attributes.get(name);
      if (attribute) return { kind: 'defined', abstract: false, in: entry, attribute };
      // a name seen only in broken text, or only as typing.overload stubs: present, shape unknown
      if (own.uncertain.has(name)) return { kind: 'defined', abstract: false, in: entry };
      return own.opaque ? UNKNOWN : ABSENT;
    }
    case 'builtin': {
      const { connector } = entry;
      if (connector.abstractMethods?.includes(name)) return { kind: 'defined', abstract: true, in: entry };
      return connector.methods.includes(name) || CLASS_ATTRIBUTES.includes(name) ? { kind: 'defined', abstract: false, in: entry } : ABSENT;
    }
    case 'neutral':
      return ABSENT;
    case 'unknown':
      return UNKNOWN;
  }
}

/** getattr through the order from `cell` on; each cell remembers its answer, so chains cost linear time. */
function lookupFrom(cell: MroCell | null, name: string): Lookup {
  const walked: MroCell[] = [];
  let result: Lookup = ABSENT;
  for (let current = cell; current; current = current.next) {
    const known = current.lookups?.get(name);
    if (known) {
      result = known;
      break;
    }
    walked.push(current);
    const own = ownLookup(current.entry, name);
    if (own.kind !== 'absent') {
      result = own;
      break;
    }
  }
  for (const visited of walked) (visited.lookups ??= new Map()).set(name, result);
  return result;
}

function entryKey(entry: MroEntry): string {
  switch (entry.kind) {
    case 'class': return classKey(entry.facts.file, entry.facts.cls);
    case 'builtin': return `builtin:${entry.connector.module}.${entry.connector.name}`;
    default: return `${entry.kind}:${entry.name}`;
  }
}

function toArray(cell: MroCell | null): MroCell[] {
  const cells: MroCell[] = [];
  for (let current = cell; current; current = current.next) cells.push(current);
  return cells;
}

/** C3 merge of the bases' orders and the list of bases; null when Python would raise TypeError. */
function c3Merge(bases: MroCell[]): MroEntry[] | null {
  const sequences = [...bases.map((base) => toArray(base).map((c) => c.entry)), bases.map((base) => base.entry)];
  const positions = sequences.map(() => 0);
  // how many sequences hold each entry after their head: a head in no tail can come next
  const tailCounts = new Map<string, number>();
  const count = (entry: MroEntry, delta: number) => {
    const key = entryKey(entry);
    tailCounts.set(key, (tailCounts.get(key) ?? 0) + delta);
  };
  for (const sequence of sequences) for (const entry of sequence.slice(1)) count(entry, 1);
  const merged: MroEntry[] = [];
  for (;;) {
    let candidate: MroEntry | undefined;
    for (let s = 0; s < sequences.length && !candidate; s++) {
      const head = sequences[s][positions[s]];
      if (head && (tailCounts.get(entryKey(head)) ?? 0) === 0) candidate = head;
    }
    if (!candidate) return sequences.every((sequence, s) => positions[s] >= sequence.length) ? merged : null;
    merged.push(candidate);
    const key = entryKey(candidate);
    sequences.forEach((sequence, s) => {
      if (positions[s] < sequence.length && entryKey(sequence[positions[s]]) === key) {
        positions[s]++;
        if (positions[s] < sequence.length) count(sequence[positions[s]], -1);
      }
    });
  }
}

export class FactsBuilder {
  readonly resolver: SymbolResolver;
  private readonly facts = new Map<string, ClassFacts>();
  private readonly cells = new Map<string, MroCell>();

  constructor(readonly source: SummarySource) {
    this.resolver = new SymbolResolver(source);
  }

  of(file: string, cls: ClassSummary): ClassFacts {
    const key = classKey(file, cls);
    const known = this.facts.get(key);
    if (known) return known;
    // bases first, without recursion: inheritance chains can be deeper than the stack
    const inProgress = new Set<string>();
    const stack: Array<{ file: string; cls: ClassSummary; key: string; bases?: Resolved[] }> = [{ file, cls, key }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (this.facts.has(top.key)) {
        stack.pop();
        continue;
      }
      top.bases ??= top.cls.bases.map((base) => this.resolver.resolve(top.file, base));
      if (!inProgress.has(top.key)) {
        inProgress.add(top.key);
        const pending = top.bases.flatMap((base) => (base.kind === 'class' ? [{ file: base.file, cls: base.cls, key: classKey(base.file, base.cls) }] : []))
          .filter((base) => !this.facts.has(base.key) && !inProgress.has(base.key));
        if (pending.length > 0) {
          stack.push(...pending);
          continue;
        }
      }
      this.facts.set(top.key, this.build(top.file, top.cls, top.bases));
      stack.pop();
    }
    return this.facts.get(key)!;
  }

  private build(file: string, cls: ClassSummary, bases: Resolved[]): ClassFacts {
    const facts: ClassFacts = {
      file, cls, isConnector: false, certain: true, workspaceBases: [],
      handlesExecution: undefined, dataCls: undefined, dataMeta: undefined,
      lookup: (name) => lookupFrom(head, name),
    };
    const baseCells = bases.map((base, i) => {
      switch (base.kind) {
        case 'class': {
          const parent = this.facts.get(classKey(base.file, base.cls));
          // a base still being worked out is a cycle, which Python rejects at import time
          if (!parent?.certain) facts.certain = false;
          if (!parent) return this.cell({ kind: 'unknown', name: `${file}:${cls.bases[i]}` });
          facts.workspaceBases.push(parent);
          facts.isConnector ||= parent.isConnector;
          return this.headCell(parent);
        }
        case 'builtin':
          facts.isConnector = true;
          return this.builtinCell(base.connector);
        case 'neutral':
          return this.neutralCell(base.name);
        default:
          return this.cell({ kind: 'unknown', name: `${file}:${cls.bases[i]}` });
      }
    });
    const self: MroEntry = { kind: 'class', facts };
    let head: MroCell;
    if (baseCells.length <= 1) {
      head = { entry: self, next: baseCells[0] ?? this.neutralCell('object') };
    } else {
      const merged = c3Merge(baseCells);
      if (!merged) facts.certain = false;
      let next: MroCell | null = null;
      for (const entry of [...(merged ?? [])].reverse()) next = { entry, next };
      head = { entry: self, next };
    }
    this.cells.set(classKey(file, cls), head);
    facts.handlesExecution = handlesExecution(facts.lookup('handles_execution'));
    facts.dataCls = dataAttribute(facts.lookup('data_cls'));
    facts.dataMeta = dataAttribute(facts.lookup('data_meta'));
    return facts;
  }

  private headCell(facts: ClassFacts): MroCell {
    return this.cells.get(classKey(facts.file, facts.cls))!;
  }

  private cell(entry: MroEntry, next: MroCell | null = this.neutralCell('object')): MroCell {
    return { entry, next };
  }

  private shared(key: string, make: () => MroCell): MroCell {
    let found = this.cells.get(key);
    if (!found) {
      found = make();
      this.cells.set(key, found);
    }
    return found;
  }

  private neutralCell(name: string): MroCell {
    if (name === 'object') return this.shared('neutral:object', () => ({ entry: { kind: 'neutral', name }, next: null }));
    return this.shared(`neutral:${name}`, () => this.cell({ kind: 'neutral', name }));
  }

  /** pyinfra's connectors: [X, BaseConnector, abc.ABC, object]. */
  private builtinCell(connector: BuiltinConnector): MroCell {
    const base = builtinConnector(BASE_MODULE, BASE_CLASS)!;
    const baseCell = this.shared(`builtin:${BASE_MODULE}.${BASE_CLASS}`, () => this.cell({ kind: 'builtin', connector: base }, this.neutralCell('abc.ABC')));
    if (connector === base) return baseCell;
    return this.shared(`builtin:${connector.module}.${connector.name}`, () => this.cell({ kind: 'builtin', connector }, baseCell));
  }

  /** Keys of the TypedDict a data_cls names, with their own and inherited annotations; null when unknown. */
  typedDictKeys(file: string, text: string, depth = 0): Array<KeyInfo & { file: string }> | null {
    if (depth > 16) return null;
    const resolved = this.resolver.resolve(file, text);
    if (resolved.kind === 'neutral') return [];
    if (resolved.kind !== 'class') return null;
    const keys = resolved.cls.annotations.map((key) => ({ ...key, file: resolved.file }));
    for (const base of resolved.cls.bases) {
      const inherited = this.typedDictKeys(resolved.file, base, depth + 1);
      if (inherited === null) return null;
      keys.push(...inherited);
    }
    return keys;
  }

  /** Keys of a data_meta value: a dict literal, or the name of a module-level dict (here or imported). */
  dictKeys(file: string, attribute: ClassAttribute): string[] | null {
    if (attribute.dictKeys !== undefined) return attribute.dictKeys;
    const found = this.moduleDict(file, attribute.value);
    return found && found.summary.dicts[found.name] !== undefined ? found.summary.dicts[found.name] : null;
  }

  /** Description and default of each key of a data_meta value, where written as DataMeta(...). */
  metaDocs(file: string, attribute: ClassAttribute): Record<string, DataKeyDoc> | undefined {
    if (attribute.dictKeys !== undefined) return attribute.metaDocs;
    const found = this.moduleDict(file, attribute.value);
    return found?.summary.metaDocs[found.name];
  }

  /** The module-level dict a name denotes: defined in this file or imported from a workspace file. */
  private moduleDict(file: string, name: string): { summary: ModuleSummary; name: string } | undefined {
    const summary = this.source.summary(file);
    if (!summary || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
    if (name in summary.dicts) return { summary, name };
    const binding = summary.bindings[name];
    if (binding?.kind !== 'from') return undefined;
    const location = this.resolver.moduleLocation(binding.module, binding.level, file);
    if (location?.kind !== 'workspace' || !location.file) return undefined;
    const target = this.source.summary(location.file);
    return target && binding.name in target.dicts ? { summary: target, name: binding.name } : undefined;
  }
}

function handlesExecution(found: Lookup): boolean | null | undefined {
  if (found.kind === 'absent') return undefined;
  if (found.kind === 'unknown') return null;
  if (found.in.kind === 'builtin') return found.in.connector.handlesExecution;
  return found.attribute?.literal ?? null;
}

function dataAttribute(found: Lookup): Inherited | 'base' | null | undefined {
  if (found.kind === 'absent') return undefined;
  if (found.kind === 'unknown') return null;
  if (found.in.kind === 'builtin') return found.in.connector.module === BASE_MODULE ? 'base' : null;
  if (found.in.kind !== 'class' || !found.attribute) return null;
  return { file: found.in.facts.file, owner: found.in.facts.cls, attribute: found.attribute };
}
