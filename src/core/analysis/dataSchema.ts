// The host data keys pyinfra checks for a connector's hosts, with type, description and default: its data_cls
// (with data_meta) when it handles execution, @ssh's when it is inventory-only (pyinfra reaches its hosts over SSH).
import type { ClassFacts, FactsBuilder } from './connectorFacts';
import { DataKeyDoc, SSH_DATA } from './pyinfraModel';

export interface DataSchema {
  /** Whose keys: the connector's data_cls, or @ssh's for an inventory-only connector. */
  source: 'data_cls' | 'ssh';
  keys: ReadonlyMap<string, DataKeyDoc>;
}

/** The keys of an inventory-only connector's hosts: pyinfra reaches them over @ssh. */
export const SSH_SCHEMA: DataSchema = { source: 'ssh', keys: SSH_DATA };

export function dataSchema(builder: FactsBuilder, facts: ClassFacts): DataSchema | undefined {
  if (facts.handlesExecution === false) return SSH_SCHEMA;
  if (facts.handlesExecution !== true) return undefined;
  const { dataCls, dataMeta } = facts;
  // BaseConnector's own ConnectorData declares nothing
  if (dataCls === 'base') return { source: 'data_cls', keys: new Map() };
  if (!dataCls) return undefined;
  const keys = builder.typedDictKeys(dataCls.file, dataCls.attribute.value);
  if (!keys) return undefined;
  const docs = dataMeta && dataMeta !== 'base' ? builder.metaDocs(dataMeta.file, dataMeta.attribute) : undefined;
  return { source: 'data_cls', keys: new Map(keys.map((key) => [key.name, { type: key.type, ...docs?.[key.name] }])) };
}

/** Markdown for one key (hover, completion, the inventory tree's tooltips): type, whose key, description, default. */
export function describeDataKey(key: string, doc: DataKeyDoc, schema: DataSchema): string {
  const whose = schema.source === 'ssh' ? '@ssh host data (this connector is inventory-only)' : 'data_cls key';
  return [
    `**${key}**${doc.type ? `: \`${doc.type}\`` : ''} — ${whose}`,
    ...(doc.description ? ['', doc.description] : []),
    ...(doc.default !== undefined ? ['', `Default: \`${doc.default}\``] : []),
  ].join('\n');
}
