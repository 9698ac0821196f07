import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { DoctorReport } from '../../../src/core/doctor/doctor';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES, SYSTEM_PYTHON, VENV_PYTHON } from '../../support/paths';

// a fake installed distribution with one good and one broken pyinfra.connectors entry point
const SITE = path.join(CONNECTOR_FIXTURES, 'site');
const withSite = { PYINFRA_KIT_PYTHON: VENV_PYTHON, PYTHONPATH: SITE };

describe('pyinfra-kit doctor', () => {
  it('names the broken entry point and its error, loads the others alone; exit 1 (--json)', async () => {
    const { code, stdout } = await runCli(['doctor', '--json'], CONNECTOR_FIXTURES, withSite);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as DoctorReport;
    const byName = new Map(report.connectors.map((connector) => [connector.name, connector]));
    assert.equal(byName.get('kitbroken')?.error, 'ImportError: kit_fixture_broken needs a library that is not installed');
    assert.deepEqual([byName.get('kitfixture')?.handlesExecution, byName.get('local')?.handlesExecution, byName.get('ssh')?.error], [false, true, undefined]);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0], /^the entry point @kitbroken \(kit_fixture_broken:BrokenConnector\) cannot be loaded/);
    assert.deepEqual(report.packages.map((item) => item.name), ['pyinfra', 'gevent', 'debugpy']);
    assert.match(report.packages[0].version ?? '', /^3\./);
  });

  it('what it claims is what pyinfra does: its own get_all_connectors fails on that one entry point', () => {
    const pyinfra = spawnSync(VENV_PYTHON, ['-c', 'from pyinfra.api.connectors import get_all_connectors; get_all_connectors()'], {
      env: { ...process.env, PYTHONPATH: SITE },
      encoding: 'utf8',
    });
    assert.notEqual(pyinfra.status, 0);
    assert.match(pyinfra.stderr, /ImportError: kit_fixture_broken needs a library that is not installed/);
  });

  it('a healthy interpreter: versions, every entry point ok, "no problems found"; exit 0 (text)', async () => {
    const { code, stdout } = await runCli(['doctor'], CONNECTOR_FIXTURES, { PYINFRA_KIT_PYTHON: VENV_PYTHON, PYTHONPATH: '' });
    assert.equal(code, 0, stdout);
    assert.match(stdout, new RegExp(`^interpreter {2}${VENV_PYTHON.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Python 3\\.\\d+\\.\\d+, from PYINFRA_KIT_PYTHON\\)\npyinfra {6}3\\.`));
    assert.match(stdout, /\n {2}ok {6}@local +pyinfra\.connectors\.local:LocalConnector \(pyinfra\)\n/);
    assert.doesNotMatch(stdout, /BROKEN/);
    assert.match(stdout, /\nno problems found\n$/);
  });

  it('an interpreter without pyinfra says how to install it; exit 1', async () => {
    const { code, stdout } = await runCli(['doctor', '--python', SYSTEM_PYTHON], CONNECTOR_FIXTURES, {});
    assert.equal(code, 1);
    assert.match(stdout, /^pyinfra {6}not installed/m);
    assert.match(stdout, new RegExp(`pyinfra is not installed for ${SYSTEM_PYTHON}: ${SYSTEM_PYTHON} -m pip install 'pyinfra>=3,<4'`));
  });

  it('an interpreter that cannot start is one line on stderr; exit 1', async () => {
    const { code, stderr } = await runCli(['doctor', '--python', '/no/such/python'], CONNECTOR_FIXTURES, {});
    assert.equal(code, 1);
    assert.equal(stderr, "pyinfra-kit doctor: Cannot start the Python interpreter '/no/such/python': spawn /no/such/python ENOENT\n");
    const json = await runCli(['doctor', '--json', '--python', '/no/such/python'], CONNECTOR_FIXTURES, {});
    assert.equal(json.code, 1);
    assert.equal(json.stdout, '');
    assert.deepEqual(JSON.parse(json.stderr), { error: { kind: 'internal', message: "Cannot start the Python interpreter '/no/such/python': spawn /no/such/python ENOENT" } });
  });
});
