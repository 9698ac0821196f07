// The server's state: the workspace index, open documents, debounced re-linting, and what was last
// published (diagnostics per file, the connector class list, the status), so only changes are sent.
import { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextChange, WorkspaceIndex } from '../core/analysis';
import { toLspDiagnostic } from './convert';
import { ConnectorClassesChangedNotification, LintStatus, StatusNotification } from './customMessages';
import { URI } from './uri';

export class LintSession {
  private readonly documents = new Map<string, TextDocument>();
  private readonly published = new Map<string, string>();
  /** Open documents edited since the last lint: always published, with their version. */
  private readonly edited = new Set<string>();
  private lastClasses = '[]';
  private lastStatus = '';
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  scan = { state: 'scanning' as LintStatus['state'], scanned: 0, total: 0 };

  constructor(readonly index: WorkspaceIndex, private readonly connection: Connection, private readonly debounceMs: number) {}

  document(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  open(uri: string, languageId: string, version: number, text: string): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    this.index.openDocument(URI.toFile(uri), text);
    this.edited.add(uri);
    this.lintSoon(0);
  }

  change(uri: string, version: number, contentChanges: Array<{ range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>): void {
    let document = this.documents.get(uri);
    if (!document) return;
    const changes: Array<TextChange | { text: string }> = [];
    for (const change of contentChanges) {
      if (change.range) {
        changes.push({ startIndex: document.offsetAt(change.range.start), oldEndIndex: document.offsetAt(change.range.end), newText: change.text });
        document = TextDocument.update(document, [{ range: change.range, text: change.text }], version);
      } else {
        changes.push({ text: change.text });
        document = TextDocument.update(document, [{ text: change.text }], version);
      }
    }
    this.documents.set(uri, document);
    const file = URI.toFile(uri);
    this.index.changeDocument(file, file.endsWith('.py') ? changes : [{ text: document.getText() }]);
    this.edited.add(uri);
    this.lintSoon(this.debounceMs);
  }

  close(uri: string, diskText: string | undefined): void {
    this.documents.delete(uri);
    const file = URI.toFile(uri);
    this.index.closeDocument(file);
    if (diskText === undefined) this.index.removeFile(file);
    else this.index.setFile(file, diskText);
    this.lintSoon(this.debounceMs);
  }

  isOpen(file: string): boolean {
    return this.documents.has(URI.fromFile(file));
  }

  lintSoon(delay: number): void {
    this.cancelPending();
    // setTimeout(0) waits at least 1 ms; with no debounce, lint right after the pending messages
    if (delay <= 0) {
      this.immediate = setImmediate(() => {
        this.immediate = undefined;
        this.lintNow();
      });
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lintNow();
    }, delay);
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  lintNow(): void {
    this.cancelPending();
    const { diagnostics, connectorClasses } = this.index.analyze();
    const seen = new Set<string>();
    let errors = 0;
    let warnings = 0;
    for (const [file, list] of diagnostics) {
      const uri = URI.fromFile(file);
      seen.add(uri);
      for (const d of list) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
      }
      const serialized = JSON.stringify(list);
      if ((this.published.get(uri) ?? '[]') === serialized && !this.edited.has(uri)) continue;
      this.published.set(uri, serialized);
      void this.connection.sendDiagnostics({ uri, version: this.documents.get(uri)?.version, diagnostics: list.map(toLspDiagnostic) });
    }
    for (const uri of [...this.published.keys()]) {
      if (seen.has(uri)) continue;
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const uri of this.edited) {
      if (!seen.has(uri) && this.documents.has(uri)) void this.connection.sendDiagnostics({ uri, version: this.documents.get(uri)?.version, diagnostics: [] });
    }
    this.edited.clear();
    const classes = JSON.stringify(connectorClasses);
    if (classes !== this.lastClasses) {
      this.lastClasses = classes;
      void this.connection.sendNotification(ConnectorClassesChangedNotification.type);
    }
    this.sendStatus({ errors, warnings, connectorClasses: connectorClasses.length });
  }

  sendStatus(counts?: Pick<LintStatus, 'errors' | 'warnings' | 'connectorClasses'>): void {
    const stats = this.index.stats();
    const status: LintStatus = {
      ...this.scan,
      // once scanned, the files the index holds now: files created, opened or deleted since the scan count
      ...(this.scan.state === 'ready' ? { total: stats.files } : {}),
      analysedFiles: stats.summarized,
      connectorClasses: counts?.connectorClasses ?? 0,
      errors: counts?.errors ?? 0,
      warnings: counts?.warnings ?? 0,
    };
    const serialized = JSON.stringify(status);
    if (serialized === this.lastStatus) return;
    this.lastStatus = serialized;
    void this.connection.sendNotification(StatusNotification.type, status);
  }
}
