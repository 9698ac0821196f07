// The language server's custom messages, one namespace each with its method and typed message type, imported
// by the server and the extension's client alike (as vscode-eslint's customMessages.ts) so they cannot drift.
import { NotificationType, NotificationType0, RequestType0 } from 'vscode-languageserver-protocol';
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
