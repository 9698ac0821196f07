// One analysis pass over a WorkspaceIndex: wake the files connector classes reach, work out the facts of
// every class, run the rules, and list the connector classes.
import { ClassFacts, classKey, FactsBuilder } from './connectorFacts';
import { EntryPoint } from './pyproject';
import { BUILTIN_CONNECTORS } from './pyinfraModel';
import { runChecks, severityOf } from './rules/registry';
import { RuleContext } from './rules/ruleContext';
import type { WorkspaceIndex } from './workspaceIndex';
import { ConnectorClass, Diagnostic } from './types';

export interface AnalysisResult {
  /** Every analysed file (.py parsed, pyproject.toml), with its diagnostics, possibly none. */
  diagnostics: Map<string, Diagnostic[]>;
  connectorClasses: ConnectorClass[];
  /** Facts of each connector class, keyed by classKey (for quick fixes and hover). */
  connectors: Map<string, ClassFacts>;
  isBase: (facts: ClassFacts) => boolean;
  /** The facts of this pass, for questions rules also ask (a connector's data schema). */
  facts: FactsBuilder;
}

function connectorFacts(index: WorkspaceIndex, facts: FactsBuilder): ClassFacts[] {
  const found: ClassFacts[] = [];
  for (const summary of index.summaries()) {
    for (const cls of summary.classes) {
      const classFacts = facts.of(summary.path, cls);
      if (classFacts.isConnector) found.push(classFacts);
    }
  }
  return found;
}

/**
 * Connector class names (the workspace's and pyinfra's own), and local names bound to them, however many
 * re-exports deep, through which other files may reach them.
 */
function reachingNames(index: WorkspaceIndex, connectors: ClassFacts[]): Set<string> {
  const names = new Set([...BUILTIN_CONNECTORS.map((connector) => connector.name), ...connectors.map((facts) => facts.cls.name)]);
  for (let before = -1; names.size !== before;) {
    before = names.size;
    for (const summary of index.summaries()) {
      for (const [local, binding] of Object.entries(summary.bindings)) {
        const target = binding.kind === 'from' ? binding.name : binding.kind === 'alias' ? binding.target.split('.').pop() : undefined;
        if (target && names.has(target)) names.add(local);
      }
    }
  }
  return names;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

export function analyzeWorkspace(index: WorkspaceIndex): AnalysisResult {
  const parsedFiles = () => index.stats().summarized;
  let parsedBefore = parsedFiles();
  let facts = new FactsBuilder(index);
  let connectors = connectorFacts(index, facts);
  // subclasses of connector classes may live in files the pre-pass left unparsed; and a pass parses the files its
  // bases are read from, which may hold connector classes of their own (a base between a parsed class and pyinfra)
  while (index.wakeFilesReferring(reachingNames(index, connectors)) > 0 || parsedFiles() !== parsedBefore) {
    parsedBefore = parsedFiles();
    facts = new FactsBuilder(index);
    connectors = connectorFacts(index, facts);
  }

  const entries: EntryPoint[] = index.entryPointTables().flatMap((table) => table.entries);
  const entryNames = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.className) continue;
    const location = facts.resolver.moduleLocation(entry.module, 0, entry.file);
    if (!location) continue;
    const target = facts.resolver.member(location, entry.className, 0);
    if (target.kind !== 'class') continue;
    // a class registered twice is listed under its first name
    const key = classKey(target.file, target.cls);
    if (!entryNames.has(key)) entryNames.set(key, entry.name);
  }
  const subclassed = new Set<string>();
  for (const connector of connectors) {
    for (const base of connector.workspaceBases) subclassed.add(classKey(base.file, base.cls));
  }
  const isBase = (classFacts: ClassFacts) => {
    const key = classKey(classFacts.file, classFacts.cls);
    return subclassed.has(key) && !entryNames.has(key);
  };

  const diagnostics = new Map<string, Diagnostic[]>();
  const summaries = index.summaries();
  for (const summary of summaries) diagnostics.set(summary.path, []);
  for (const table of index.entryPointTables()) {
    for (const entry of table.entries) if (!diagnostics.has(entry.file)) diagnostics.set(entry.file, []);
  }
  const context: RuleContext = {
    facts, connectors, summaries, isBase, entryPoints: entries,
    report(finding) {
      const diagnostic: Diagnostic = { ...finding, severity: severityOf(finding.code) };
      const list = diagnostics.get(diagnostic.file);
      if (list) list.push(diagnostic);
      else diagnostics.set(diagnostic.file, [diagnostic]);
    },
  };
  runChecks(context);
  for (const list of diagnostics.values()) list.sort(compareDiagnostics);

  const connectorClasses: ConnectorClass[] = connectors.map((classFacts) => {
    const key = classKey(classFacts.file, classFacts.cls);
    const described: ConnectorClass = {
      file: classFacts.file,
      name: classFacts.cls.name,
      range: classFacts.cls.nameRange,
      handlesExecution: classFacts.handlesExecution ?? null,
      isBase: isBase(classFacts),
      methods: classFacts.cls.methods.map((method) => ({ name: method.name, range: method.nameRange })),
    };
    const entryPointName = entryNames.get(key);
    if (entryPointName) described.entryPointName = entryPointName;
    return described;
  });
  return {
    diagnostics,
    connectorClasses,
    connectors: new Map(connectors.map((classFacts) => [classKey(classFacts.file, classFacts.cls), classFacts])),
    isBase,
    facts,
  };
}
