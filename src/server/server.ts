// The pyinfra connector language server: `node dist/server.js --stdio`. Diagnostics as you type
// (debounced), on save, on pyproject.toml and file changes, a background workspace scan, quick fixes,
// hover on connector methods, and the workspace's connector classes for the inventory sidebar.
import {
  CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, createConnection, DidChangeWatchedFilesNotification, FileChangeType, InitializeResult,
  ProposedFeatures, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { readTextFromDisk, WorkspaceIndex } from '../core/analysis';
import { connectorMethodHover } from '../core/analysis/hover';
import { connectorDataSchema, dataKeyCompletions, dataKeyHover } from '../core/analysis/hostDataAssist';
import { isLintablePath } from '../core/analysis/lintableFiles';
import { combinedFixes, quickFixesFor, registerEntryPoint } from '../core/analysis/quickFixes';
import { fromLspDiagnostic, toCodeAction } from './convert';
import { LintSession } from './lintSession';
import { ConnectorClassesRequest, DataKeysRequest, DEFAULT_DEBOUNCE_MS, LintInitializationOptions } from './customMessages';
import { URI } from './uri';
import { scanWorkspace } from './workspaceScan';

const connection = createConnection(ProposedFeatures.all);
let session: LintSession | undefined;
let folders: string[] = [];
let watchFilesDynamically = false;
let supportsFolderChanges = false;
let shuttingDown = false;

function lintable(uri: string): boolean {
  return URI.isFile(uri) && isLintablePath(URI.toFile(uri));
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  const options = (params.initializationOptions ?? {}) as LintInitializationOptions;
  const index = await WorkspaceIndex.create(readTextFromDisk);
  session = new LintSession(index, connection, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  folders = (params.workspaceFolders ?? []).filter((f) => URI.isFile(f.uri)).map((f) => URI.toFile(f.uri));
  if (folders.length === 0 && params.rootUri && URI.isFile(params.rootUri)) folders = [URI.toFile(params.rootUri)];
  watchFilesDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  supportsFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', "'"] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'pyinfra-kit lint' },
  };
});

connection.onInitialized(() => {
  if (watchFilesDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.py' }, { globPattern: '**/pyproject.toml' }],
    });
  }
  const current = session;
  if (!current) return;
  if (supportsFolderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      for (const folder of removed.filter((f) => URI.isFile(f.uri))) current.index.removeFilesUnder(URI.toFile(folder.uri));
      void scan(current, added.filter((f) => URI.isFile(f.uri)).map((f) => URI.toFile(f.uri)));
    });
  }
  void scan(current, folders);
});

/** Scans folders into the index in the background, reporting progress, then lints. */
async function scan(current: LintSession, roots: string[]): Promise<void> {
  current.sendStatus();
  const started = Date.now();
  try {
    const total = await scanWorkspace(roots, {
      add: (file, text) => current.index.setFile(file, text),
      progress: (scanned, count) => {
        current.scan = { state: 'scanning', scanned, total: count };
        current.sendStatus();
      },
    }, () => shuttingDown);
    current.scan = { state: 'ready', scanned: total, total };
    connection.console.log(`scanned ${total} files in ${Date.now() - started} ms (${current.index.stats().summarized} parsed)`);
  } catch (error) {
    current.scan = { state: 'ready', scanned: 0, total: 0 };
    connection.console.error(`workspace scan failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
  current.lintNow();
}

connection.onDidOpenTextDocument(({ textDocument }) => {
  if (lintable(textDocument.uri)) session?.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  if (lintable(textDocument.uri)) session?.change(textDocument.uri, textDocument.version, contentChanges);
});

connection.onDidSaveTextDocument(({ textDocument }) => {
  if (lintable(textDocument.uri)) session?.lintNow();
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  if (lintable(textDocument.uri)) session?.close(textDocument.uri, readTextFromDisk(URI.toFile(textDocument.uri)));
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (!session) return;
  for (const change of changes) {
    if (!lintable(change.uri)) continue;
    const file = URI.toFile(change.uri);
    if (change.type === FileChangeType.Deleted) {
      session.index.removeFile(file);
    } else if (!session.isOpen(file)) {
      const text = readTextFromDisk(file);
      if (text === undefined) session.index.removeFile(file);
      else session.index.setFile(file, text);
    }
  }
  session.lintSoon(0);
});

connection.onCodeAction(({ textDocument, range, context }): CodeAction[] => {
  if (!session || !lintable(textDocument.uri)) return [];
  const file = URI.toFile(textDocument.uri);
  const read = (f: string) => session?.document(URI.fromFile(f))?.getText() ?? readTextFromDisk(f);
  const ours = context.diagnostics.flatMap((lsp) => {
    const diagnostic = fromLspDiagnostic(file, lsp);
    return diagnostic ? [{ lsp, diagnostic }] : [];
  });
  const actions: CodeAction[] = [];
  for (const { lsp, diagnostic } of ours) {
    for (const fix of quickFixesFor(session.index, diagnostic, read)) actions.push(toCodeAction(fix, [lsp]));
  }
  for (const fix of combinedFixes(session.index, ours.map((o) => o.diagnostic), read)) {
    actions.push(toCodeAction(fix, ours.filter((o) => o.diagnostic.code === fix.code).map((o) => o.lsp)));
  }
  const register = registerEntryPoint(session.index, file, range.start, read);
  if (register) actions.push(toCodeAction(register, []));
  return actions;
});

connection.onHover(({ textDocument, position }) => {
  if (!session || !lintable(textDocument.uri)) return null;
  const file = URI.toFile(textDocument.uri);
  const hover = connectorMethodHover(session.index, file, position) ?? dataKeyHover(session.index, file, position);
  return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
});

connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
  const document = session?.document(textDocument.uri);
  if (!session || !document || !lintable(textDocument.uri)) return [];
  const file = URI.toFile(textDocument.uri);
  return dataKeyCompletions(session.index, file, position, document.getText()).map(({ key, doc, insertText, documentation }) => ({
    label: key,
    kind: CompletionItemKind.Property,
    detail: doc.type,
    documentation: { kind: 'markdown', value: documentation },
    insertText,
  }));
});

connection.onRequest(ConnectorClassesRequest.type, () => session?.index.listConnectorClasses() ?? []);

connection.onRequest(DataKeysRequest.type, ({ file, className }) => {
  const schema = session && connectorDataSchema(session.index, file, className);
  return schema ? { source: schema.source, keys: Object.fromEntries(schema.keys) } : null;
});

connection.onShutdown(() => {
  shuttingDown = true;
});

connection.listen();
