// "Create Connector…": asks for a class name, the entry-point name, a file and the kind, writes the module and a
// pyproject.toml that registers it, opens the module (pinned), and offers "Install in editable mode".
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { parseEntryPoints, pyprojectValues } from '../../core/analysis/pyproject';
import {
  connectorModule, connectorPyproject, entryPointName, isValidClassName, isValidEntryPointName, moduleName, projectNameFor,
} from '../../core/scaffold/connectorTemplate';
import { editableInstallArgs, HAS_SETUPTOOLS_BACKEND, SETUPTOOLS_BACKEND } from '../../core/scaffold/editableInstall';
import type { Ctx } from '../ctx';
import { runInstallTask } from '../environment';
import { resolveInterpreter } from '../interpreter/resolveInterpreter';

export const INSTALL_EDITABLE = 'Install in editable mode';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export interface CreateConnectorAnswers {
  className: string;
  /** `@name` in pyinfra; entryPointName(className) when not given. */
  entryPoint?: string;
  modulePath: string;
  handlesExecution: boolean;
}

async function ask(registered: ReadonlySet<string>): Promise<CreateConnectorAnswers | undefined> {
  const className = await vscode.window.showInputBox({
    title: 'Create Connector (1/4)', prompt: 'Class name', value: 'MyConnector',
    validateInput: (value) => (isValidClassName(value) ? undefined : 'A Python class name: letters, digits and _'),
  });
  if (!className) return undefined;
  const entryPoint = await vscode.window.showInputBox({
    title: 'Create Connector (2/4)', prompt: 'Entry-point name: pyinfra finds the connector as @NAME', value: entryPointName(className),
    validateInput: (value) => (!isValidEntryPointName(value) ? 'Letters, digits, _ . and -, not starting with . or -'
      : registered.has(value) ? `pyproject.toml already registers '${value}'` : undefined),
  });
  if (!entryPoint) return undefined;
  const modulePath = await vscode.window.showInputBox({
    title: 'Create Connector (3/4)', prompt: 'File, relative to the workspace folder', value: `${entryPoint.replace(/\W/g, '_')}_connector.py`,
    validateInput: (value) => (/^[\w/.-]+\.py$/.test(value) && !value.startsWith('/') ? undefined : 'A relative path ending in .py'),
  });
  if (!modulePath) return undefined;
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Executing connector', description: 'lists hosts and runs commands on them', handlesExecution: true },
      { label: 'Inventory connector', description: 'lists hosts; pyinfra reaches them over SSH', handlesExecution: false },
    ],
    { title: 'Create Connector (4/4)' },
  );
  if (!kind) return undefined;
  return { className, entryPoint, modulePath, handlesExecution: kind.handlesExecution };
}

/** Writes the module and pyproject.toml, opens the module pinned; returns the module's URI. */
export async function createConnector(folder: vscode.WorkspaceFolder, answers?: CreateConnectorAnswers): Promise<vscode.Uri | undefined> {
  const pyprojectUri = vscode.Uri.joinPath(folder.uri, 'pyproject.toml');
  const pyprojectText = await readText(pyprojectUri);
  const registered = new Set(parseEntryPoints(pyprojectUri.fsPath, pyprojectText ?? '').entries.map((entry) => entry.name));
  const plan = answers ?? (await ask(registered));
  if (!plan) return undefined;
  const entryPoint = plan.entryPoint ?? entryPointName(plan.className);
  const moduleUri = vscode.Uri.joinPath(folder.uri, plan.modulePath);
  if ((await readText(moduleUri)) !== undefined) {
    void vscode.window.showErrorMessage(`${plan.modulePath} already exists; choose another file.`);
    return undefined;
  }
  let pyproject: string;
  try {
    pyproject = connectorPyproject(pyprojectText, { projectName: projectNameFor(folder.name), entryPoint, value: `${moduleName(plan.modulePath)}:${plan.className}` });
  } catch (error) {
    void vscode.window.showErrorMessage(`Create Connector: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(moduleUri, new TextEncoder().encode(connectorModule(plan)));
  await vscode.workspace.fs.writeFile(pyprojectUri, new TextEncoder().encode(pyproject));
  await vscode.window.showTextDocument(moduleUri, { preview: false });
  void vscode.window.showInformationMessage(
    `Created ${plan.className}, registered as @${entryPoint} in pyproject.toml. Install the project in editable mode so that \`pyinfra @${entryPoint} …\` finds it?`,
    INSTALL_EDITABLE,
  ).then((choice) => choice && vscode.commands.executeCommand('pyinfraConnectors.installEditable'));
  return moduleUri;
}

function exitsZero(python: string, code: string): Promise<boolean> {
  return new Promise((resolve) => execFile(python, ['-c', code], { timeout: 30_000 }, (error) => resolve(!error)));
}

/**
 * `pip install -e` of the workspace folder into the interpreter that runs connectors (a visible task), so that
 * pyinfra's entry-point lookup finds the folder's connectors; the bridge restarts to see them. Resolves with pip's exit code.
 */
export async function installEditable(ctx: Ctx, folder: vscode.WorkspaceFolder): Promise<number | undefined> {
  const { path: python } = await resolveInterpreter(ctx.config.python, folder, ctx.log);
  const values = pyprojectValues((await readText(vscode.Uri.joinPath(folder.uri, 'pyproject.toml'))) ?? '');
  const backend = 'error' in values ? undefined : values['build-system']?.['build-backend'];
  const buildInPlace = backend === SETUPTOOLS_BACKEND && (await exitsZero(python, HAS_SETUPTOOLS_BACKEND));
  const args = editableInstallArgs(folder.uri.fsPath, buildInPlace);
  ctx.log.info(`Installing ${folder.uri.fsPath} in editable mode: ${python} ${args.join(' ')}`);
  const exitCode = await runInstallTask(folder, 'Install the workspace in editable mode', { program: python, args });
  if (exitCode !== 0) {
    ctx.log.error(`pip install --editable ended with exit code ${exitCode}`);
    void vscode.window.showErrorMessage(`Installing ${folder.name} in editable mode failed (exit code ${exitCode}); see the terminal.`);
    return exitCode;
  }
  await ctx.restartBridge('the workspace was installed in editable mode');
  void vscode.window.showInformationMessage(`${folder.name} is installed in editable mode into ${python}: pyinfra finds its connectors by their entry-point names.`);
  return exitCode;
}
