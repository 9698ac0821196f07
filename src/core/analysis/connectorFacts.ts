// For each workspace class: is it a pyinfra connector, which methods and handles_execution it has
// (own or inherited), and where its data_cls/data_meta come from. Memoised for one analysis pass.
import { ClassAttribute, ClassSummary, KeyInfo } from './moduleSummary';
import { BASE_CLASS, BASE_MODULE } from './pyinfraModel';
import { Resolved, SymbolResolver, SummarySource } from './symbolResolver';

/** An attribute found in the class or its ancestors, and the workspace file it is written in. */
export interface Inherited {
  file: string;
  owner: ClassSummary;
  attribute: ClassAttribute;
}

export interface ClassFacts {
  file: string;
  cls: ClassSummary;
  isConnector: boolean;
  /** False when an ancestor could not be resolved: it might provide anything, so nothing is reported missing. */
  certain: boolean;
  /** Methods defined by the class or an ancestor below BaseConnector. */
  methods: Set<string>;
  /** undefined: nothing in the chain sets it; null: set to something not a literal, or by an unknown ancestor. */
  handlesExecution: boolean | null | undefined;
  /** Workspace classes named as direct bases. */
  workspaceBases: ClassFacts[];
  dataCls: Inherited | 'base' | null | undefined;
  dataMeta: Inherited | 'base' | null | undefined;
}

export function classKey(file: string, cls: ClassSummary): string {
  return `${file}#${cls.name}#${cls.nameRange.start.line}`;
}

export class FactsBuilder {
  readonly resolver: SymbolResolver;
  private readonly facts = new Map<string, ClassFacts>();
  private readonly inProgress = new Set<string>();

  constructor(readonly source: SummarySource) {
    this.resolver = new SymbolResolver(source);
  }

  of(file: string, cls: ClassSummary): ClassFacts {
    const key = classKey(file, cls);
    const known = this.facts.get(key);
    if (known) return known;
    const own = (name: string) => cls.attributes.find((attribute) => attribute.name === name);
    const ownHandles = own('handles_execution');
    const result: ClassFacts = {
      file, cls,
      isConnector: false,
      certain: true,
      methods: new Set([...cls.methods.filter((m) => !m.decorators.some(isAbstract)).map((m) => m.name), ...cls.uncertainMethods, ...cls.attributes.map((a) => a.name)]),
      handlesExecution: ownHandles ? (ownHandles.literal ?? null) : undefined,
      workspaceBases: [],
      dataCls: inheritedFrom(file, cls, own('data_cls')),
      dataMeta: inheritedFrom(file, cls, own('data_meta')),
    };
    if (this.inProgress.has(key)) {
      // a cycle of bases: Python rejects it at import time; claim nothing
      result.certain = false;
      return result;
    }
    this.inProgress.add(key);
    for (const base of cls.bases) this.inherit(result, this.resolver.resolve(file, base));
    this.inProgress.delete(key);
    this.facts.set(key, result);
    return result;
  }

  private inherit(into: ClassFacts, base: Resolved): void {
    switch (base.kind) {
      case 'class': {
        const parent = this.of(base.file, base.cls);
        into.workspaceBases.push(parent);
        into.isConnector ||= parent.isConnector;
        into.certain &&= parent.certain;
        for (const method of parent.methods) into.methods.add(method);
        if (into.handlesExecution === undefined) into.handlesExecution = parent.handlesExecution;
        if (into.dataCls === undefined) into.dataCls = parent.dataCls;
        if (into.dataMeta === undefined) into.dataMeta = parent.dataMeta;
        return;
      }
      case 'builtin': {
        const { connector } = base;
        into.isConnector = true;
        for (const method of connector.methods) into.methods.add(method);
        if (into.handlesExecution === undefined) into.handlesExecution = connector.handlesExecution;
        const isBase = connector.module === BASE_MODULE && connector.name === BASE_CLASS;
        if (into.dataCls === undefined) into.dataCls = isBase ? 'base' : null;
        if (into.dataMeta === undefined) into.dataMeta = isBase ? 'base' : null;
        return;
      }
      case 'neutral':
        return;
      default:
        // an unresolved base (another package's mixin, a call): it may define anything
        into.certain = false;
        if (into.handlesExecution === undefined) into.handlesExecution = null;
        if (into.dataCls === undefined) into.dataCls = null;
        if (into.dataMeta === undefined) into.dataMeta = null;
    }
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
    const summary = this.source.summary(file);
    if (!summary || !/^[A-Za-z_]\w*$/.test(attribute.value)) return null;
    if (attribute.value in summary.dicts) return summary.dicts[attribute.value];
    const binding = summary.bindings[attribute.value];
    if (binding?.kind !== 'from') return null;
    const location = this.resolver.moduleLocation(binding.module, binding.level, file);
    if (location?.kind !== 'workspace' || !location.file) return null;
    const target = this.source.summary(location.file);
    return target && binding.name in target.dicts ? target.dicts[binding.name] : null;
  }
}

function isAbstract(decorator: string): boolean {
  return decorator === 'abstractmethod' || decorator.endsWith('.abstractmethod');
}

function inheritedFrom(file: string, owner: ClassSummary, attribute: ClassAttribute | undefined): Inherited | undefined {
  return attribute ? { file, owner, attribute } : undefined;
}
