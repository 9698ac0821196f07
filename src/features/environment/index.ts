// The interpreter and the bridge: pick an interpreter, install pyinfra, restart the bridge, open the log.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

const VENV_PYTHON = process.platform === 'win32' ? '.venv\\Scripts\\python.exe' : '.venv/bin/python';

export function activateEnvironment(ctx: Ctx): void {
  const commands: Record<string, () => unknown> = {
    'pyinfraConnectors.showLog': () => ctx.log.show(true),
    'pyinfraConnectors.restartBridge': () => ctx.restartBridge('asked from the command palette'),
    'pyinfraConnectors.selectInterpreter': async () => {
      if (vscode.extensions.getExtension('ms-python.python')) {
        await vscode.commands.executeCommand('python.setInterpreter');
        return;
      }
      const picked = await vscode.window.showOpenDialog({ title: 'Python interpreter with pyinfra 3.x', canSelectMany: false, openLabel: 'Use this interpreter', defaultUri: ctx.folder?.uri });
      if (!picked?.[0]) return;
      await ctx.config.setPython(picked[0].fsPath);
    },
    'pyinfraConnectors.installPyinfra': async () => {
      const folder = ctx.folder;
      if (!folder) return void vscode.window.showErrorMessage('Open a folder first: pyinfra is installed into its .venv.');
      if (!ctx.ensureTrusted('Installing pyinfra')) return;
      const python = vscode.Uri.joinPath(folder.uri, VENV_PYTHON).fsPath;
      const exitCode = await runInstallTask(folder, 'Install pyinfra into .venv', `python3 -m venv .venv && "${python}" -m pip install --upgrade "pyinfra>=3,<4"`);
      if (exitCode !== 0) return void vscode.window.showErrorMessage(`Installing pyinfra failed (exit code ${exitCode}); see the terminal.`);
      await ctx.config.setPython(python);
      void vscode.window.showInformationMessage(`pyinfra is installed in .venv; the inventory now uses ${VENV_PYTHON}.`);
    },
  };
  ctx.extension.subscriptions.push(...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)));
}

/** Runs an install command line as a visible shell task in the folder; resolves with its exit code. */
export async function runInstallTask(folder: vscode.WorkspaceFolder, name: string, commandLine: string): Promise<number | undefined> {
  const task = new vscode.Task({ type: 'shell' }, folder, name, 'pyinfra', new vscode.ShellExecution(commandLine, { cwd: folder.uri.fsPath }));
  const execution = await vscode.tasks.executeTask(task);
  return new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution === execution) {
        listener.dispose();
        resolve(event.exitCode);
      }
    });
  });
}
