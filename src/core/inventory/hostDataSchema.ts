// The host data keys the inventory tree describes for a connector's hosts: a workspace class's own schema (the
// language server's analysis, asked through `classDataKeys`), or @ssh's for an installed inventory-only connector.
import { DataSchema, SSH_SCHEMA } from '../analysis/dataSchema';
import type { DataKeyDoc } from '../analysis/pyinfraModel';
import type { ConnectorSource } from './sources';

/** A workspace class's keys as the language server sends them; null when they cannot be known. */
export type ClassDataKeys = (file: string, className: string) => Promise<{ source: DataSchema['source']; keys: Record<string, DataKeyDoc> } | null>;

export async function hostDataSchema(source: ConnectorSource, classDataKeys: ClassDataKeys): Promise<DataSchema | undefined> {
  if (source.kind === 'workspace' && source.file) {
    const found = await classDataKeys(source.file, source.label);
    return found ? { source: found.source, keys: new Map(Object.entries(found.keys)) } : undefined;
  }
  return source.handlesExecution === false ? SSH_SCHEMA : undefined;
}
