// The lint errors of a connector class, for its node: the count and the first message, read from the lint
// diagnostics of its file and given to the class they fall in.
import * as vscode from 'vscode';
import { enclosingClass } from '../../core/inventory/lintBadges';
import type { ConnectorSource } from '../../core/inventory/sources';

/** The language server's diagnostic source (src/server/convert.ts). */
const LINT_SOURCE = 'pyinfra-kit';

export interface LintBadge {
  errors: number;
  first: string;
}

export function lintBadge(sources: readonly ConnectorSource[], source: ConnectorSource): LintBadge | undefined {
  if (!source.file || !source.range) return undefined;
  const classes = sources.filter((s) => s.file === source.file && s.range).map((s) => ({ id: s.id, line: s.range!.start.line }));
  const errors = vscode.languages.getDiagnostics(vscode.Uri.file(source.file))
    .filter((d) => d.source === LINT_SOURCE && d.severity === vscode.DiagnosticSeverity.Error && enclosingClass(classes, d.range.start.line)?.id === source.id)
    .sort((a, b) => a.range.start.line - b.range.start.line);
  return errors.length > 0 ? { errors: errors.length, first: errors[0].message } : undefined;
}

/** Fires when the diagnostics of a connector's file change. */
export function onDidChangeLintOf(sources: () => readonly ConnectorSource[], listener: () => void): vscode.Disposable {
  return vscode.languages.onDidChangeDiagnostics((event) => {
    const files = new Set(sources().map((s) => s.file).filter(Boolean));
    if (event.uris.some((uri) => files.has(uri.fsPath))) listener();
  });
}
