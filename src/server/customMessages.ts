// The language server's custom messages, one namespace each with its method and typed message type, imported
// by the server and the extension's client alike (as vscode-eslint's customMessages.ts) so they cannot drift.
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { DataSchema } from '../core/analysis/dataSchema';
import type { DataKeyDoc } from '../core/analysis/pyinfraModel';
import type { ConnectorClass } from '../core/analysis/types';

/** Request: every connector class of the workspace (the inventory sidebar lists them). */
export namespace ConnectorClassesRequest {
  export const method = 'pyinfraConnectors/connectorClasses';
  export const type = new RequestType0<ConnectorClass[], void>(method);
}

/** Notification, server to client: the connector class list changed; ask again. */
export namespace ConnectorClassesChangedNotification {
  export const method = 'pyinfraConnectors/connectorClassesChanged';
  export const type = new NotificationType0(method);
}

export interface DataKeysParams {
  /** Absolute path of the file the connector class is in. */
  file: string;
  className: string;
}

/** Host data keys pyinfra checks for the class's hosts, with type, description and default; null when unknown. */
export interface DataKeysResult {
  /** The connector's data_cls, or @ssh's keys for an inventory-only connector. */
  source: DataSchema['source'];
  keys: Record<string, DataKeyDoc>;
}

/** Request: a connector class's host data keys (the inventory tree's host-data tooltips describe them). */
export namespace DataKeysRequest {
  export const method = 'pyinfraConnectors/dataKeys';
  export const type = new RequestType<DataKeysParams, DataKeysResult | null, void>(method);
}

export interface LintStatus {
  state: 'scanning' | 'ready';
  /** Files looked at so far, and in all, during a scan; once ready, `total` is the files the index holds now. */
  scanned: number;
  total: number;
  /** Files parsed into summaries (the rest could not hold or feed a connector class). */
  analysedFiles: number;
  connectorClasses: number;
  errors: number;
  warnings: number;
}

/** Notification, server to client: workspace scan progress and diagnostic counts, for a status item. */
export namespace StatusNotification {
  export const method = 'pyinfraConnectors/status';
  export const type = new NotificationType<LintStatus>(method);
}

/** initializationOptions the client may send. */
export interface LintInitializationOptions {
  /** Delay between the last keystroke and re-linting, in milliseconds. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;
