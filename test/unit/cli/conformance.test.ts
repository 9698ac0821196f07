import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../../src/core/conformance/results';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES, ROOT } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'conformance');

/** Failures and errors: none is allowed on @local and its subclasses, get.special-path included (pyinfra's
 * own LocalConnector.get_file passes the path to `cp` unquoted; pyinfra_compat.py quotes it). */
function failedOrErrored(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((result) => result.status === 'fail' || result.status === 'error');
}

describe('pyinfra-kit test', () => {
  it('passes on @local: every check of the issue answered, none failed, exit 0 (json)', async () => {
    const { code, stdout, stderr } = await runCli(['test', '@local', '--format', 'json'], CONNECTOR_FIXTURES);
    const results = JSON.parse(stdout) as CheckResult[];
    assert.deepEqual(failedOrErrored(results), [], stderr);
    assert.equal(code, 0);
    for (const id of ['inventory.shape', 'connect.lifecycle', 'run.env', 'put.large', 'get.missing', 'get.special-path', 'fact.files.Sha256File', 'op.idempotent']) {
      assert.ok(results.some((result) => result.check === id && result.status === 'pass'), `${id} did not pass`);
    }
    for (const result of results) assert.deepEqual(Object.keys(result).filter((key) => !['expected', 'actual'].includes(key)), ['target', 'host', 'check', 'status', 'message', 'durationMs']);
    assert.ok(results.filter((result) => result.status === 'skip').every((result) => result.message.length > 0), 'a skip says why');
  });

  it('passes on a workspace subclass of LocalConnector, two hosts in parallel (text: table and summary line)', async () => {
    const { code, stdout } = await runCli(['test', 'local_subclass.py:ManyLocalConnector/2', '--format', 'json'], CONNECTOR_FIXTURES);
    const results = JSON.parse(stdout) as CheckResult[];
    assert.deepEqual(failedOrErrored(results), []);
    assert.equal(code, 0);
    assert.deepEqual([...new Set(results.map((result) => result.host))], [null, 'local-0', 'local-1']);
    const text = await runCli(['test', 'local_subclass.py:ManyLocalConnector/2', '--only', 'inventory.shape', '--only', 'op.*'], CONNECTOR_FIXTURES);
    assert.equal(text.code, 0, text.stdout);
    assert.match(text.stdout, /^local_subclass\.py:ManyLocalConnector\/2\n {2}PASS +inventory\.shape +\(target\) +2 hosts\n/);
    assert.match(text.stdout, /PASS +op\.idempotent +local-1 +files\.directory, files\.line, files\.put\n/);
    assert.match(text.stdout, /\n11 passed, 0 failed, 0 skipped, 0 errors in \d+\.\d s\n$/);
  });

  it('a broken connector fails the check it breaks with expected and actual, exit 1', async () => {
    const { code, stdout } = await runCli(['test', 'merged_stderr.py:MergedStderrConnector', '--only', 'run.std*', '--format', 'json'], CORPUS);
    assert.equal(code, 1);
    const results = JSON.parse(stdout) as CheckResult[];
    assert.deepEqual(results.map((result) => [result.check, result.status]), [['run.stdout', 'pass'], ['run.stderr', 'fail'], ['run.stdin', 'pass']]);
    const stderrCheck = results[1];
    assert.deepEqual([stderrCheck.expected, stderrCheck.actual], [['to-stderr'], []]);
    const text = await runCli(['test', 'merged_stderr.py:MergedStderrConnector', '--only', 'run.stderr'], CORPUS);
    assert.match(text.stdout, /FAIL +run\.stderr +good-local +stderr: expected \['to-stderr'\], got \[\]\n {6}expected: \[ "to-stderr" \]\n {6}actual: {3}\[\]\n/);
  });

  it('a target whose class cannot load is an error row (exit 1), the other targets still run', async () => {
    const { code, stdout, stderr } = await runCli(['test', 'raises.py:NoSuchClass', '@local', '--only', 'inventory.shape', '--format', 'json'], CONNECTOR_FIXTURES);
    assert.equal(code, 1);
    const results = JSON.parse(stdout) as CheckResult[];
    assert.deepEqual(results.map((result) => [result.target, result.check, result.status]), [['raises.py:NoSuchClass', 'target.load', 'error'], ['@local', 'inventory.shape', 'pass']]);
    assert.match(stderr, /NoSuchClass/);
  });

  it('json carries the traceback where the connector raised, as --verbose shows it: in a check, and loading the target', async () => {
    const login = await runCli(['test', 'leaks_secrets.py:LoginFailsConnector', '--only', 'connect.lifecycle', '--format', 'json'], CONNECTOR_FIXTURES);
    const [raised] = JSON.parse(login.stdout) as CheckResult[];
    assert.deepEqual([raised.check, raised.status], ['connect.lifecycle', 'fail']);
    assert.match(raised.traceback ?? '', /^Traceback \(most recent call last\):\n[\s\S]*, in connect\n[\s\S]*\nRuntimeError: login failed for bob with password \*{8} \(pin \*{8}, url postgres:\/\/bob:\*{8}@db\/app\)\n$/);
    for (const secret of ['hunter2-PW', '987654', 'url-pw-77']) assert.ok(!login.stdout.includes(secret), `${secret} in ${login.stdout}`);
    const workspace = tempDir('pck-test-traceback-');
    try {
      fs.writeFileSync(path.join(workspace.dir, 'broken_import.py'), 'def _read_config():\n    raise RuntimeError("no config file")\n\n\n_read_config()\n');
      const load = await runCli(['test', 'broken_import.py:Broken', '--format', 'json'], workspace.dir);
      const [row] = JSON.parse(load.stdout) as CheckResult[];
      assert.deepEqual([row.check, row.status, row.message], ['target.load', 'error', 'RuntimeError: no config file']);
      assert.match(row.traceback ?? '', /broken_import\.py", line 2, in _read_config\n {4}raise RuntimeError\("no config file"\)\nRuntimeError: no config file\n$/);
    } finally {
      workspace.remove();
    }
  });

  it('--timeout bounds every connector call of a check: a CPU loop in run_shell_command is that check\'s error, the others pass', async () => {
    const target = 'stalls_in_checks.py:Stalls/spin';
    const { code, stdout } = await runCli(['test', target, '--only', 'run.stdout', '--only', 'run.stdin', '--only', 'run.stderr', '--timeout', '1', '--format', 'json'], CONNECTOR_FIXTURES);
    assert.equal(code, 1);
    const results = JSON.parse(stdout) as CheckResult[];
    assert.deepEqual(results.map((result) => [result.check, result.status]), [['run.stdout', 'pass'], ['run.stderr', 'pass'], ['run.stdin', 'error']]);
    // what is left of the check's 1 s, to a tenth: 0.9 s when a loaded machine took 50 ms to reach the call
    assert.match(results[2].message, /^run_shell_command of stalls_in_checks\.py:Stalls\/spin on stalls did not finish within (1|0\.\d) s: it kept the CPU without yielding/);
  });

  it('bad usage exits 2 and says why', async () => {
    assert.equal((await runCli(['test'], CORPUS)).code, 2);
    const format = await runCli(['test', '@local', '--format', 'xml'], CORPUS);
    assert.deepEqual([format.code, format.stderr], [2, "pyinfra-kit test: --format must be one of text, json, junit (got 'xml')\n"]);
    const timeout = await runCli(['test', '@local', '--timeout', '0'], CORPUS);
    assert.deepEqual([timeout.code, timeout.stderr], [2, "pyinfra-kit test: --timeout must be a positive number (got '0')\n"]);
    const only = await runCli(['test', '@local', '--only', 'no.such.*'], CORPUS);
    assert.deepEqual([only.code, only.stderr], [2, 'pyinfra-kit test: no check matches --only no.such.*\n']);
  });
});
