// "Install debugpy": an interpreter without debugpy (a venv made here) is offered the install, the offer's button
// runs pip into that interpreter, and the session then starts. pip reaches PyPI, as the set-up script does.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { stopAndInspect, within } from './debugSession';
import { activateExtension } from './helpers';

/**
 * A venv with pip and, through a .pth file, every package of the kit's own venv except debugpy: pyinfra imports,
 * debugpy does not, and installing it is quick.
 */
function venvWithoutDebugpy(kitPython: string): string {
  const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'pck-no-debugpy-'));
  execFileSync(kitPython, ['-m', 'venv', venv], { timeout: 120_000 });
  const python = path.join(venv, 'bin', 'python');
  const sitePackages = (which: string) => execFileSync(which, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']).toString().trim();
  const kitSite = sitePackages(kitPython);
  const borrowed = path.join(venv, 'borrowed');
  fs.mkdirSync(borrowed);
  for (const entry of fs.readdirSync(kitSite)) {
    if (/^(debugpy|pip|setuptools|_distutils_hack|distutils-precedence)/i.test(entry) || entry.endsWith('.pth')) continue;
    fs.symlinkSync(path.join(kitSite, entry), path.join(borrowed, entry));
  }
  fs.writeFileSync(path.join(sitePackages(python), 'borrowed-from-the-kit.pth'), `${borrowed}\n`);
  return python;
}

function imports(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { timeout: 60_000 }).status === 0;
}

/** Resolves with the exit code of the next task named `name`. */
function taskEnd(name: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name !== name) return;
      listener.dispose();
      resolve(event.exitCode);
    });
  });
}

suite('Install debugpy', function () {
  this.timeout(400000);

  test('an interpreter without debugpy is offered "Install debugpy"; its button installs it there and the session then stops at the breakpoint', async () => {
    await activateExtension();
    const kitPython = vscode.workspace.getConfiguration('pyinfraConnectors').get<string>('python');
    assert.ok(kitPython && fs.existsSync(kitPython), `the e2e settings name the kit's interpreter: ${kitPython}`);
    const python = venvWithoutDebugpy(kitPython);
    try {
      assert.ok(imports(python, 'pyinfra') && !imports(python, 'debugpy'), 'the venv has pyinfra and not debugpy');
      const launch = { type: 'pyinfra-connector', request: 'launch', name: 'e2e: no debugpy', target: 'connectors/demo.py:DemoConnector/web', action: 'inventory', python };
      await vscode.commands.executeCommand('notifications.clearAll');
      const installed = taskEnd('Install debugpy');
      const starting = Promise.resolve(vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], launch));
      let settled = false;
      void starting.finally(() => (settled = true));
      // the offer is the newest notification: its primary action is the "Install debugpy" button, pressed as a person would
      while (!settled) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        if (!settled) await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      }
      assert.strictEqual(await starting, false, 'no session without debugpy');
      assert.strictEqual(await within('pip to install debugpy', installed, 300000), 0, 'the install task succeeded');
      assert.ok(imports(python, 'debugpy'), 'debugpy imports in the venv now');

      const { outcome, value } = await stopAndInspect(launch, 'hosts = [', 'name');
      assert.strictEqual(value, "'web'");
      assert.deepStrictEqual((outcome.reply as { result: { name: string }[] }).result.map((h) => h.name), ['web-1', 'web-2']);
    } finally {
      fs.rmSync(path.dirname(path.dirname(python)), { recursive: true, force: true });
    }
  });
});
