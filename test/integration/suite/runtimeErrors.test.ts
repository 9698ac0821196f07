// Errors where the code is: a connector that raises gets a diagnostic on the raising line of its file, the log
// shows the author's frames first, Reveal Source goes to that line, and loading again without raising clears it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostRunResult } from '../../../src/core/bridge/protocol';
import type { ExtensionApi } from '../../../src/extension';
import type { InventoryNode } from '../../../src/features/inventory/nodes';
import { activateExtension, hostsBelow, logText, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

const FILE = 'connectors/runtime_broken.py';

function connectorSource(body: string[]): string {
  return [
    'from pyinfra.connectors.base import BaseConnector',
    '',
    '',
    'def _hosts_from_api():',
    '    return None',
    '',
    '',
    'class RuntimeBroken(BaseConnector):',
    '    @staticmethod',
    '    def make_names_data(name=None):',
    ...body,
    '',
  ].join('\n');
}

/** A refresh now and then, not at every poll: each one starts the connectors' answers over, and a loaded machine needs time. */
function refresher(api: ExtensionApi): () => void {
  let last = 0;
  return () => {
    if (Date.now() - last < 3000) return;
    last = Date.now();
    api.inventory.provider.refresh();
  };
}

/** Refreshes the tree until RuntimeBroken shows children of this kind (the file was just rewritten), and returns them. */
async function childrenOfRuntimeBroken(api: ExtensionApi, kind: 'error' | 'loaded'): Promise<InventoryNode[]> {
  const refresh = refresher(api);
  return waitFor(`RuntimeBroken in the tree, ${kind}`, async () => {
    refresh();
    const node = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'RuntimeBroken');
    const children = node ? await api.inventory.provider.getChildren(node) : [];
    const isError = children.length === 1 && children[0].kind === 'error';
    return children.length > 0 && isError === (kind === 'error') ? children : undefined;
  });
}

/** Refreshes the tree until the connector shows its hosts, and returns its node. */
async function loadedConnector(api: ExtensionApi, label: string): Promise<InventoryNode> {
  const refresh = refresher(api);
  return waitFor(`${label} with its hosts`, async () => {
    refresh();
    const node = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === label);
    return node && (await hostsBelow(api, node).catch(() => [])).length > 0 ? node : undefined;
  });
}

/** The 0-based line of the first `raise NotImplementedError` after `def method(`. */
function stubLine(text: string, method: string): number {
  const lines = text.split('\n');
  const def = lines.findIndex((line) => line.includes(`def ${method}(`));
  return lines.findIndex((line, i) => i > def && line.trim() === 'raise NotImplementedError');
}

const runtimeDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pyinfra-kit (runtime)');

suite('Runtime errors', function () {
  this.timeout(120000);

  test('a raising make_names_data: a diagnostic on the raising line, the author\'s frames first in the log, Reveal Source to the line, cleared once it loads', async () => {
    const api = await activateExtension();
    // line 11 (1-based) iterates None: TypeError: 'NoneType' object is not iterable
    const uri = await writeWorkspaceFile(FILE, connectorSource(['        for host in _hosts_from_api():', '            yield host, {}, []']));
    try {
      const [error] = await childrenOfRuntimeBroken(api, 'error');
      assert.ok(error?.kind === 'error', `an error node, got ${error?.kind}`);
      assert.match(error.error.message, /TypeError: 'NoneType' object is not iterable/);
      const [diagnostic] = await waitFor('the runtime diagnostic', () => (runtimeDiagnostics(uri).length > 0 ? runtimeDiagnostics(uri) : undefined));
      assert.strictEqual(diagnostic.range.start.line, 10, 'on the raising line');
      assert.strictEqual(diagnostic.range.start.character, 8, 'from its first character');
      assert.match(diagnostic.message, /^TypeError: 'NoneType' object is not iterable \(raised in make_names_data of connectors\/runtime_broken\.py:RuntimeBroken\)$/);
      assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);

      const log = await waitFor('the folded traceback in the log', () => {
        const text = logText(api);
        return /TypeError: 'NoneType' object is not iterable\n {2}at make_names_data \(connectors\/runtime_broken\.py:11\) {2}for host in _hosts_from_api\(\):\n {2}\(\d+ frames of pyinfra and pyinfra-kit folded\)/.test(text) ? text : undefined;
      });
      assert.ok(log);

      await vscode.commands.executeCommand('pyinfraConnectors.revealSource', error);
      const editor = vscode.window.activeTextEditor;
      assert.strictEqual(editor?.document.uri.fsPath, uri.fsPath);
      assert.strictEqual(editor?.selection.start.line, 10, 'Reveal Source goes to the raising line');

      await writeWorkspaceFile(FILE, connectorSource(['        yield "fixed-1", {}, []']));
      await childrenOfRuntimeBroken(api, 'loaded');
      // hosts stream in before the answer ends; the diagnostic goes when it has ended without raising
      await waitFor('loading without raising to clear the diagnostic', () => (runtimeDiagnostics(uri).length === 0 ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), FILE));
    }
  });

  test('a bare NotImplementedError stub says which method is not implemented yet, on its line', async () => {
    const api = await activateExtension();
    const uri = await writeWorkspaceFile(FILE, connectorSource(['        raise NotImplementedError']));
    try {
      const [error] = await waitFor('the stub\'s message', async () => {
        const children = await childrenOfRuntimeBroken(api, 'error');
        return children[0]?.kind === 'error' && /not implemented/.test(children[0].error.message) ? children : undefined;
      });
      assert.ok(error?.kind === 'error');
      assert.strictEqual(error.error.message, 'make_names_data is not implemented yet');
      const [diagnostic] = await waitFor('the runtime diagnostic', () => (runtimeDiagnostics(uri).length > 0 ? runtimeDiagnostics(uri) : undefined));
      assert.strictEqual(diagnostic.range.start.line, 10);
      assert.match(diagnostic.message, /^make_names_data is not implemented yet/);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), FILE));
    }
  });

  test('a scaffolded connector\'s stubs: a run, an upload and a download each say which method is not implemented yet, on its line, with a terminal link to it', async () => {
    const api = await activateExtension();
    const pyproject = path.join(workspaceRoot().fsPath, 'pyproject.toml');
    const pyprojectBefore = fs.readFileSync(pyproject, 'utf8');
    const created = (await vscode.commands.executeCommand('pyinfraConnectors.createConnector', {
      className: 'StubbedConnector', modulePath: 'connectors/stubbed.py', handlesExecution: true,
    })) as vscode.Uri;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-stubs-'));
    try {
      const text = fs.readFileSync(created.fsPath, 'utf8');
      const [host] = await hostsBelow(api, await loadedConnector(api, 'StubbedConnector'));
      const place = (method: string) => `connectors/stubbed.py:${stubLine(text, method) + 1}`;

      const [ran] = (await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', host, undefined, { command: 'true' })) as HostRunResult[];
      assert.strictEqual(ran.error, `run_shell_command is not implemented yet (${place('run_shell_command')})`);
      const summary = api.execution.recentRuns()[0].outcome.transcript.split('\r\n').find((line) => line.includes('not implemented yet'));
      assert.ok(summary, 'the terminal\'s summary says it');
      const links = await api.ctx.runtimeErrors.terminalLinks.provideTerminalLinks({ line: summary, terminal: vscode.window.activeTerminal! }, new vscode.CancellationTokenSource().token);
      assert.strictEqual(links?.length, 1, 'one link in the summary line');
      assert.strictEqual(summary.slice(links[0].startIndex, links[0].startIndex + links[0].length), place('run_shell_command'));
      await api.ctx.runtimeErrors.terminalLinks.handleTerminalLink(links[0]);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath);
      assert.strictEqual(vscode.window.activeTextEditor?.selection.start.line, stubLine(text, 'run_shell_command'), 'the link opens the stub\'s line');

      fs.writeFileSync(path.join(dir, 'up.txt'), 'x');
      const [uploaded] = (await vscode.commands.executeCommand('pyinfraConnectors.uploadFile', host, undefined, { localPath: path.join(dir, 'up.txt'), remotePath: path.join(dir, 'remote.txt') })) as HostRunResult[];
      assert.strictEqual(uploaded.error, `put_file is not implemented yet (${place('put_file')})`);
      const [downloaded] = (await vscode.commands.executeCommand('pyinfraConnectors.downloadFile', host, undefined, { remotePath: '/etc/hostname', localPath: path.join(dir, 'down.txt') })) as HostRunResult[];
      assert.strictEqual(downloaded.error, `get_file is not implemented yet (${place('get_file')})`);

      const shown = runtimeDiagnostics(created).map((d) => `${d.range.start.line} ${d.message}`).sort();
      assert.deepStrictEqual(shown, [
        `${stubLine(text, 'get_file')} get_file is not implemented yet (raised in a download from example-host)`,
        `${stubLine(text, 'put_file')} put_file is not implemented yet (raised in an upload to example-host)`,
        `${stubLine(text, 'run_shell_command')} run_shell_command is not implemented yet (raised in a run on example-host)`,
      ].sort());
      await waitFor('the author\'s frames of the run in the log', () => (
        new RegExp(`example-host: NotImplementedError\\n {2}at run_shell_command \\(${place('run_shell_command').replace('.', '\\.')}\\) {2}raise NotImplementedError\\n {2}\\(\\d+ frames`).test(logText(api)) ? true : undefined));
      // the file is edited (its lines may have moved): what its calls raised goes
      fs.writeFileSync(created.fsPath, `${text}\n`);
      await waitFor('the stubs\' diagnostics cleared by the edit', () => (runtimeDiagnostics(created).length === 0 ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(created.fsPath, { force: true });
      fs.writeFileSync(pyproject, pyprojectBefore);
    }
  });

  test('connect raising in the author\'s code: the run\'s summary names the raising line, Problems shows it, Reveal Source goes there', async () => {
    const api = await activateExtension();
    const file = 'connectors/runtime_connect.py';
    const uri = await writeWorkspaceFile(file, [
      'from pyinfra.connectors.local import LocalConnector',
      '',
      '',
      'def _open_session(host):',
      '    raise ConnectionError(f"the API refused {host}")',
      '',
      '',
      'class RuntimeConnect(LocalConnector):',
      '    @staticmethod',
      '    def make_names_data(name=None):',
      '        yield "api-1", {}, []',
      '',
      '    def connect(self):',
      '        _open_session(self.host.name)',
      '',
    ].join('\n'));
    try {
      const connector = await loadedConnector(api, 'RuntimeConnect');
      const [ran] = (await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', connector, undefined, { command: 'true' })) as HostRunResult[];
      assert.strictEqual(ran.error, `ConnectionError: the API refused api-1 (${file}:5)`);
      const [diagnostic] = runtimeDiagnostics(uri);
      assert.strictEqual(diagnostic?.range.start.line, 4, 'on the raising line');
      assert.strictEqual(diagnostic.message, 'ConnectionError: the API refused api-1 (raised in a run on api-1)');
      await vscode.commands.executeCommand('pyinfraConnectors.revealSource', connector);
      assert.strictEqual(vscode.window.activeTextEditor?.selection.start.line, 4, 'Reveal Source goes to the raising line');
      await waitFor('the author\'s frames first in the log', () => (
        /api-1: ConnectionError: the API refused api-1\n {2}at _open_session \(connectors\/runtime_connect\.py:5\)[^\n]*\n {2}at connect \(connectors\/runtime_connect\.py:14\)/.test(logText(api)) ? true : undefined));
      fs.writeFileSync(uri.fsPath, fs.readFileSync(uri.fsPath, 'utf8').replace('        _open_session(self.host.name)', '        pass'));
      await waitFor('the diagnostic gone once the file is edited', () => (runtimeDiagnostics(uri).length === 0 ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
