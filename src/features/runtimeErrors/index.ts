// When connector code raises, the error goes where the code is: a diagnostic on the raising line of the author's
// file (source "pyinfra-kit (runtime)"), kept until the same target loads or runs again without raising.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { BridgeError } from '../../core/bridge/protocol';
import { locatePythonDir } from '../../core/bridge/pythonDir';
import { authorFileTest, describeStub, formatAuthorTraceback, parseTraceback, raisingFrame, type Frame } from '../../core/runtimeErrors/pythonTraceback';

export const RUNTIME_SOURCE = 'pyinfra-kit (runtime)';

export interface RuntimeErrorReport {
  /** The line a person reads: the exception, or which stub is not implemented yet. */
  message: string;
  /** The exception and the author's frames, the rest folded: what the log shows. */
  traceback: string;
  /** The raising line in the author's file. */
  location?: vscode.Location;
}

export class RuntimeErrors implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pyinfraConnectors.runtime');
  private readonly reports = new Map<string, { uri: vscode.Uri; diagnostic: vscode.Diagnostic }>();

  constructor(private readonly workspaceRoot: () => string | undefined) {}

  /** Reads the traceback of a connector error; undefined when the error has none or it is not in the author's code. */
  read(error: unknown): RuntimeErrorReport | undefined {
    const root = this.workspaceRoot();
    if (!(error instanceof BridgeError) || !error.detail || !root) return undefined;
    const traceback = parseTraceback(error.detail);
    if (!traceback) return undefined;
    const isAuthor = authorFileTest(root, safePythonDir());
    const frame = raisingFrame(traceback, isAuthor);
    return {
      message: describeStub(traceback, isAuthor) ?? error.message,
      traceback: formatAuthorTraceback(traceback, isAuthor, root),
      location: frame && locationOf(frame),
    };
  }

  /** Shows where `key` (a target, or a run on it) raised, replacing what it showed before. */
  report(key: string, doing: string, report: RuntimeErrorReport): void {
    this.reports.delete(key);
    if (report.location) {
      const diagnostic = new vscode.Diagnostic(report.location.range, `${report.message} (raised in ${doing})`, vscode.DiagnosticSeverity.Error);
      diagnostic.source = RUNTIME_SOURCE;
      this.reports.set(key, { uri: report.location.uri, diagnostic });
    }
    this.publish();
  }

  /** Shows where a call on `key` raised (or clears it when the error is not the connector's); returns the error to show. */
  failed(key: string, doing: string, error: unknown): unknown {
    const report = this.read(error);
    if (!report) {
      this.clear(key);
      return error;
    }
    this.report(key, doing, report);
    return report.message === (error as BridgeError).message ? error : new BridgeError((error as BridgeError).kind, report.message, (error as BridgeError).detail);
  }

  /** The target loaded or ran without raising: its diagnostic goes. */
  clear(key: string): void {
    if (this.reports.delete(key)) this.publish();
  }

  location(key: string): vscode.Location | undefined {
    const report = this.reports.get(key);
    return report && new vscode.Location(report.uri, report.diagnostic.range);
  }

  private publish(): void {
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const { uri, diagnostic } of this.reports.values()) {
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(diagnostic);
      byFile.set(uri.toString(), entry);
    }
    this.collection.clear();
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** The raising line from its first character to its end, as a squiggle should cover it. */
function locationOf(frame: Frame): vscode.Location {
  const line = frame.line - 1;
  let text = frame.code ?? '';
  try {
    text = fs.readFileSync(frame.file, 'utf8').split(/\r?\n/)[line] ?? text;
  } catch {
    // the file went away since it raised: the line number is still right
  }
  const start = text.length - text.trimStart().length;
  return new vscode.Location(vscode.Uri.file(frame.file), new vscode.Range(line, start, line, Math.max(start + 1, text.trimEnd().length)));
}

function safePythonDir(): string | undefined {
  try {
    return locatePythonDir();
  } catch {
    return undefined;
  }
}
