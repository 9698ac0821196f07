// The workspace as the analysis sees it: a small summary per Python file that matters, a textual
// fingerprint for the others, the pyproject.toml entry points, and syntax trees only for open documents
// (re-parsed incrementally on each edit). Used as is by the language server; the CLI fills it once.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeWorkspace, AnalysisResult } from './analyzeWorkspace';
import { summarizeClosedFile } from './closedFileSummary';
import { ModuleLocator } from './moduleLocator';
import { ModuleSummary } from './moduleSummary';
import { mentionsConnectorVocabulary, referencedNames } from './prepass';
import { EntryPointTable, parseEntryPoints } from './pyproject';
import { applyEdit, loadPythonParser, PythonParser, TextChange, Tree } from './pythonParser';
import { resummarizeEdit } from './resummarize';
import { summarize } from './summarize';
import { SummaryCache } from './summaryCache';
import { SummarySource } from './symbolResolver';
import { ConnectorClass, Diagnostic } from './types';

export type ReadText = (file: string) => string | undefined;

type FileEntry =
  | { kind: 'summary'; summary: ModuleSummary }
  /** Not parsed: only the names through which a connector class could reach it. */
  | { kind: 'dormant'; names: Set<string> };

interface OpenDocument {
  text: string;
  tree: Tree;
  cache: SummaryCache;
}

export function readTextFromDisk(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function isPyproject(file: string): boolean {
  return path.basename(file) === 'pyproject.toml';
}

export class WorkspaceIndex implements SummarySource {
  readonly locator = new ModuleLocator();
  private readonly files = new Map<string, FileEntry>();
  private readonly pyprojects = new Map<string, EntryPointTable>();
  private readonly open = new Map<string, OpenDocument>();
  /** Names already looked for in dormant files. */
  private readonly searchedNames = new Set<string>();
  private last: AnalysisResult | undefined;

  constructor(private readonly parser: PythonParser, private readonly readText: ReadText = readTextFromDisk) {}

  static async create(readText?: ReadText): Promise<WorkspaceIndex> {
    return new WorkspaceIndex(await loadPythonParser(), readText);
  }

  /**
   * A file's content as on disk (or as the editor has it when closed). .py and pyproject.toml only.
   * `parsed`: its summary when already made (bench/lint/phases.ts times the parse apart), for a file the pre-pass would parse.
   */
  setFile(file: string, text: string, parsed?: ModuleSummary): void {
    this.last = undefined;
    if (isPyproject(file)) {
      this.pyprojects.set(file, parseEntryPoints(file, text));
      return;
    }
    if (this.open.has(file)) return;
    this.locator.add(file);
    if (mentionsConnectorVocabulary(text)) {
      this.files.set(file, { kind: 'summary', summary: parsed ?? this.parseAndSummarize(file, text) });
      return;
    }
    const names = referencedNames(text);
    if ([...this.searchedNames].some((name) => names.has(name))) {
      this.files.set(file, { kind: 'summary', summary: this.parseAndSummarize(file, text) });
    } else {
      this.files.set(file, { kind: 'dormant', names });
    }
  }

  removeFile(file: string): void {
    this.last = undefined;
    this.pyprojects.delete(file);
    this.files.delete(file);
    this.locator.remove(file);
    this.closeDocument(file);
  }

  /** A workspace folder was removed. */
  removeFilesUnder(dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const file of [...this.files.keys(), ...this.pyprojects.keys()]) {
      if (file.startsWith(prefix)) this.removeFile(file);
    }
  }

  hasFile(file: string): boolean {
    return this.files.has(file) || this.pyprojects.has(file);
  }

  openDocument(file: string, text: string): void {
    if (isPyproject(file)) return this.setFile(file, text);
    this.closeDocument(file);
    this.last = undefined;
    this.locator.add(file);
    const tree = this.parser.parse(text);
    const cache = new SummaryCache();
    this.open.set(file, { text, tree, cache });
    this.files.set(file, { kind: 'summary', summary: summarize(file, text, tree, cache) });
  }

  /** Applies editor changes (in order) to an open document, re-parsing incrementally. */
  changeDocument(file: string, changes: Array<TextChange | { text: string }>): void {
    if (isPyproject(file)) {
      const last = changes[changes.length - 1];
      if (last && 'text' in last) this.setFile(file, last.text);
      return;
    }
    const document = this.open.get(file);
    if (!document) return;
    this.last = undefined;
    let { text, tree } = document;
    const { cache } = document;
    const previous = this.files.get(file);
    const oneLineEdit = changes.length === 1 && 'startIndex' in changes[0] && !changes[0].newText.includes('\n')
      && !text.slice(changes[0].startIndex, changes[0].oldEndIndex).includes('\n') ? changes[0] : undefined;
    for (const change of changes) {
      if ('startIndex' in change) {
        text = applyEdit(tree, text, change);
      } else {
        text = change.text;
        tree.delete();
        tree = this.parser.parse(text);
      }
    }
    const next = this.parser.parse(text, tree);
    if (next !== tree) tree.delete();
    this.open.set(file, { text, tree: next, cache });
    const quick = oneLineEdit && previous?.kind === 'summary'
      ? resummarizeEdit(previous.summary, text, next, { startIndex: oneLineEdit.startIndex, newEndIndex: oneLineEdit.startIndex + oneLineEdit.newText.length }, cache)
      : undefined;
    this.files.set(file, { kind: 'summary', summary: quick ?? summarize(file, text, next, cache) });
  }

  /** The editor closed the document: drop its tree, keep its summary (the disk content arrives through setFile). */
  closeDocument(file: string): void {
    const document = this.open.get(file);
    if (!document) return;
    document.tree.delete();
    this.open.delete(file);
  }

  documentText(file: string): string | undefined {
    return this.open.get(file)?.text;
  }

  summary(file: string): ModuleSummary | undefined {
    const entry = this.files.get(file);
    if (!entry) return undefined;
    if (entry.kind === 'summary') return entry.summary;
    const text = this.readText(file);
    if (text === undefined) return undefined;
    const summary = this.parseAndSummarize(file, text);
    this.files.set(file, { kind: 'summary', summary });
    return summary;
  }

  summaries(): ModuleSummary[] {
    const result: ModuleSummary[] = [];
    for (const entry of this.files.values()) if (entry.kind === 'summary') result.push(entry.summary);
    return result;
  }

  entryPointTables(): EntryPointTable[] {
    return [...this.pyprojects.values()];
  }

  entryPointTable(file: string): EntryPointTable | undefined {
    return this.pyprojects.get(file);
  }

  /** Parses dormant files that refer to any of these names; returns how many woke up. */
  wakeFilesReferring(names: Iterable<string>): number {
    const fresh = [...names].filter((name) => !this.searchedNames.has(name));
    if (fresh.length === 0) return 0;
    for (const name of fresh) this.searchedNames.add(name);
    let woken = 0;
    for (const [file, entry] of this.files) {
      if (entry.kind !== 'dormant' || !fresh.some((name) => entry.names.has(name))) continue;
      if (this.summary(file)) woken++;
    }
    return woken;
  }

  analyze(): AnalysisResult {
    this.last ??= analyzeWorkspace(this);
    return this.last;
  }

  diagnostics(): Map<string, Diagnostic[]> {
    return this.analyze().diagnostics;
  }

  listConnectorClasses(): ConnectorClass[] {
    return this.analyze().connectorClasses;
  }

  /** How many files are parsed into summaries, and how many were only looked at. */
  /** `files`: every .py and pyproject.toml the index holds, scanned, opened or created since. */
  stats(): { files: number; summarized: number; dormant: number; open: number } {
    let summarized = 0;
    for (const entry of this.files.values()) if (entry.kind === 'summary') summarized++;
    return { files: this.files.size + this.pyprojects.size, summarized, dormant: this.files.size - summarized, open: this.open.size };
  }

  private parseAndSummarize(file: string, text: string): ModuleSummary {
    return summarizeClosedFile(this.parser, file, text);
  }
}
