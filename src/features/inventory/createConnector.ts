// "Create Connector…": asks for a class name, a file and the kind, writes the module and registers it.
import * as vscode from 'vscode';
import { connectorModule, entryPointName, isValidClassName, moduleName, withEntryPoint } from '../../core/scaffold/connectorTemplate';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export interface CreateConnectorAnswers {
  className: string;
  modulePath: string;
  handlesExecution: boolean;
}

async function ask(): Promise<CreateConnectorAnswers | undefined> {
  const className = await vscode.window.showInputBox({
    title: 'Create Connector (1/3)', prompt: 'Class name', value: 'MyConnector',
    validateInput: (value) => (isValidClassName(value) ? undefined : 'A Python class name: letters, digits and _'),
  });
  if (!className) return undefined;
  const modulePath = await vscode.window.showInputBox({
    title: 'Create Connector (2/3)', prompt: 'File, relative to the workspace folder', value: `${entryPointName(className)}_connector.py`,
    validateInput: (value) => (/^[\w/.-]+\.py$/.test(value) && !value.startsWith('/') ? undefined : 'A relative path ending in .py'),
  });
  if (!modulePath) return undefined;
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Executing connector', description: 'lists hosts and runs commands on them', handlesExecution: true },
      { label: 'Inventory connector', description: 'lists hosts; pyinfra reaches them over SSH', handlesExecution: false },
    ],
    { title: 'Create Connector (3/3)' },
  );
  if (!kind) return undefined;
  return { className, modulePath, handlesExecution: kind.handlesExecution };
}

/** Writes the module and the pyproject.toml entry point; returns the module's URI. */
export async function createConnector(folder: vscode.WorkspaceFolder, answers?: CreateConnectorAnswers): Promise<vscode.Uri | undefined> {
  const plan = answers ?? (await ask());
  if (!plan) return undefined;
  const moduleUri = vscode.Uri.joinPath(folder.uri, plan.modulePath);
  if ((await readText(moduleUri)) !== undefined) {
    void vscode.window.showErrorMessage(`${plan.modulePath} already exists; choose another file.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(moduleUri, new TextEncoder().encode(connectorModule(plan)));
  const pyprojectUri = vscode.Uri.joinPath(folder.uri, 'pyproject.toml');
  const projectName = folder.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'connectors';
  const pyproject = withEntryPoint(await readText(pyprojectUri), projectName, entryPointName(plan.className), `${moduleName(plan.modulePath)}:${plan.className}`);
  await vscode.workspace.fs.writeFile(pyprojectUri, new TextEncoder().encode(pyproject));
  await vscode.window.showTextDocument(moduleUri);
  return moduleUri;
}
