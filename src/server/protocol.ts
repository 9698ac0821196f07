// The language server's custom messages, shared by the server and the extension's client (types only).
import type { ConnectorClass } from '../core/analysis/types';

/** Request: every connector class of the workspace (the inventory sidebar lists them). */
export const CONNECTOR_CLASSES_REQUEST = 'pyinfraConnectors/connectorClasses';
export type ConnectorClassesResult = ConnectorClass[];

/** Notification, server to client: the connector class list changed; ask again. */
export const CONNECTOR_CLASSES_CHANGED_NOTIFICATION = 'pyinfraConnectors/connectorClassesChanged';

/** Notification, server to client: workspace scan progress and diagnostic counts, for a status item. */
export const STATUS_NOTIFICATION = 'pyinfraConnectors/status';
export interface LintStatus {
  state: 'scanning' | 'ready';
  /** Files looked at so far, and in all, during a scan. */
  scanned: number;
  total: number;
  /** Files parsed into summaries (the rest could not hold or feed a connector class). */
  analysedFiles: number;
  connectorClasses: number;
  errors: number;
  warnings: number;
}

/** initializationOptions the client may send. */
export interface LintInitializationOptions {
  /** Delay between the last keystroke and re-linting, in milliseconds. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;
