// Errors where the code is: a connector that raises gets a diagnostic on the raising line of its file, the log
// shows the author's frames first, Reveal Source goes to that line, and loading again without raising clears it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { InventoryNode } from '../../../src/features/inventory/nodes';
import { activateExtension, logText, rootNodes, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

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

/** Refreshes the tree until RuntimeBroken shows children of this kind (the file was just rewritten), and returns them. */
async function childrenOfRuntimeBroken(api: ExtensionApi, kind: 'error' | 'loaded'): Promise<InventoryNode[]> {
  return waitFor(`RuntimeBroken in the tree, ${kind}`, async () => {
    api.inventory.provider.refresh();
    const node = (await rootNodes(api)).find((n) => n.kind === 'connector' && n.source.label === 'RuntimeBroken');
    const children = node ? await api.inventory.provider.getChildren(node) : [];
    const isError = children.length === 1 && children[0].kind === 'error';
    return children.length > 0 && isError === (kind === 'error') ? children : undefined;
  });
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
});
