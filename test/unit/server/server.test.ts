// The real language server (dist/server.js) over stdio: scan, diagnostics as you type, quick fixes,
// hover, watched pyproject.toml, and the connector class request and notification.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'url';
import { repoRoot, walkLintable } from '../analysis/corpus';
import { Message, StdioClient } from './stdioClient';

interface PublishParams { uri: string; version?: number; diagnostics: Array<{ code: string; message: string; range: { start: { line: number } } }> }
interface Edit { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }

const serverPath = path.join(repoRoot(), 'dist', 'server.js');
const uriOf = (file: string) => pathToFileURL(file).href;

function published(client: StdioClient, uri: string, predicate: (p: PublishParams) => boolean, since = 0): Promise<PublishParams> {
  return client.waitFor((m: Message) => m.method === 'textDocument/publishDiagnostics'
    && (m.params as PublishParams).uri === uri && predicate(m.params as PublishParams), `diagnostics for ${uri}`, since)
    .then((m) => m.params as PublishParams);
}

function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  const offset = (p: Edit['range']['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((result, e) => result.slice(0, offset(e.range.start)) + e.newText + result.slice(offset(e.range.end)), text);
}

describe('language server over stdio', { skip: fs.existsSync(serverPath) ? false : 'build first: node esbuild.js' }, () => {
  let client: StdioClient;
  let workspace: string;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-server-'));
    fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'lint', 'project'), workspace, { recursive: true });
    client = new StdioClient(serverPath);
    await client.request('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: [{ uri: uriOf(workspace), name: 'ws' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } },
      initializationOptions: { debounceMs: 0 },
    });
    client.notify('initialized', {});
  });

  after(async () => {
    await client.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('scans the workspace in the background, reporting progress, then publishes files not open', async () => {
    const ready = await client.waitFor((m) => m.method === 'pyinfraConnectors/status' && (m.params as { state: string }).state === 'ready', 'scan ready');
    const status = ready.params as { total: number; errors: number; connectorClasses: number };
    const lintable = walkLintable(workspace).length;
    assert.equal(status.total, lintable);
    const statuses = client.received.filter((m) => m.method === 'pyinfraConnectors/status').map((m) => m.params as { state: string; scanned: number; total: number });
    const progress = statuses.slice(0, statuses.findIndex((s) => s.state === 'ready')).filter((s) => s.total === lintable);
    assert.ok(progress.length > 0 && progress.every((s) => s.state === 'scanning'), `progress before ready: ${JSON.stringify(statuses)}`);
    assert.deepEqual(progress.map((s) => s.scanned), [...progress.map((s) => s.scanned)].sort((a, b) => a - b), 'scanned only grows');
    assert.equal(progress[0].scanned, 0);
    assert.ok(status.errors > 0);
    const conn = await published(client, uriOf(path.join(workspace, 'pkg', 'conn.py')), () => true);
    assert.deepEqual(conn.diagnostics.map((d) => d.code), ['PCK002', 'PCK002', 'PCK001', 'PCK005']);
  });

  it('answers pyinfraConnectors/connectorClasses', async () => {
    const classes = await client.request<Array<{ name: string; entryPointName?: string; isBase: boolean }>>('pyinfraConnectors/connectorClasses', {});
    const good = classes.find((c) => c.name === 'GoodConnector');
    assert.equal(good?.entryPointName, 'good');
    assert.equal(classes.find((c) => c.name === 'CompanyBase')?.isBase, true);
  });

  it('lints as you type, offers quick fixes that work, and tells the sidebar about new classes', async () => {
    const file = path.join(workspace, 'fresh.py');
    const uri = uriOf(file);
    let text = 'from pyinfra.connectors.base import BaseConnector\n\n\nclass Fresh(BaseConnector):\n    handles_execution = True\n';
    let since = client.received.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const first = await published(client, uri, (p) => p.version === 1, since);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['PCK001', 'PCK002', 'PCK002', 'PCK002']);
    await client.waitFor((m) => m.method === 'pyinfraConnectors/connectorClassesChanged', 'classes changed', since);

    // one-character incremental edit: True -> Talse is not a literal, so handles_execution is unknown
    since = client.received.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 24 }, end: { line: 4, character: 25 } }, text: 'F' }],
    });
    const second = await published(client, uri, (p) => p.version === 2, since);
    assert.deepEqual(second.diagnostics.map((d) => d.code), ['PCK001']);
    text = text.replace('True', 'Frue');

    const actions = await client.request<Array<{ title: string; edit: { changes: Record<string, Edit[]> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: second.diagnostics[0].range,
      context: { diagnostics: second.diagnostics.map((d) => ({ ...d, source: 'pyinfra-kit', severity: 1 })) },
    });
    const add = actions.find((a) => a.title.startsWith('Add make_names_data'));
    assert.ok(add, `actions: ${actions.map((a) => a.title).join(', ')}`);
    text = applyEdits(text, add.edit.changes[uri]);
    assert.match(text, /    @staticmethod\n    def make_names_data\(name=None\):/);
    since = client.received.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    const third = await published(client, uri, (p) => p.version === 3, since);
    assert.deepEqual(third.diagnostics, []);
    const register = actions.find((a) => a.title.includes('Register Fresh'));
    assert.ok(register, 'offers to register the class as an entry point');
    assert.match(register.edit.changes[uriOf(path.join(workspace, 'pyproject.toml'))][0].newText, /^\nfresh = 'fresh:Fresh'$/);
  });

  it('hover on a connector method says what pyinfra passes and expects', async () => {
    const uri = uriOf(path.join(workspace, 'pkg', 'conn.py'));
    const text = fs.readFileSync(path.join(workspace, 'pkg', 'conn.py'), 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const line = text.split('\n').findIndex((l) => l.includes('def put_file'));
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri }, position: { line, character: 10 },
    });
    assert.match(hover?.contents.value ?? '', /Must return `bool`/);
  });

  it('completes host data keys in a yielded dict and explains them on hover', async () => {
    const uri = uriOf(path.join(workspace, 'inventory_hosts.py'));
    const text = 'from pyinfra.connectors.base import BaseConnector\n\n\nclass Hosts(BaseConnector):\n    @staticmethod\n'
      + '    def make_names_data(name=None):\n        yield "web", {"ssh_user": "deploy", }, []\n';
    const since = client.received.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    await published(client, uri, (p) => p.version === 1, since);
    const line = 6;
    const items = await client.request<Array<{ label: string; detail?: string; insertText?: string; documentation?: { value: string } }>>('textDocument/completion', {
      textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('}') },
    });
    const port = items.find((item) => item.label === 'ssh_port');
    assert.equal(port?.detail, 'int');
    assert.equal(port?.insertText, '"ssh_port": ');
    assert.match(port?.documentation?.value ?? '', /SSH port/);
    assert.ok(!items.some((item) => item.label === 'ssh_user'), 'keys already written are not offered');
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('ssh_user') + 2 },
    });
    assert.match(hover?.contents.value ?? '', /^\*\*ssh_user\*\*: `str` — @ssh host data/);
    const keys = await client.request<{ source: string; keys: Record<string, { type?: string; description?: string }> } | null>(
      'pyinfraConnectors/dataKeys', { file: path.join(workspace, 'inventory_hosts.py'), className: 'Hosts' });
    assert.equal(keys?.source, 'ssh');
    assert.deepEqual(keys?.keys.ssh_port, { type: 'int', description: 'SSH port', default: 'None' });
  });

  it('scans a workspace folder added later, and forgets a removed one', async () => {
    const added = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-added-'));
    const file = path.join(added, 'late.py');
    fs.writeFileSync(file, 'from pyinfra.connectors.base import BaseConnector\n\nclass Late(BaseConnector):\n    pass\n');
    let since = client.received.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(added), name: 'added' }], removed: [] } });
    const found = await published(client, uriOf(file), (p) => p.diagnostics.length > 0, since);
    assert.deepEqual(found.diagnostics.map((d) => d.code), ['PCK001']);
    since = client.received.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(added), name: 'added' }] } });
    await published(client, uriOf(file), (p) => p.diagnostics.length === 0, since);
    fs.rmSync(added, { recursive: true, force: true });
  });

  it('re-lints when pyproject.toml changes on disk', async () => {
    const pyproject = path.join(workspace, 'pyproject.toml');
    fs.appendFileSync(pyproject, '\n[tool.poetry.plugins."pyinfra.connectors"]\nlost = "pkg.lost:Lost"\n');
    const since = client.received.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(pyproject), type: 2 }] });
    const after = await published(client, uriOf(pyproject), (p) => p.diagnostics.some((d) => d.message.includes("'lost'")), since);
    assert.ok(after.diagnostics.every((d) => d.code === 'PCK007' || d.code === 'PCK008'));
  });
});
