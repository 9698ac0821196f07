// pyinfra's own connectors are correct by definition: linting them must report nothing, and must
// still recognise them as connector classes (so the silence is not from ignoring them).
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';
import { pyinfraPackageDir, repoRoot, walkLintable } from './corpus';

const packageDir = pyinfraPackageDir();
const cli = path.join(repoRoot(), 'dist', 'cli.js');

describe('pyinfra site-packages connectors', { skip: packageDir ? false : 'no .venv in the repository: `npm run setup` creates it' }, () => {
  it('has zero diagnostics and finds the built-in connector classes', async () => {
    const connectorsDir = path.join(packageDir!, 'connectors');
    const index = await WorkspaceIndex.create();
    for (const file of walkLintable(connectorsDir)) index.setFile(file, fs.readFileSync(file, 'utf8'));
    assert.deepEqual([...index.diagnostics().values()].flat(), []);
    const names = index.listConnectorClasses().map((c) => c.name);
    for (const expected of ['LocalConnector', 'SSHConnector', 'DockerConnector', 'PodmanConnector', 'DockerSSHConnector',
      'ChrootConnector', 'TerraformInventoryConnector', 'VagrantInventoryConnector']) {
      assert.ok(names.includes(expected), `${expected} not recognised`);
    }
    const docker = index.listConnectorClasses().find((c) => c.name === 'DockerConnector');
    assert.equal(docker?.isBase, true, 'PodmanConnector derives from DockerConnector');
  });

  it('the whole installed pyinfra package, linted by the CLI, has zero findings', { skip: fs.existsSync(cli) ? false : 'build first: node esbuild.js' }, () => {
    const output = execFileSync(process.execPath, [cli, 'lint', '--format', 'json', packageDir!], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output), []);
  });
});
