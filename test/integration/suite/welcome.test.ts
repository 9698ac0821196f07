import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, connectorNamed, hostsBelow, waitFor, workspaceRoot } from './helpers';

suite('Welcome views and Create Connector', function () {
  this.timeout(90000);

  async function withInterpreter(python: string, body: () => Promise<void>): Promise<void> {
    const config = vscode.workspace.getConfiguration('pyinfraConnectors');
    const previous = config.inspect<string>('python')?.globalValue;
    await config.update('python', python, vscode.ConfigurationTarget.Global);
    try {
      await body();
    } finally {
      await config.update('python', previous, vscode.ConfigurationTarget.Global);
    }
  }

  test('an interpreter that does not start shows the "no Python" welcome view', async () => {
    const api = await activateExtension();
    await withInterpreter('/nonexistent/bin/python3', async () => {
      await waitFor('state noPython', async () => {
        api.inventory.provider.refresh();
        const children = await api.inventory.provider.getChildren();
        return children.length === 0 && api.ctx.viewState === 'noPython' ? true : undefined;
      });
    });
    await waitFor('the tree back', async () => ((await api.inventory.provider.getChildren()).length > 0 ? true : undefined));
  });

  test('an interpreter without pyinfra shows the "install pyinfra" welcome view', async () => {
    const api = await activateExtension();
    const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-venv-'));
    // a venv of the same Python as the project's, without pyinfra
    const projectPython = vscode.workspace.getConfiguration('pyinfraConnectors').get<string>('python') || 'python3';
    const base = execFileSync(projectPython, ['-c', 'import sys; print(sys._base_executable)'], { encoding: 'utf8' }).trim();
    execFileSync(base, ['-m', 'venv', '--without-pip', venv]);
    try {
      await withInterpreter(path.join(venv, 'bin', 'python'), async () => {
        await waitFor('state noPyinfra', async () => {
          api.inventory.provider.refresh();
          const children = await api.inventory.provider.getChildren();
          return children.length === 0 && api.ctx.viewState === 'noPyinfra' ? true : undefined;
        });
      });
    } finally {
      fs.rmSync(venv, { recursive: true, force: true });
    }
  });

  test('Create Connector writes a module and entry point that lint clean and load in the tree', async () => {
    const api = await activateExtension();
    const created = (await vscode.commands.executeCommand('pyinfraConnectors.createConnector', {
      className: 'FreshConnector', modulePath: 'connectors/fresh.py', handlesExecution: true,
    })) as vscode.Uri;
    assert.ok(created, 'a module was created');
    try {
      const pyproject = fs.readFileSync(path.join(workspaceRoot().fsPath, 'pyproject.toml'), 'utf8');
      assert.match(pyproject, /^fresh = 'connectors\.fresh:FreshConnector'$/m);
      assert.match(pyproject, /^demo = 'connectors\.demo:DemoConnector'$/m, 'the existing entry point is kept');
      const node = await waitFor('FreshConnector in the tree', async () => {
        api.inventory.provider.refresh();
        return connectorNamed(api, 'FreshConnector').catch(() => undefined);
      });
      const hosts = await hostsBelow(api, node);
      assert.deepStrictEqual(hosts.map((h) => h.kind === 'host' && h.host.name), ['example-host']);
      // give the server a moment to lint the new file, then expect nothing flagged
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepStrictEqual(vscode.languages.getDiagnostics(created).map((d) => d.message), []);
      const pyprojectDiagnostics = vscode.languages.getDiagnostics(vscode.Uri.joinPath(workspaceRoot(), 'pyproject.toml'));
      assert.deepStrictEqual(pyprojectDiagnostics.map((d) => d.message), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
