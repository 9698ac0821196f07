import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

suite('Linting', function () {
  this.timeout(60000);

  test('the language status counts the workspace\'s files and connector classes, files created on disk later too', async () => {
    const api = await activateExtension();
    const expected = async () => {
      const files = await vscode.workspace.findFiles('**/{*.py,pyproject.toml}');
      const classes = await api.lint.connectorClasses();
      return new RegExp(`^${classes.length} connector class${classes.length === 1 ? '' : 'es'} in ${files.length} files \\(\\d+ parsed\\)$`);
    };
    const settled = async () => {
      const wanted = await expected();
      const detail = api.lint.statusItem.busy ? undefined : api.lint.statusItem.detail;
      return detail && wanted.test(detail) ? detail : undefined;
    };
    await waitFor('the scan\'s counts in the language status', settled);
    // a file written outside the editor (as Create Connector, git or a formatter do) is counted once the server sees it
    const uri = await writeWorkspaceFile('connectors/counted.py', 'from pyinfra.connectors.base import BaseConnector\n\n\nclass CountedConnector(BaseConnector):\n    @staticmethod\n    def make_names_data(name=None):\n        yield "c", {}, []\n');
    try {
      await waitFor('the new class among the connector classes', async () => ((await api.lint.connectorClasses()).some((c) => c.name === 'CountedConnector') ? true : undefined));
      await waitFor('the new file counted in the language status', settled);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('reports PCK002 for the connector class that lacks get_file', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'connectors/half_written.py');
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('PCK002 on half_written.py', () =>
      vscode.languages.getDiagnostics(uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'PCK002'));
    assert.match(diagnostic.message, /get_file/);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const line = (await vscode.workspace.openTextDocument(uri)).lineAt(diagnostic.range.start.line).text;
    assert.match(line, /class HalfWrittenConnector/);
  });

  test('the demo connector has no diagnostics', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'connectors/demo.py');
    await vscode.window.showTextDocument(uri);
    await waitFor('a diagnostic pass over half_written.py', () =>
      vscode.languages.getDiagnostics(vscode.Uri.joinPath(workspaceRoot(), 'connectors/half_written.py')).length > 0 ? true : undefined);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri).map((d) => d.message), []);
  });

  test('offers a quick fix that adds the missing method', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'connectors/half_written.py');
    const diagnostic = await waitFor('PCK002', () => vscode.languages.getDiagnostics(uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'PCK002'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /get_file/.test(a.title));
    assert.ok(fix, `a quick fix naming get_file among: ${actions.map((a) => a.title).join(', ')}`);
  });
});
