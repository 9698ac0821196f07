// `pyinfra-kit lint`, run in-process through the same entry main.ts dispatches to.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { lint } from '../../../src/cli/commands/lint';
import { CliIo, UsageError } from '../../../src/cli/io';
import { SKIPPED_DIRECTORIES } from '../../../src/core/analysis/lintableFiles';
import { RULES } from '../../../src/core/analysis/rules/registry';
import { expectedMarkers, lintFixtures } from './corpus';

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = { stdout: (text) => { stdout += text; }, stderr: () => undefined, cwd, env: {} };
  return { code: await lint(argv, io), stdout };
}

describe('pyinfra-kit lint', () => {
  it('text format: path:line:col: severity CODE message, exit 1 on errors', async () => {
    const { code, stdout } = await run(['single/missing_methods.py'], lintFixtures());
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    // one line per `# expect:` marker of the fixture, in line order, with the path as given
    const expected = expectedMarkers([path.join(lintFixtures(), 'single', 'missing_methods.py')], lintFixtures());
    assert.deepEqual(lines.map((line) => line.replace(/^([^:]+):(\d+):\d+: \w+ (PCK\d+) .*$/, '$1:$2 $3')).sort(), expected);
    assert.match(lines[0], /^single\/missing_methods\.py:4:7: error PCK001 NoNamesConnector has no make_names_data/);
  });

  it('exit 0 when only warnings are found', async () => {
    const { code, stdout } = await run(['single/data_meta.py', 'single/good_executing.py'], lintFixtures());
    assert.equal(code, 0);
    assert.match(stdout, /: warning PCK009 /);
  });

  it('json format: 1-based fields', async () => {
    const { stdout } = await run(['--format', 'json', 'single/missing_methods.py'], lintFixtures());
    const parsed = JSON.parse(stdout);
    assert.deepEqual(Object.keys(parsed[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.deepEqual([parsed[0].line, parsed[0].column, parsed[0].endLine, parsed[0].endColumn], [4, 7, 4, 23]);
  });

  it('sarif format: SARIF 2.1.0 with rules and regions', async () => {
    const { stdout } = await run(['--format=sarif', 'project'], lintFixtures());
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.ok(results.some((r: { ruleId: string }) => r.ruleId === 'PCK007'));
    assert.deepEqual(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((rule) => rule.code));
    for (const result of results) assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(results[0].locations[0].physicalLocation.region.startLine > 0, true);
  });

  it('walks directories with the walker the language server uses, skipping environments and caches', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-walk-'));
    const broken = 'from pyinfra.connectors.base import BaseConnector\n\nclass Broken(BaseConnector):\n    pass\n';
    assert.ok(SKIPPED_DIRECTORIES.has('.tox') && SKIPPED_DIRECTORIES.has('__pycache__'));
    for (const skipped of SKIPPED_DIRECTORIES) {
      fs.mkdirSync(path.join(dir, skipped));
      fs.writeFileSync(path.join(dir, skipped, 'conn.py'), broken);
    }
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'conn.py'), broken);
    fs.writeFileSync(path.join(dir, 'notes.txt'), broken);
    const { code, stdout } = await run([], dir);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 1);
    assert.equal(stdout, `src${path.sep}conn.py:3:7: error PCK001 Broken has no make_names_data of its own or inherited: pyinfra will call `
      + 'BaseConnector.make_names_data, which returns None, and fail with TypeError (\'NoneType\' object is not iterable) when it builds the inventory\n');
  });

  it('bad usage is a UsageError (exit 2) that names the option', async () => {
    await assert.rejects(run(['--format', 'xml'], lintFixtures()), (error) => error instanceof UsageError && error.message === "--format must be one of text, json, sarif (got 'xml')");
    await assert.rejects(run(['--format'], lintFixtures()), { message: /^--format needs a value; usage: lint / });
    await assert.rejects(run(['--frobnicate'], lintFixtures()), { message: /^unknown option --frobnicate; usage: lint / });
    await assert.rejects(run(['does/not/exist'], lintFixtures()), UsageError);
  });

  it('paths after -- are paths, even when they look like options', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-dashes-'));
    fs.copyFileSync(path.join(lintFixtures(), 'single', 'missing_methods.py'), path.join(folder, '--odd.py'));
    const { code, stdout } = await run(['--format', 'json', '--', '--odd.py'], folder);
    fs.rmSync(folder, { recursive: true, force: true });
    assert.equal(code, 1);
    assert.ok(JSON.parse(stdout).length > 0, stdout);
  });
});
