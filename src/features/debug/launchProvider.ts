// Turns a `pyinfra-connector` launch configuration into the launch debugpy's adapter runs: checks trust, the
// configuration and the interpreter's debugpy first, and says why when a session cannot start.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { locatePythonDir } from '../../core/bridge/pythonDir';
import { bridgeRequestFor, type ConnectorLaunch, debugpyLaunchArguments, launchFor } from '../../core/debug/launchConfig';
import type { Ctx } from '../ctx';
import { resolveInterpreter } from '../interpreter/resolveInterpreter';
import { completeLaunch } from './prompts';

export const INSTALL_DEBUGPY_COMMAND = 'pyinfraConnectors.installDebugpy';
/** Set on the resolved configuration: where the debuggee writes the bridge's reply. */
export const RESULT_FILE_KEY = 'pyinfraResultFile';

function debugpyProblem(python: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(python, ['-c', 'import debugpy'], { timeout: 20_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      const code = (error as NodeJS.ErrnoException).code;
      resolve(code === 'ENOENT' ? `the interpreter '${python}' was not found` : stderr.trim().split('\n').at(-1) || error.message);
    });
  });
}

export class ConnectorLaunchProvider implements vscode.DebugConfigurationProvider {
  constructor(
    private readonly ctx: Ctx,
    private readonly selectedTarget: () => string | undefined,
  ) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [launchFor(this.selectedTarget() ?? 'connectors/demo.py:DemoConnector', 'inventory')];
  }

  /** F5 with no launch.json: debug the selected connector's inventory. */
  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (config.type || config.request || config.name) return config;
    const target = this.selectedTarget();
    if (!target) {
      void vscode.window.showErrorMessage('pyinfra: select a connector in the Inventory view, or add a pyinfra-connector launch configuration with a "target".');
      return undefined;
    }
    return launchFor(target, 'inventory');
  }

  async resolveDebugConfigurationWithSubstitutedVariables(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    if (!vscode.workspace.isTrusted) {
      this.ctx.ensureTrusted(`Debugging ${(config as ConnectorLaunch).target ?? 'a connector'}`);
      return undefined;
    }
    const launch = (config as ConnectorLaunch).target ? await completeLaunch(config as ConnectorLaunch) : (config as ConnectorLaunch);
    if (!launch) return undefined; // a prompt was dismissed: the person changed their mind
    const request = bridgeRequestFor(launch);
    if ('error' in request) return this.refuse(`${config.name}: ${request.error}.`);
    const workspace = folder ?? this.ctx.folder;
    const python = launch.python ?? (await resolveInterpreter(this.ctx.config.python, workspace, this.ctx.log)).path;
    const problem = await debugpyProblem(python);
    if (problem) {
      this.ctx.log.warn(`debugpy is not available for ${python}: ${problem}`);
      const choice = await vscode.window.showErrorMessage(`Debugging a connector needs debugpy in ${python} (${problem}).`, 'Install debugpy');
      if (choice) void vscode.commands.executeCommand(INSTALL_DEBUGPY_COMMAND, python);
      return undefined;
    }
    const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyinfra-kit-debug-'));
    const files = { python, pythonDir: locatePythonDir(), cwd: workspace?.uri.fsPath ?? process.cwd(), resultFile: path.join(resultDir, 'reply.json') };
    this.ctx.log.info(`Debugging ${launch.action ?? 'inventory'} of ${launch.target} with ${python}`);
    return { ...config, ...launch, ...debugpyLaunchArguments(launch, request.ok, files), [RESULT_FILE_KEY]: files.resultFile };
  }

  private refuse(message: string): undefined {
    this.ctx.log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

/** Runs debugpy's own adapter with the chosen interpreter: no other extension is needed. */
export class DebugpyAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    const python = String(session.configuration.python);
    // cwd apart from the workspace, so a workspace module named like one of debugpy's never shadows it
    return new vscode.DebugAdapterExecutable(python, ['-m', 'debugpy.adapter'], { cwd: path.dirname(String(session.configuration[RESULT_FILE_KEY])) });
  }
}
