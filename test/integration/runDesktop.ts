// Runs the extension-host suites in desktop VS Code through @vscode/test-electron, for machines that can download
// VS Code (npm run test:desktop). Machines that cannot run the same suites in code-server: npm run test:e2e.
//   VSCODE_EXECUTABLE  an installed VS Code to use instead of downloading one
//   VSCODE_VERSION     the version to download (default: stable)
// test-electron always passes --disable-workspace-trust, so the Restricted Mode suite does not run here.
import * as fs from 'fs';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '../../..'); // this file runs as out/test/integration/runDesktop.js
const WORK = path.join(ROOT, '.e2e-work', 'desktop');

async function vscodeExecutable(): Promise<string> {
  const installed = process.env.VSCODE_EXECUTABLE;
  if (installed) {
    if (!fs.existsSync(installed)) throw new Error(`VSCODE_EXECUTABLE=${installed} does not exist`);
    return installed;
  }
  try {
    return await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || 'stable', cachePath: path.join(ROOT, 'out', 'vscode-test') });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      'Could not download VS Code for the desktop test run (it comes from update.code.visualstudio.com).\n' +
      'Set VSCODE_EXECUTABLE to an installed VS Code, or run the same suites in code-server: npm run test:e2e\n' +
      `Cause: ${cause}`);
  }
}

/** A copy of the demo workspace and a user profile whose settings name the project's Python. */
function prepare(): { workspace: string; userData: string; extensions: string } {
  fs.rmSync(WORK, { recursive: true, force: true });
  const workspace = path.join(WORK, 'demo-workspace');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'demo-workspace'), workspace, { recursive: true });
  const userData = path.join(WORK, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // pyinfraConnectors.python is machine-scoped, so it goes in the user settings, not the workspace's
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'pyinfraConnectors.python': path.join(ROOT, '.venv', 'bin', 'python'),
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
  }, null, 2));
  return { workspace, userData, extensions: path.join(WORK, 'extensions') };
}

async function main(): Promise<number> {
  const vscodeExecutablePath = await vscodeExecutable();
  const { workspace, userData, extensions } = prepare();
  const resultFile = path.join(WORK, 'results.json');
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${extensions}`, '--disable-extensions'],
      extensionTestsEnv: { E2E_RESULT_FILE: resultFile, E2E_GREP: process.env.E2E_GREP ?? '' },
    });
    return 0;
  } catch (error) {
    console.error(`The desktop test run failed: ${error instanceof Error ? error.message : String(error)} (results: ${resultFile})`);
    return 1;
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
