import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Bridge } from '../../../src/core/bridge/bridge';
import type { HostKeyAcceptance, HostSelector, UnknownHostKey } from '../../../src/core/bridge/protocol';
import { withHostKeyConsent, type HostKeyAnswer } from '../../../src/core/connectors/hostKeyConsent';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES, VENV_PYTHON } from '../../support/paths';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';

// The same policy as the native path, through pyinfra's own @ssh (SSHConnector, paramiko)
describe('host keys through pyinfra @ssh against a real sshd', { skip: sshdUnavailable(), timeout: 120_000 }, () => {
  let sshd: TestSshd;
  let bridge: Bridge;
  let fingerprint: string;
  let files = 0;
  const knownHosts = (text = '') => {
    const file = path.join(sshd.dir, `known_hosts_${files++}`);
    fs.writeFileSync(file, text);
    return file;
  };
  const data = (known: string, extra: Record<string, string> = {}) => ({
    ssh_port: String(sshd.port),
    ssh_user: sshd.user,
    ssh_key: sshd.userKeyPath,
    ssh_known_hosts_file: known,
    ssh_allow_agent: 'false',
    ssh_look_for_keys: 'false',
    ...extra,
  });
  before(async () => {
    sshd = await startSshd();
    bridge = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES });
    const blob = Buffer.from(sshd.hostPublicKey.split(' ')[1], 'base64');
    fingerprint = `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  });
  after(async () => {
    bridge.dispose();
    await sshd.stop();
  });

  it('refuses a key known_hosts does not list, naming its type and fingerprint, and writes nothing', async () => {
    const known = knownHosts();
    const [refused] = await bridge.run([{ target: sshd.host }], 'true', { data: data(known) });
    assert.equal(refused.success, false);
    assert.deepEqual(refused.hostKey, { host: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', fingerprint, target: sshd.host });
    assert.ok(refused.error?.includes(fingerprint), refused.error);
    assert.equal(fs.readFileSync(known, 'utf8'), '');
  });

  it('"accept once" connects with that fingerprint only and remembers nothing', async () => {
    const known = knownHosts();
    const [other] = await bridge.run([{ target: sshd.host }], 'true', { data: data(known), hostKeys: { accept: [{ fingerprint: 'SHA256:not-this-one', remember: false }] } });
    assert.equal(other.hostKey?.fingerprint, fingerprint);
    const [once] = await bridge.run([{ target: sshd.host }], 'echo once', { data: data(known), hostKeys: { accept: [{ fingerprint, remember: false }] } });
    assert.equal(once.stdout, 'once', JSON.stringify(once));
    assert.equal(fs.readFileSync(known, 'utf8'), '');
    const [again] = await bridge.run([{ target: sshd.host }], 'true', { data: data(known) });
    assert.equal(again.hostKey?.fingerprint, fingerprint);
  });

  it('"accept and remember" and --accept-new-host-key add the key to known_hosts; later runs need no accepting', async () => {
    const remembered = knownHosts();
    const [first] = await bridge.run([{ target: sshd.host }], 'true', { data: data(remembered), hostKeys: { accept: [{ fingerprint, remember: true }] } });
    assert.equal(first.success, true, JSON.stringify(first));
    assert.match(fs.readFileSync(remembered, 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 ${sshd.hostPublicKey.split(' ')[1].replace(/[+/]/g, '\\$&')}\\n$`));
    const [later] = await bridge.run([{ target: sshd.host }], 'true', { data: data(remembered) });
    assert.equal(later.success, true, JSON.stringify(later));

    const viaCli = knownHosts();
    const dataArgs = Object.entries(data(viaCli)).flatMap(([key, value]) => ['--data', `${key}=${value}`]);
    const refused = await runCli(['exec', sshd.host, ...dataArgs, '--', 'true'], CONNECTOR_FIXTURES);
    assert.equal(refused.code, 1);
    assert.ok(refused.stderr.includes(`check that ssh-ed25519 ${fingerprint} is the key of [127.0.0.1]:${sshd.port}, then run again with --accept-new-host-key`), refused.stderr);
    const accepted = await runCli(['exec', sshd.host, ...dataArgs, '--accept-new-host-key', '--', 'echo in'], CONNECTOR_FIXTURES);
    assert.equal(accepted.stdout, `[${sshd.host}] in\n`, accepted.stderr);
    assert.ok(fs.readFileSync(viaCli, 'utf8').includes(sshd.hostPublicKey.split(' ')[1]));
  });

  it('asks once per unknown key and runs again only the hosts whose key was accepted', async () => {
    const known = knownHosts();
    const marks = path.join(sshd.dir, 'marks');
    fs.mkdirSync(marks);
    // each run leaves a mark named for where it ran: the SSH host, or @local
    const command = `touch ${marks}/$(test -n "$SSH_CONNECTION" && echo ssh || echo local)-$$`;
    const selectors: HostSelector[] = [{ target: '@local' }, { target: sshd.host }];
    const run = (chosen: HostSelector[], hostKeys?: HostKeyAcceptance) => bridge.run(chosen, command, { data: data(known), hostKeys });
    const consent = async (answer: HostKeyAnswer) => {
      const asked: UnknownHostKey[] = [];
      const results = await withHostKeyConsent(await run(selectors), async (key) => (asked.push(key), answer), run);
      return { asked, results: results.map((r) => [r.host, r.success]) };
    };
    const declined = await consent(undefined);
    assert.deepEqual(declined.asked, [{ host: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', fingerprint, target: sshd.host }]);
    assert.deepEqual(declined.results, [['@local', true], [sshd.host, false]]);
    const once = await consent('once');
    assert.deepEqual(once.results, [['@local', true], [sshd.host, true]]);
    const ran = fs.readdirSync(marks).map((name) => name.split('-')[0]).sort();
    assert.deepEqual(ran, ['local', 'local', 'ssh']);
    assert.equal(fs.readFileSync(known, 'utf8'), '');
  });

  it('over @ssh too, output that is not UTF-8 shows escaped, later lines arrive and the exit code is kept', async () => {
    const known = knownHosts(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    const [ran] = await bridge.run([{ target: sshd.host }], "printf 'a\\377b\\n'; echo after; exit 3", { data: data(known) });
    assert.deepEqual([ran.success, ran.exitCode, ran.stdout], [false, 3, 'a\\xffb\nafter'], JSON.stringify(ran));
  });

  it('host data that sets ssh_strict_host_key_checking itself gets pyinfra\'s own behaviour', async () => {
    const known = knownHosts();
    const [own] = await bridge.run([{ target: sshd.host }], 'true', { data: data(known, { ssh_strict_host_key_checking: 'accept-new' }) });
    assert.equal(own.success, true, JSON.stringify(own));
    assert.ok(fs.readFileSync(known, 'utf8').includes(sshd.hostPublicKey.split(' ')[1]));
  });

  it('a changed key is refused before authentication, even when new keys are accepted', async () => {
    const other = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), other]);
    const changed = knownHosts(`[127.0.0.1]:${sshd.port} ssh-ed25519 ${blob.toString('base64')}\n`);
    // no key and no password: had authentication been tried, the error would be an authentication one
    const { ssh_key: _unused, ...noCredentials } = data(changed);
    const [refused] = await bridge.run([{ target: sshd.host }], 'true', { data: noCredentials, hostKeys: { acceptNew: true } });
    assert.equal(refused.success, false);
    assert.match(refused.error ?? '', /host key for 127\.0\.0\.1 does not match/i);
    assert.equal(refused.hostKey, undefined);
  });
});
