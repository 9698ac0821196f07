import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../../src/core/analysis';
import { connectorModule, entryPointName, moduleName, withEntryPoint } from '../../../src/core/scaffold/connectorTemplate';

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

  it('creates pyproject.toml, adds the section, or extends the existing section', () => {
    assert.match(withEntryPoint(undefined, 'demo', 'my', 'm:My'), /\[project\.entry-points\.'pyinfra\.connectors'\]\nmy = 'm:My'\n$/);
    const added = withEntryPoint('[project]\nname = "x"\n', 'x', 'my', 'm:My');
    assert.equal(added, `[project]\nname = "x"\n\n[project.entry-points.'pyinfra.connectors']\nmy = 'm:My'\n`);
    const extended = withEntryPoint(`[project.entry-points."pyinfra.connectors"]\nold = 'o:O'\n\n[tool.x]\n`, 'x', 'my', 'm:My');
    assert.equal(extended, `[project.entry-points."pyinfra.connectors"]\nmy = 'm:My'\nold = 'o:O'\n\n[tool.x]\n`);
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
