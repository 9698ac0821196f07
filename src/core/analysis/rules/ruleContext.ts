// What every rule gets: the connector classes of the workspace, what is known about each, and a sink.
import { ClassFacts, FactsBuilder } from '../connectorFacts';
import { EntryPoint } from '../pyproject';
import { Diagnostic } from '../types';

export interface RuleContext {
  facts: FactsBuilder;
  /** Every connector class in the analysed files. */
  connectors: ClassFacts[];
  /** A base: other workspace classes derive from it and no entry point names it. */
  isBase(cls: ClassFacts): boolean;
  /** Every `pyinfra.connectors` entry point of the workspace's pyproject.toml files. */
  entryPoints: EntryPoint[];
  report(diagnostic: Diagnostic): void;
}
