// The host data keys pyinfra checks for a connector's hosts, with type, description and default: its data_cls
// (with data_meta) when it handles execution, @ssh's when it is inventory-only (pyinfra reaches its hosts over SSH).
import { ClassFacts, FactsBuilder } from './connectorFacts';
import { DataKeyDoc, SSH_DATA } from './pyinfraModel';

export interface DataSchema {
  /** Whose keys: the connector's data_cls, or @ssh's for an inventory-only connector. */
  source: 'data_cls' | 'ssh';
  keys: ReadonlyMap<string, DataKeyDoc>;
}

export function dataSchema(builder: FactsBuilder, facts: ClassFacts): DataSchema | undefined {
  if (facts.handlesExecution === false) return { source: 'ssh', keys: SSH_DATA };
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
