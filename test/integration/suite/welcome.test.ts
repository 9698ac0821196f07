import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
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

  test('Create Connector writes a complete pyproject.toml, opens the module pinned, and Install in editable mode makes @name work in pyinfra', async () => {
    await activateExtension();
    const root = workspaceRoot().fsPath;
    const pyproject = path.join(root, 'pyproject.toml');
    const pyprojectBefore = fs.readFileSync(pyproject, 'utf8');
    // a venv of its own, so the shared one gets no editable install; it sees the project's packages through a .pth
    const projectPython = vscode.workspace.getConfiguration('pyinfraConnectors').get<string>('python') || 'python3';
    const sitePackages = (python: string) => execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'], { encoding: 'utf8' }).trim();
    const base = execFileSync(projectPython, ['-c', 'import sys; print(sys._base_executable)'], { encoding: 'utf8' }).trim();
    const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'editable-venv-'));
    execFileSync(base, ['-m', 'venv', '--without-pip', venv]);
    const python = path.join(venv, 'bin', 'python');
    fs.writeFileSync(path.join(sitePackages(python), 'project-venv.pth'), `${sitePackages(projectPython)}\n`);
    const created = (await vscode.commands.executeCommand('pyinfraConnectors.createConnector', {
      className: 'EditableConnector', entryPoint: 'kit_editable', modulePath: 'connectors/editable.py', handlesExecution: false,
    })) as vscode.Uri;
    try {
      assert.ok(created, 'a module was created');
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.strictEqual((tab?.input as vscode.TabInputText | undefined)?.uri.fsPath, created.fsPath, 'the module is open');
      assert.strictEqual(tab?.isPreview, false, 'pinned, not a preview tab');
      const toml = JSON.parse(execFileSync(projectPython, ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))', pyproject], { encoding: 'utf8' }));
      assert.deepStrictEqual(toml['build-system'], { requires: ['setuptools>=64'], 'build-backend': 'setuptools.build_meta' });
      assert.strictEqual(toml.project.name, 'demo-connectors', 'the project keeps its name');
      const entryPoints = toml.project['entry-points']['pyinfra.connectors'];
      assert.strictEqual(entryPoints.kit_editable, 'connectors.editable:EditableConnector', 'the entry-point name asked for');
      assert.strictEqual(entryPoints.demo, 'connectors.demo:DemoConnector', 'the existing entry point kept');

      await withInterpreter(python, async () => {
        const exitCode = await vscode.commands.executeCommand('pyinfraConnectors.installEditable');
        assert.strictEqual(exitCode, 0, 'pip install --editable succeeded');
      });
      // pyinfra itself, outside the workspace: its entry-point lookup, then its CLI resolving @kit_editable
      const lookup = 'from pyinfra.api.connectors import get_all_connectors; c = get_all_connectors()["kit_editable"]; print(c.__module__, c.__name__)';
      assert.strictEqual(execFileSync(python, ['-c', lookup], { cwd: os.tmpdir(), encoding: 'utf8' }).trim(), 'connectors.editable EditableConnector');
      const inventory = spawnSync(python, ['-m', 'pyinfra', '@kit_editable/from-cli', 'debug-inventory'], { cwd: os.tmpdir(), encoding: 'utf8' });
      assert.strictEqual(inventory.status, 0, inventory.stderr);
      // pyinfra prints its inventory to stderr
      assert.match(inventory.stdout + inventory.stderr, /\[example-host\][\s\S]*argument: 'from-cli'/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(venv, { recursive: true, force: true });
      fs.rmSync(created.fsPath, { force: true });
      for (const name of fs.readdirSync(root)) if (name.endsWith('.egg-info') || name === 'build') fs.rmSync(path.join(root, name), { recursive: true, force: true });
      fs.writeFileSync(pyproject, pyprojectBefore);
    }
  });
});
