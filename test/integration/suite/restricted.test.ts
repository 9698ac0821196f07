// Runs only in the Restricted Mode pass of test/e2e/run.sh (an untrusted workspace).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

suite('Restricted Mode', function () {
  this.timeout(60000);

  test('the workspace is untrusted and the inventory runs no workspace code', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const api = await activateExtension();
    assert.deepStrictEqual(await api.inventory.provider.getChildren(), []);
    await assert.rejects(api.ctx.bridge(), /not trusted/);
    const result = await vscode.commands.executeCommand('pyinfraConnectors.runShellCommand', undefined, undefined, { command: 'touch should-not-exist' });
    assert.strictEqual(result, undefined);
  });

  test('Debug refuses before any session starts: it would run workspace code', async () => {
    await activateExtension();
    // (VS Code itself also asks for trust before any debug session; the kit's command says why first)
    assert.strictEqual(await vscode.commands.executeCommand('pyinfraConnectors.debug'), false);
    assert.strictEqual(vscode.debug.activeDebugSession, undefined);
  });

  test('linting still works', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'connectors/half_written.py');
    await vscode.window.showTextDocument(uri);
    await waitFor('PCK002 in Restricted Mode', () => vscode.languages.getDiagnostics(uri).find((d) => /get_file/.test(d.message)));
  });
});
