// Core analysis values -> LSP values.
import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, WorkspaceEdit } from 'vscode-languageserver';
import { URI } from './uri';
import { Diagnostic, QuickFix, Severity } from '../core/analysis';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'pyinfra-kit';

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: SOURCE,
    message: diagnostic.message,
    data: diagnostic.data,
  };
}

export function fromLspDiagnostic(file: string, diagnostic: LspDiagnostic): Diagnostic | undefined {
  if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') return undefined;
  const severity = (Object.keys(SEVERITIES) as Severity[]).find((key) => SEVERITIES[key] === diagnostic.severity) ?? 'error';
  const data = diagnostic.data as Diagnostic['data'];
  return { file, range: diagnostic.range, severity, code: diagnostic.code, message: diagnostic.message, ...(data ? { data } : {}) };
}

export function toCodeAction(fix: QuickFix, diagnostics: LspDiagnostic[]): CodeAction {
  const changes: WorkspaceEdit['changes'] = {};
  for (const edit of fix.edits) {
    const uri = URI.fromFile(edit.file);
    (changes[uri] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return {
    title: fix.title,
    kind: fix.code ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    diagnostics: fix.code ? diagnostics : undefined,
    isPreferred: fix.isPreferred,
    edit: { changes },
  };
}
