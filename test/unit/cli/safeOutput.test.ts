import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { printable, printableLines } from '../../../src/core/execution/printable';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

const cli = (...argv: string[]) => runCli(argv, CONNECTOR_FIXTURES);

describe('printable', () => {
  it('escapes C0, DEL and C1 controls, keeps tabs and everything else', () => {
    assert.equal(printable('a\nb\rc\x1b[31md\x00e\x7ff\x9bg\th é ✓'), 'a\\nb\\rc\\x1b[31md\\x00e\\x7ff\\x9bg\th é ✓');
    assert.equal(printableLines('one\x1b\r\ntwo\n'), 'one\\x1b\ntwo\n');
  });
});

describe('pyinfra-kit text mode cannot be forged', () => {
  it('inventory escapes control characters in names, groups and data', async () => {
    const { code, stdout } = await cli('inventory', 'forged_names.py:ForgedNamesConnector');
    assert.equal(code, 0);
    assert.equal(stdout, 'forged_names.py:ForgedNamesConnector:\n  real\\n  forged-host  [g\\rroup]  note=line1\\nline2 colour=\\x1b[31mred\\x1b[0m\nforged_names.py:ForgedNamesConnector: 1 host\n');
  });

  it('exec escapes them in host names and output lines; --json keeps them as JSON does', async () => {
    const text = await cli('exec', 'forged_names.py:ForgedNamesConnector', '--', "printf 'a\\033[2Jb\\rc\\n'");
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, '[real\\n  forged-host] a\\x1b[2Jb\\rc\n');
    const json = await cli('exec', 'forged_names.py:ForgedNamesConnector', '--json', '--', "printf 'a\\033[2Jb\\n'");
    assert.equal(JSON.parse(json.stdout)[0].stdout, 'a\x1b[2Jb');
  });
});

describe('pyinfra-kit exit codes', () => {
  it('a plain non-zero exit says `exit N` in text mode and exitCode in --json', async () => {
    const text = await cli('exec', '@local', '--', 'echo out; exit 3');
    assert.deepEqual([text.code, text.stdout, text.stderr], [1, '[@local] out\n', '[@local] failed: exit 3\n']);
    const json = await cli('exec', '@local', 'local_subclass.py:ManyLocalConnector/1', '--json', '--', 'exit 3');
    assert.deepEqual(JSON.parse(json.stdout).map((r: { host: string; exitCode: number }) => [r.host, r.exitCode]), [['@local', 3], ['local-0', 3]]);
    const ok = await cli('exec', '@local', '--json', '--', 'true');
    assert.equal(JSON.parse(ok.stdout)[0].exitCode, 0);
  });
});

describe('pyinfra-kit never shows a secret', () => {
  it('a connector error quoting the password is masked, --verbose traceback and bridge log too', async () => {
    for (const verbose of [[], ['--verbose']]) {
      const { code, stderr } = await cli('exec', 'leaks_secrets.py:LoginFailsConnector', ...verbose, '--', 'true');
      assert.equal(code, 1);
      assert.match(stderr, /^\[leaky\] error: RuntimeError: login failed for bob with password \*{8} \(pin \*{8}, url postgres:\/\/bob:\*{8}@db\/app\)$/m);
      if (verbose.length) assert.match(stderr, /\[bridge\] .*trying bob with \*{8}/);
      for (const secret of ['hunter2-PW', '987654', 'url-pw-77']) assert.ok(!stderr.includes(secret), `${secret} in ${stderr}`);
    }
  });

  it('--json carries the traceback of a connector that raised, as --verbose shows it, secrets masked', async () => {
    const { code, stdout } = await cli('exec', 'leaks_secrets.py:LoginFailsConnector', '--json', '--', 'true');
    assert.equal(code, 1);
    const [failed] = JSON.parse(stdout);
    assert.match(failed.traceback, /^Traceback \(most recent call last\):\n[\s\S]*, in connect\n[\s\S]*\nRuntimeError: login failed for bob with password \*{8} \(pin \*{8}, url postgres:\/\/bob:\*{8}@db\/app\)\n$/);
    for (const secret of ['hunter2-PW', '987654', 'url-pw-77']) assert.ok(!stdout.includes(secret), `${secret} in ${stdout}`);
  });

  it('--verbose shows what a connector wrote straight to file descriptors 2 and 1, secrets scrubbed', async () => {
    const { code, stderr } = await cli('exec', 'leaks_secrets.py:WritesToDescriptorsConnector', '--verbose', '--', 'true');
    assert.equal(code, 0, stderr);
    assert.match(stderr, /\[bridge\] fd2 before the yield: \*{8}$/m);
    assert.match(stderr, /\[bridge\] fd1 after the yield: \*{8}$/m);
    for (const secret of ['hunter2-PW', 'url-pw-77']) assert.ok(!stderr.includes(secret), `${secret} in ${stderr}`);
  });

  it('an integer --data secret is masked in data and scrubbed from output', async () => {
    const listed = await cli('inventory', '@local', '--data', 'ssh_password=81234', '--data', 'api_key=secret-key');
    assert.equal(listed.stdout, '@local:\n  @local  [@local]  ssh_password=******** api_key=********\n@local: 1 host\n');
    const ran = await cli('exec', '@local', '--data', 'ssh_password=81234', '--', 'echo pw=81234');
    assert.equal(ran.stdout, '[@local] pw=********\n');
    const shown = await cli('inventory', '@local', '--data', 'ssh_password=81234', '--show-secrets');
    assert.match(shown.stdout, /ssh_password=81234/);
  });
});

describe('pyinfra-kit get', () => {
  const temp = tempDir('pck-get-');
  after(() => temp.remove());

  it('into an existing folder writes the file there, with the mode the umask gives a new file', async () => {
    const remote = path.join(temp.dir, 'remote.txt');
    fs.writeFileSync(remote, 'payload', { mode: 0o600 });
    const into = path.join(temp.dir, 'into');
    fs.mkdirSync(into);
    const got = await cli('get', '@local', remote, into);
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(fs.readdirSync(into), ['remote.txt']);
    const umask = process.umask();
    assert.equal(fs.statSync(path.join(into, 'remote.txt')).mode & 0o777, 0o666 & ~umask);
  });

  it('a remote path holding a second command downloads nothing and says why', async () => {
    const local = path.join(temp.dir, 'copy.txt');
    const got = await cli('get', '@local', `${temp.dir}/nothing; true`, local);
    assert.equal(got.code, 1);
    assert.match(got.stderr, /^\[@local\] error: OSError: cp: cannot stat .*nothing; true.*No such file/);
    assert.equal(fs.existsSync(local), false);
  });
});
