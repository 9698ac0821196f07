// The interpreter and the bridge: pick an interpreter, install pyinfra, restart the bridge, open the log.
import * as vscode from 'vscode';
import { locatePythonDir } from '../../core/bridge/pythonDir';
import { doctorText, runDoctor, type DoctorReport } from '../../core/doctor/doctor';
import type { Ctx } from '../ctx';
import { resolveInterpreter } from '../interpreter/resolveInterpreter';

/** `pyinfra-kit doctor`'s checks on an interpreter: the report goes to the log, problems to a message. */
async function checkInterpreter(ctx: Ctx, python?: string): Promise<DoctorReport | undefined> {
  const chosen = python ? { path: python, source: 'the picked file' } : await resolveInterpreter(ctx.config.python, ctx.folder, ctx.log);
  try {
    const report = await runDoctor({ python: chosen.path, pythonDir: locatePythonDir(), cwd: ctx.folder?.uri.fsPath ?? process.cwd() });
    ctx.log.info(`Interpreter check:\n${doctorText(report, chosen.source)}`);
    if (report.problems.length > 0) {
      void vscode.window.showWarningMessage(`${chosen.path}: ${report.problems[0]}${report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : ''}`, 'Show Log')
        .then((choice) => choice && ctx.log.show(true));
    } else if (!python) {
      void vscode.window.showInformationMessage(`${chosen.path}: pyinfra ${report.packages[0].version}, ${report.connectors.length} connector entry points, no problems found.`);
    }
    return report;
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

const VENV_PYTHON = process.platform === 'win32' ? '.venv\\Scripts\\python.exe' : '.venv/bin/python';

export function activateEnvironment(ctx: Ctx): void {
  const commands: Record<string, () => unknown> = {
    'pyinfraConnectors.showLog': () => ctx.log.show(true),
    'pyinfraConnectors.restartBridge': () => ctx.restartBridge('asked from the command palette'),
    'pyinfraConnectors.checkInterpreter': () => checkInterpreter(ctx),
    'pyinfraConnectors.selectInterpreter': async () => {
      if (vscode.extensions.getExtension('ms-python.python')) {
        await vscode.commands.executeCommand('python.setInterpreter');
        return;
      }
      const picked = await vscode.window.showOpenDialog({ title: 'Python interpreter with pyinfra 3.x', canSelectMany: false, openLabel: 'Use this interpreter', defaultUri: ctx.folder?.uri });
      if (!picked?.[0]) return;
      await ctx.config.setPython(picked[0].fsPath);
      await checkInterpreter(ctx, picked[0].fsPath);
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

/** Runs an install as a visible task in the folder (a shell line, or a program and its arguments); resolves with its exit code. */
export async function runInstallTask(folder: vscode.WorkspaceFolder, name: string, command: string | { program: string; args: string[] }): Promise<number | undefined> {
  const options = { cwd: folder.uri.fsPath };
  const run = typeof command === 'string' ? new vscode.ShellExecution(command, options) : new vscode.ProcessExecution(command.program, command.args, options);
  const task = new vscode.Task({ type: typeof command === 'string' ? 'shell' : 'process' }, folder, name, 'pyinfra', run);
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
