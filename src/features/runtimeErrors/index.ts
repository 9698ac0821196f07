// When connector code raises (make_names_data, or connect/run_shell_command/put_file/get_file on a host), the error
// goes where the code is: a diagnostic on the raising line of the author's file (source "pyinfra-kit (runtime)"),
// kept until the same target loads again without raising (make_names_data), or until the same kind of call runs on
// it again or the file is edited (connect, run_shell_command, put_file, get_file).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BridgeError, type HostRunResult } from '../../core/bridge/protocol';
import { locatePythonDir } from '../../core/bridge/pythonDir';
import { authorFileTest, describeStub, formatAuthorTraceback, parseTraceback, raisingFrame, type Frame } from '../../core/runtimeErrors/pythonTraceback';

export const RUNTIME_SOURCE = 'pyinfra-kit (runtime)';

/** The calls on hosts whose connector code may raise, and what a diagnostic says raised (a normal or a debugged call alike). */
const HOST_CALLS = {
  run: (host: string) => `a run on ${host}`,
  put: (host: string) => `an upload to ${host}`,
  get: (host: string) => `a download from ${host}`,
};
export type HostCall = keyof typeof HOST_CALLS;

export interface RuntimeErrorReport {
  /** The line a person reads: the exception, or which stub is not implemented yet. */
  message: string;
  /** The exception and the author's frames, the rest folded: what the log shows. */
  traceback: string;
  /** The raising line in the author's file. */
  location?: vscode.Location;
  /** That line as `connectors/x.py:12`, relative to the workspace folder (a terminal makes it a link). */
  place?: string;
}

export class RuntimeErrors implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pyinfraConnectors.runtime');
  /** By key: a target (make_names_data raised), or a kind of call on targets (`call`: connect, run, put, get raised). */
  private readonly reports = new Map<string, { uri: vscode.Uri; diagnostic: vscode.Diagnostic; targets: readonly string[]; call: boolean }>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly workspaceRoot: () => string | undefined) {
    // a call's error stays until the call runs again or its file is edited (its line may have moved), not on every reload
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py', true, false, true);
    // a deleted file, or folder, takes what Problems said about it along
    const deletions = vscode.workspace.createFileSystemWatcher('**', true, true, false);
    this.disposables = [
      vscode.window.registerTerminalLinkProvider(this.terminalLinks),
      watcher, watcher.onDidChange((uri) => this.fileChanged(uri)),
      deletions, deletions.onDidDelete((uri) => this.deleted(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && this.fileChanged(event.document.uri)),
    ];
  }

  /** Reads the traceback of a connector error; undefined when the error has none or it is not in the author's code. */
  read(error: unknown): RuntimeErrorReport | undefined {
    return error instanceof BridgeError && error.detail ? this.readTraceback(error.detail, error.message) : undefined;
  }

  /** Reads a traceback the bridge sent (an error's detail, a host result's traceback); `message` is the exception's line. */
  readTraceback(text: string, message: string): RuntimeErrorReport | undefined {
    const root = this.workspaceRoot();
    const traceback = root ? parseTraceback(text) : undefined;
    if (!root || !traceback) return undefined;
    const isAuthor = authorFileTest(root, safePythonDir());
    const frame = raisingFrame(traceback, isAuthor);
    return {
      message: describeStub(traceback, isAuthor) ?? message,
      traceback: formatAuthorTraceback(traceback, isAuthor, root),
      location: frame && locationOf(frame),
      place: frame && `${path.relative(root, frame.file)}:${frame.line}`,
    };
  }

  /**
   * Results of connector calls on the hosts of `targets` (a run, an upload, a download): a host whose connector raised
   * in the author's code shows the diagnostic on that line and gets the author's message and place as its error (with
   * the folded traceback for the log); a call in which no host raised clears what the same kind of call showed before.
   */
  readResults(targets: readonly string[], call: HostCall, results: HostRunResult[]): { results: HostRunResult[]; tracebacks: string[] } {
    const key = `${call} on ${[...targets].sort().join(', ')}`;
    const doing = HOST_CALLS[call];
    const tracebacks: string[] = [];
    let reported = false;
    const read = results.map((result) => {
      const report = result.traceback ? this.readTraceback(result.traceback, result.error ?? 'failed') : undefined;
      if (!report?.location) return result;
      if (!reported) this.report(key, doing(result.host), report, targets);
      reported = true;
      tracebacks.push(`${result.host}: ${report.traceback}`);
      return { ...result, error: `${report.message} (${report.place})` };
    });
    if (!reported) this.clear(key);
    return { results: read, tracebacks };
  }

  /** Shows where `key` (a target, or a kind of call on targets) raised, replacing what it showed before. */
  report(key: string, doing: string, report: RuntimeErrorReport, targets?: readonly string[]): void {
    this.reports.delete(key);
    if (report.location) {
      const diagnostic = new vscode.Diagnostic(report.location.range, `${report.message} (raised in ${doing})`, vscode.DiagnosticSeverity.Error);
      diagnostic.source = RUNTIME_SOURCE;
      this.reports.set(key, { uri: report.location.uri, diagnostic, targets: targets ?? [key], call: targets !== undefined });
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

  /** The target loaded (or a kind of call ran) without raising: its diagnostic goes. */
  clear(key: string): void {
    if (this.reports.delete(key)) this.publish();
  }

  private fileChanged(uri: vscode.Uri): void {
    this.dropWhere((report) => report.call && report.uri.toString() === uri.toString());
  }

  private deleted(uri: vscode.Uri): void {
    const gone = uri.toString();
    this.dropWhere((report) => report.uri.toString() === gone || report.uri.toString().startsWith(`${gone}/`));
  }

  private dropWhere(test: (report: { uri: vscode.Uri; call: boolean }) => boolean): void {
    let cleared = false;
    for (const [key, report] of this.reports) if (test(report) && this.reports.delete(key)) cleared = true;
    if (cleared) this.publish();
  }

  /** Where the target raised: in make_names_data, else in a call on its hosts. */
  location(target: string): vscode.Location | undefined {
    const report = this.reports.get(target) ?? [...this.reports.values()].find(({ targets }) => targets.includes(target));
    return report && new vscode.Location(report.uri, report.diagnostic.range);
  }

  /** In a terminal line, the places (`connectors/x.py:12`) of the errors shown: each a link to its line. */
  readonly terminalLinks: vscode.TerminalLinkProvider<vscode.TerminalLink & { location: vscode.Location }> = {
    provideTerminalLinks: ({ line }) => {
      const root = this.workspaceRoot();
      if (!root) return [];
      return [...this.reports.values()].flatMap(({ uri, diagnostic }) => {
        const place = `${path.relative(root, uri.fsPath)}:${diagnostic.range.start.line + 1}`;
        const startIndex = line.indexOf(place);
        return startIndex < 0 ? [] : [{ startIndex, length: place.length, tooltip: 'Go to the raising line', location: new vscode.Location(uri, diagnostic.range) }];
      });
    },
    handleTerminalLink: async ({ location }) => {
      await vscode.window.showTextDocument(location.uri, { selection: location.range });
    },
  };

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
    for (const d of this.disposables) d.dispose();
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
