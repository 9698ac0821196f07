import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../../src/core/analysis';
import { connectorModule, connectorPyproject, entryPointName, moduleName, projectNameFor } from '../../../src/core/scaffold/connectorTemplate';

const withEntryPoint = (text: string | undefined, projectName: string, entryPoint: string, value: string) => connectorPyproject(text, { projectName, entryPoint, value });

const ROOT = path.resolve(__dirname, '../../../..');
const PYTHON = path.join(ROOT, '.venv/bin/python');

describe('connector scaffold', () => {
  it('derives entry-point and module names', () => {
    assert.equal(entryPointName('MyCloudConnector'), 'my_cloud');
    assert.equal(entryPointName('HTTPAPIConnector'), 'httpapi');
    assert.equal(entryPointName('Connector'), 'connector');
    assert.equal(moduleName('src/acme/cloud.py'), 'acme.cloud');
    assert.equal(moduleName('acme/__init__.py'), 'acme');
  });

  it('creates a complete pyproject.toml: build system, project, entry point', () => {
    assert.equal(withEntryPoint(undefined, 'demo', 'my', 'm:My'), [
      '[build-system]', 'requires = ["setuptools>=64"]', 'build-backend = "setuptools.build_meta"', '',
      '[project]', 'name = "demo"', 'version = "0.1.0"', 'dependencies = ["pyinfra>=3,<4"]', '',
      "[project.entry-points.'pyinfra.connectors']", "my = 'm:My'", '',
    ].join('\n'));
    assert.equal(projectNameFor('My Connectors!'), 'my-connectors');
  });

  it('completes an existing file with what it lacks, the rest as it was', () => {
    const added = withEntryPoint('[project]\nname = "x"\n', 'y', 'my', 'm:My');
    assert.equal(added, `[project]\nversion = "0.1.0"\nname = "x"\n\n[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n\n[project.entry-points.'pyinfra.connectors']\nmy = 'm:My'\n`);
    const own = `[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "x"\ndynamic = ["version"]\n\n[project.entry-points."pyinfra.connectors"]\nold = 'o:O'\n\n[tool.x]\n`;
    assert.equal(withEntryPoint(own, 'x', 'my', 'm:My'), own.replace(`old = 'o:O'`, `my = 'm:My'\nold = 'o:O'`), 'its own build system and dynamic version kept');
    assert.throws(() => withEntryPoint(own, 'x', 'old', 'm:My'), /already registers the entry point 'old' \(o:O\)/);
  });

  for (const handlesExecution of [true, false]) {
    it(`writes a ${handlesExecution ? 'executing' : 'inventory'} connector and entry point the linter finds nothing in`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-lint-'));
      const plan = { className: 'MadeConnector', modulePath: 'pkg/made.py', handlesExecution };
      const files = [
        { path: path.join(dir, 'pkg/made.py'), text: connectorModule(plan) },
        { path: path.join(dir, 'pyproject.toml'), text: withEntryPoint(undefined, 'made', entryPointName(plan.className), `${moduleName(plan.modulePath)}:${plan.className}`) },
      ];
      assert.deepEqual(await analyzeFiles(files), []);
      const broken = [{ path: files[0].path, text: files[0].text.replace('def get_file', 'def fetch_file') }, files[1]];
      const expected = handlesExecution ? ['PCK002'] : [];
      assert.deepEqual((await analyzeFiles(broken)).map((d) => d.code), expected, 'the same check does flag a missing method');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it(`writes a ${handlesExecution ? 'executing' : 'inventory'} connector that real pyinfra imports and inventories`, { skip: !fs.existsSync(PYTHON) && 'no .venv: run npm run setup' }, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-'));
      fs.writeFileSync(path.join(dir, 'made.py'), connectorModule({ className: 'MadeConnector', modulePath: 'made.py', handlesExecution }));
      const script = 'import made; c = made.MadeConnector; print(c.handles_execution, list(c.make_names_data("x")))';
      const out = execFileSync(PYTHON, ['-c', script], { cwd: dir, encoding: 'utf8' });
      assert.equal(out.trim(), `${handlesExecution ? 'True' : 'False'} [('example-host', {'description': "argument: 'x'"}, ['example'])]`);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});
