// pyinfra-kit test on @ssh against the real sshd the test starts; a file of its own, as the whole suite
// over SSH takes about a minute on a loaded machine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES, VENV_PYTHON } from '../../support/paths';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';
import { tempDir } from '../../support/tempDir';

/** The JUnit file read back by Python's own XML parser: per suite, its counts and testcases. */
function parseJunit(file: string): { name: string; counts: Record<string, string>; cases: { classname: string; name: string; outcome: string }[] }[] {
  const script = `
import json, sys, xml.etree.ElementTree as ET
suites = []
for suite in ET.parse(sys.argv[1]).getroot().iter("testsuite"):
    cases = [{"classname": c.get("classname"), "name": c.get("name"), "outcome": next((child.tag for child in c), "pass")} for c in suite.iter("testcase")]
    suites.append({"name": suite.get("name"), "counts": {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")}, "cases": cases})
print(json.dumps(suites))`;
  const parsed = spawnSync(VENV_PYTHON, ['-c', script, file], { encoding: 'utf8' });
  assert.equal(parsed.status, 0, parsed.stderr);
  return JSON.parse(parsed.stdout);
}

describe('pyinfra-kit test on @ssh against a real sshd', { skip: sshdUnavailable() }, () => {
  let sshd: TestSshd;
  const work = tempDir('pck-conformance-');
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    work.remove();
    await sshd.stop();
  });

  it('passes, and its JUnit file parses back: a testsuite for the target, a testcase per check and host', async () => {
    const data = [`ssh_port=${sshd.port}`, `ssh_user=${sshd.user}`, `ssh_key=${sshd.userKeyPath}`, `ssh_known_hosts_file=${sshd.knownHostsPath}`, 'ssh_strict_host_key_checking=yes', 'ssh_allow_agent=false', 'ssh_look_for_keys=false'];
    const { code, stdout, stderr } = await runCli(['test', sshd.host, '--format', 'junit', ...data.flatMap((pair) => ['--data', pair])], CONNECTOR_FIXTURES);
    const file = path.join(work.dir, 'conformance.xml');
    fs.writeFileSync(file, stdout);
    const [suite, ...others] = parseJunit(file);
    assert.deepEqual(others, []);
    assert.equal(suite.name, '127.0.0.1');
    assert.deepEqual([suite.counts.failures, suite.counts.errors], ['0', '0'], `${stdout}\n${stderr}`);
    assert.equal(code, 0);
    assert.equal(Number(suite.counts.tests), suite.cases.length);
    const hostCases = suite.cases.filter((testcase) => testcase.classname === '127.0.0.1');
    assert.ok(hostCases.some((testcase) => testcase.name === 'get.large' && testcase.outcome === 'pass'));
    assert.ok(hostCases.some((testcase) => testcase.name === 'op.idempotent' && testcase.outcome === 'pass'));
    assert.equal(new Set(suite.cases.map((testcase) => `${testcase.classname} ${testcase.name}`)).size, suite.cases.length, 'one testcase per check and host');
  });

  it("an unknown host key is refused as exec refuses it, and accepted with --accept-new-host-key (pyinfra's accept-new wrote it silently)", async () => {
    const knownHosts = path.join(work.dir, 'known_hosts');
    fs.writeFileSync(knownHosts, '');
    const data = [`ssh_port=${sshd.port}`, `ssh_user=${sshd.user}`, `ssh_key=${sshd.userKeyPath}`, `ssh_known_hosts_file=${knownHosts}`, 'ssh_allow_agent=false', 'ssh_look_for_keys=false'];
    const args = ['test', sshd.host, '--only', 'run.stdout', '--format', 'json', ...data.flatMap((pair) => ['--data', pair])];
    const refused = await runCli(args, CONNECTOR_FIXTURES);
    assert.equal(refused.code, 1, refused.stderr);
    const [result] = JSON.parse(refused.stdout) as { check: string; status: string; message: string }[];
    assert.equal(result.status, 'error');
    assert.ok(result.message.includes(`host key of [127.0.0.1]:${sshd.port} (${sshd.hostKeyFingerprint}) is not in known_hosts`), result.message);
    assert.equal(fs.readFileSync(knownHosts, 'utf8'), '');
    const accepted = await runCli([...args, '--accept-new-host-key'], CONNECTOR_FIXTURES);
    assert.equal(accepted.code, 0, accepted.stdout);
    assert.equal(fs.readFileSync(knownHosts, 'utf8').trim(), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}`);
  });
});
