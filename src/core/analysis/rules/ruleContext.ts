// What a rule is (code, severity, documentation, check, fix), and what its check and fix are given.
import type { ClassFacts, FactsBuilder } from '../connectorFacts';
import type { ModuleSummary } from '../moduleSummary';
import type { EntryPoint } from '../pyproject';
import type { Diagnostic, QuickFix } from '../types';
import type { WorkspaceIndex } from '../workspaceIndex';

/** A diagnostic before the registry gives it its rule's severity. */
export type Finding = Omit<Diagnostic, 'severity'>;

export interface RuleContext {
  facts: FactsBuilder;
  /** Every connector class in the analysed files. */
  connectors: ClassFacts[];
  /** Every parsed Python file. */
  summaries: ModuleSummary[];
  /** A base: other workspace classes derive from it and no entry point names it. */
  isBase(cls: ClassFacts): boolean;
  /** Every `pyinfra.connectors` entry point of the workspace's pyproject.toml files. */
  entryPoints: EntryPoint[];
  report(finding: Finding): void;
}

/** What a quick fix gets: the diagnostic (with its data) and the file it is in. */
export interface FixInput {
  index: WorkspaceIndex;
  diagnostic: Diagnostic;
  summary: ModuleSummary;
  text: string;
}

export interface Rule {
  code: string;
  severity: 'error' | 'warning';
  /** One line: the SARIF short description. */
  title: string;
  /** Markdown: what the rule flags (the README table, the SARIF full description). */
  documentation: string;
  /** Markdown: what its quick fix does, when it has one. */
  fixDocumentation?: string;
  /** Reports this rule's findings; one check may serve several rules and runs once per analysis. */
  check(context: RuleContext): void;
  fix?(input: FixInput): QuickFix[];
  /** One fix for several of this rule's diagnostics on the same spot (all missing methods at once). */
  fixTogether?(input: FixInput, diagnostics: Diagnostic[]): QuickFix | undefined;
}
