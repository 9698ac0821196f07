import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import { MASK } from '../../../src/core/secrets/masking';
import { runCli } from '../../support/cliRun';
import { CONNECTOR_FIXTURES, SYSTEM_PYTHON, VENV_PYTHON } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

const cli = (...argv: string[]) => runCli(argv, CONNECTOR_FIXTURES);

describe('pyinfra-kit inventory', () => {
  it('--json prints {name, data, groups, connector} for every host, secrets masked', async () => {
    const { code, stdout } = await cli('inventory', 'local_subclass.py:ManyLocalConnector/2', '@local', '--json', '--data', 'ssh_password=pw', '--data', 'role=web=1');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), [
      { name: 'local-0', data: { index: 0, ssh_password: '********', role: 'web=1' }, groups: ['even'], connector: 'local_subclass.py:ManyLocalConnector/2' },
      { name: 'local-1', data: { index: 1, ssh_password: '********', role: 'web=1' }, groups: ['odd'], connector: 'local_subclass.py:ManyLocalConnector/2' },
      { name: '@local', data: { ssh_password: '********', role: 'web=1' }, groups: ['@local'], connector: '@local' },
    ]);
  });

  it('--show-secrets shows them; text output lists hosts with groups and data', async () => {
    const { code, stdout } = await cli('inventory', 'weird_data.py:WeirdDataConnector', '--show-secrets');
    assert.equal(code, 0);
    assert.match(stdout, /^weird_data.py:WeirdDataConnector:\n {2}weird {2}\[odd\] {2}when=2026-11-23T20:00:00 /);
    assert.match(stdout, /ssh_password=hunter2/);
  });

  it('a failing target is one readable line on stderr, the traceback only with --verbose; exit 1', async () => {
    const plain = await cli('inventory', 'raises.py:RaisesConnector');
    assert.equal(plain.code, 1);
    assert.equal(plain.stderr, 'pyinfra-kit inventory: raises.py:RaisesConnector: ValueError: the API answered 500\n');
    const verbose = await cli('inventory', 'raises.py:RaisesConnector', '--verbose');
    assert.match(verbose.stderr, /Traceback \(most recent call last\)[\s\S]*in _helper/);
    // after the bridge's log: the line, then the traceback once, ending as Python's does
    const shown = verbose.stderr.slice(verbose.stderr.indexOf('pyinfra-kit inventory: '));
    assert.match(shown, /^pyinfra-kit inventory: raises\.py:RaisesConnector: ValueError: the API answered 500\nTraceback \(most recent call last\):\n[\s\S]*, in _helper\n {4}raise ValueError\("the API answered 500"\)\nValueError: the API answered 500\n$/);
  });

  it('with --json a failing target is a JSON line on stderr, the other targets\' hosts JSON on stdout; exit 1', async () => {
    const { code, stdout, stderr } = await cli('inventory', 'raises.py:RaisesConnector', '@local', '--json');
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout).map((host: { name: string }) => host.name), ['@local']);
    assert.deepEqual(stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line)), [
      { error: { kind: 'connector', message: 'ValueError: the API answered 500', target: 'raises.py:RaisesConnector' } },
    ]);
    const verbose = await cli('inventory', 'raises.py:RaisesConnector', '--json', '--verbose');
    const last = JSON.parse(verbose.stderr.trimEnd().split('\n').pop()!);
    assert.match(last.error.detail, /Traceback \(most recent call last\)[\s\S]*in _helper/);
    const exec = await cli('exec', 'raises.py:RaisesConnector', '--json', '--', 'true');
    assert.equal(exec.code, 1);
    assert.equal(exec.stdout, '');
    assert.equal(JSON.parse(exec.stderr).error.kind, 'connector');
  });

  it('with --json a secret of --data is scrubbed however JSON escapes it (a quote, a backslash), and every line parses', async () => {
    const secret = 'p"w\\x-9';
    const data = ['--data', `ssh_password=${secret}`];
    const runs = [
      await cli('inventory', `leaks_secrets.py:EchoesSecretsConnector/${secret}`, `raises.py:InventoryErrorConnector/${secret}`, '--json', ...data),
      await cli('exec', `raises.py:InventoryErrorConnector/${secret}`, '--json', ...data, '--', 'true'),
      await cli('test', `raises.py:InventoryErrorConnector/${secret}`, '--format', 'json', '--only', 'inventory.shape', ...data),
    ];
    for (const { stdout, stderr } of runs) {
      const shown = [...(stdout ? [JSON.parse(stdout)] : []), ...stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line))];
      assert.ok(shown.length > 0);
      const text = JSON.stringify(shown);
      assert.ok(!text.includes('p\\"w') && !text.includes('w\\\\x'), text);
      assert.ok(text.includes(`InventoryErrorConnector/${MASK}`), text);
    }
    assert.equal(JSON.parse(runs[0].stdout)[0].connector, `leaks_secrets.py:EchoesSecretsConnector/${MASK}`);
  });

  it('--timeout stops a connector that never returns', async () => {
    // a fraction of a second, with room for the file's import (under the same deadline) on a loaded machine
    const { code, stderr } = await cli('inventory', 'slow.py:SleepsConnector', '--timeout', '2.5');
    assert.equal(code, 1);
    assert.equal(stderr, 'pyinfra-kit inventory: make_names_data of slow.py:SleepsConnector did not finish within 2.5 s; its worker process was stopped and starts again on the next call\n');
  });

  it('a timed-out target does not fail the next one, and each error line names its target', async () => {
    const { code, stdout, stderr } = await cli('inventory', 'slow.py:SleepsConnector', '@local', 'raises.py:RaisesConnector', '--timeout', '1');
    assert.equal(code, 1);
    assert.equal(stdout, '@local:\n  @local  [@local]\n@local: 1 host\n');
    assert.deepEqual(stderr.trimEnd().split('\n'), [
      'pyinfra-kit inventory: make_names_data of slow.py:SleepsConnector did not finish within 1 s; its worker process was stopped and starts again on the next call',
      'pyinfra-kit inventory: raises.py:RaisesConnector: ValueError: the API answered 500',
    ]);
  });

  it('bad usage exits 2: no target, unreadable target, unknown connector, bad --data', async () => {
    for (const argv of [['inventory'], ['inventory', 'not a target'], ['inventory', '@nope'], ['inventory', '@local', '--data', 'novalue'], ['inventory', '@local', '--frobnicate']]) {
      const { code, stderr } = await cli(...argv);
      assert.equal(code, 2, `${argv.join(' ')}: ${stderr}`);
      assert.match(stderr, /^pyinfra-kit inventory: /);
    }
  });
});

describe('pyinfra-kit exec', () => {
  it('prefixes lines with [host], keeps stderr apart, exits 0 when every host succeeded', async () => {
    const { code, stdout, stderr } = await cli('exec', 'local_subclass.py:ManyLocalConnector/2', '--', 'echo', 'out-$((6*7));', 'echo', 'err', '>&2');
    assert.equal(code, 0);
    assert.deepEqual(stdout.split('\n').filter(Boolean).sort(), ['[local-0] out-42', '[local-1] out-42']);
    assert.deepEqual(stderr.split('\n').filter(Boolean).sort(), ['[local-0] err', '[local-1] err']);
  });

  it('exits 1 when any host fails; --json prints {host, success, stdout, stderr, durationMs, exitCode}', async () => {
    const { code, stdout } = await cli('exec', '@local', 'run_faults.py:ConnectFailsConnector', '--json', '--env', 'WHO=kit', '--', 'echo $WHO');
    assert.equal(code, 1);
    const results = JSON.parse(stdout);
    assert.deepEqual(Object.keys(results[0]), ['host', 'success', 'stdout', 'stderr', 'durationMs', 'exitCode']);
    assert.deepEqual(results.map((r: { host: string; success: boolean; stdout: string }) => [r.host, r.success, r.stdout]), [['@local', true, 'kit'], ['unreachable', false, '']]);
    assert.equal(results[1].error, 'Could not reach unreachable: connection refused');
  });

  it('a host that could not run says why on stderr', async () => {
    const { code, stderr } = await cli('exec', 'run_faults.py:ConnectFailsConnector', '--', 'true');
    assert.equal(code, 1);
    assert.equal(stderr, '[unreachable] error: Could not reach unreachable: connection refused\n');
  });

  it('passes --chdir, --timeout and --parallel through', async () => {
    const chdir = await cli('exec', '@local', '--chdir', '/tmp', '--', 'pwd');
    assert.deepEqual([chdir.code, chdir.stdout], [0, '[@local] /tmp\n']);
    const timedOut = await cli('exec', '@local', '--timeout', '1', '--json', '--', 'sleep 5');
    assert.equal(timedOut.code, 1);
    const [slow] = JSON.parse(timedOut.stdout);
    assert.equal(slow.success, false);
    assert.match(slow.error, /^TimeoutError/);
    // one host at a time: each counts the marks the hosts before it left, then leaves its own
    const marks = tempDir('pck-parallel-');
    try {
      const script = `seen=$(ls ${marks.dir} | wc -l); sleep 0.3; touch ${marks.dir}/$$; echo seen=$seen`;
      const oneAtATime = await cli('exec', 'local_subclass.py:ManyLocalConnector/2', '--parallel', '1', '--', script);
      assert.equal(oneAtATime.code, 0, oneAtATime.stderr);
      assert.deepEqual(oneAtATime.stdout.split('\n').filter(Boolean).map((line) => line.replace(/^\[local-\d\] /, '')).sort(), ['seen=0', 'seen=1']);
    } finally {
      marks.remove();
    }
  });

  it('scrubs --data secrets from what it prints, takes --python, and --verbose shows the bridge\'s log', async () => {
    const { code, stdout, stderr } = await cli('exec', '@local', '--data', 'api_token=s3cr3t-value', '--python', VENV_PYTHON, '--verbose', '--', 'echo s3cr3t-value');
    assert.equal(code, 0, stderr);
    assert.equal(stdout, '[@local] ********\n');
    assert.match(stderr, /^\[bridge\] Python bridge started: pid \d+/m);
    assert.ok(!stderr.includes('s3cr3t-value'), stderr);
  });

  it('--sudo and --sudo-user reach pyinfra as _sudo and _sudo_user', async () => {
    // RecordsArgumentsConnector prints the connector arguments pyinfra gave its run_shell_command
    const recorded = async (...flags: string[]) => {
      const { code, stdout } = await cli('exec', 'run_faults.py:RecordsArgumentsConnector', ...flags, '--', 'true');
      const { _sudo, _sudo_user } = JSON.parse(stdout.replace(/^\[recorder\] /, ''));
      return { code, _sudo, _sudo_user };
    };
    assert.deepEqual(await recorded(), { code: 0, _sudo: false, _sudo_user: null });
    assert.deepEqual(await recorded('--sudo'), { code: 0, _sudo: true, _sudo_user: null });
    assert.deepEqual(await recorded('--sudo-user', 'nobody'), { code: 0, _sudo: true, _sudo_user: 'nobody' });
  });

  it('holds its SIGINT and SIGTERM handlers only while it runs', async () => {
    const handlers = () => ['SIGINT', 'SIGTERM'].map((signal) => process.listenerCount(signal));
    const before = handlers();
    let during: number[] = [];
    const code = await main(['exec', '@local', '--', 'echo running'], {
      stdout: () => (during = handlers()), stderr: () => undefined, cwd: CONNECTOR_FIXTURES, env: { PYINFRA_KIT_PYTHON: VENV_PYTHON },
    });
    assert.deepEqual({ code, during, after: handlers() }, { code: 0, during: before.map((n) => n + 1), after: before });
  });

  it('--verbose shows a connector\'s last line of output, also one without a trailing newline', async () => {
    const workspace = tempDir('pck-noeol-');
    try {
      fs.writeFileSync(path.join(workspace.dir, 'noeol.py'), [
        'import sys',
        'from pyinfra.connectors.local import LocalConnector',
        'class NoNewline(LocalConnector):',
        '    handles_execution = True',
        '    @staticmethod',
        '    def make_names_data(name=None):',
        '        print("a whole line")',
        '        sys.stdout.write("the last line, without a newline")',
        '        yield "only", {}, []',
        '',
      ].join('\n'));
      for (const argv of [['inventory', 'noeol.py:NoNewline', '--verbose'], ['exec', 'noeol.py:NoNewline', '--verbose', '--', 'true']]) {
        const { code, stderr } = await runCli(argv, workspace.dir);
        assert.equal(code, 0, stderr);
        assert.match(stderr, /^\[bridge\] a whole line\n\[bridge\] the last line, without a newline\n/m, argv.join(' '));
      }
    } finally {
      workspace.remove();
    }
  });

  it('a target with no hosts ran nothing: exit 1', async () => {
    const { code, stdout } = await cli('exec', 'local_subclass.py:ManyLocalConnector/0', '--', 'true');
    assert.deepEqual([code, stdout], [1, '']);
  });

  it('bad usage exits 2', async () => {
    for (const argv of [['exec', '@local'], ['exec', '@local', '--'], ['exec', '--', 'true'], ['exec', '@local', '--parallel', '0', '--', 'true'], ['exec', '@local', '--timeout', 'soon', '--', 'true'],
      ['exec', '@local', '--timeout', '1.5', '--', 'true'], ['exec', '@local', '--parallel', '1.5', '--', 'true']]) {
      const { code } = await cli(...argv);
      assert.equal(code, 2, argv.join(' '));
    }
  });

  it('--python names the interpreter; what the bridge refuses is one line naming exec', async () => {
    const missing = await cli('exec', '@local', '--python', '/nonexistent/python', '--', 'true');
    assert.deepEqual([missing.code, missing.stderr], [1, "pyinfra-kit exec: Cannot start the Python interpreter '/nonexistent/python': not found\n"]);
    const unknown = await cli('exec', '@nope', '--', 'true');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^pyinfra-kit exec: No connector named @nope is installed \(installed: [^)]*@local[^)]*\)\n$/);
  });

  it('an error that is not the bridge\'s (here, stdout gone) reaches main: its message, and its stack with --verbose, as JSON with --json', async () => {
    let stderr = '';
    const code = await main(['exec', '@local', '--json', '--verbose', '--', 'true'], {
      stdout: () => {
        throw new Error('stdout is gone');
      },
      stderr: (text) => (stderr += text), cwd: CONNECTOR_FIXTURES, env: { PYINFRA_KIT_PYTHON: VENV_PYTHON },
    });
    assert.equal(code, 1);
    const errorLines = stderr.split('\n').filter((line) => line.startsWith('{'));
    assert.equal(errorLines.length, 1, stderr);
    const { error } = JSON.parse(errorLines[0]);
    assert.equal(error.kind, 'internal');
    assert.equal(error.message, 'stdout is gone');
    assert.match(error.detail, /^Error: stdout is gone\n {4}at /);
  });

  it('bad usage says what is missing, with the usage', async () => {
    const usage = 'exec TARGET... [--json] [--sudo] [--sudo-user U] [--env K=V]... [--chdir DIR] [--timeout S] [--parallel N] [--data K=V]... [--accept-new-host-key] -- COMMAND...';
    for (const argv of [['exec', '@local'], ['exec', '@local', '--']]) {
      assert.equal((await cli(...argv)).stderr, `pyinfra-kit exec: no command given after '--'; usage: ${usage}\n`, argv.join(' '));
    }
    assert.equal((await cli('exec', '--', 'true')).stderr, `pyinfra-kit exec: no target given; usage: ${usage}\n`);
  });
});

describe('pyinfra-kit put and get', () => {
  const temp = tempDir('pck-cli-');
  after(() => temp.remove());

  it('round-trips a binary file; a failed get leaves no file and exits 1', async () => {
    const source = path.join(temp.dir, 'source.bin');
    fs.writeFileSync(source, crypto.randomBytes(300 * 1024));
    const put = await cli('put', 'local_subclass.py:ManyLocalConnector/1', source, path.join(temp.dir, 'remote.bin'));
    assert.equal(put.code, 0, put.stderr);
    assert.equal(put.stdout, `[local-0] uploaded ${source} -> ${path.join(temp.dir, 'remote.bin')}\n`);
    const got = await cli('get', '@local', path.join(temp.dir, 'remote.bin'), path.join(temp.dir, 'back.bin'));
    assert.equal(got.code, 0, got.stderr);
    assert.ok(fs.readFileSync(path.join(temp.dir, 'back.bin')).equals(fs.readFileSync(source)));
    const failed = await cli('get', '@local', path.join(temp.dir, 'missing.bin'), path.join(temp.dir, 'copy.bin'));
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^\[@local\] error: OSError: cp: cannot stat/);
    assert.deepEqual(fs.readdirSync(temp.dir).sort(), ['back.bin', 'remote.bin', 'source.bin']);
  });

  it('get --timeout ends a target that never answers: exit 1', async () => {
    const { code, stderr } = await cli('get', 'slow.py:SleepsConnector', path.join(temp.dir, 'remote.bin'), path.join(temp.dir, 'never.bin'), '--timeout', '2.5');
    assert.equal(code, 1);
    assert.equal(stderr, 'pyinfra-kit get: make_names_data of slow.py:SleepsConnector did not finish within 2.5 s; its worker process was stopped and starts again on the next call\n');
  });

  it('takes exactly three arguments', async () => {
    assert.equal((await cli('put', '@local', 'a')).code, 2);
    assert.equal((await cli('get', '@local', 'a', 'b', 'c')).code, 2);
  });
});

describe('pyinfra-kit connectors and check', () => {
  it('connectors --json lists the built-ins', async () => {
    const { code, stdout } = await cli('connectors', '--json');
    assert.equal(code, 0);
    assert.ok(JSON.parse(stdout).some((c: { name: string; entryPoint: string }) => c.name === 'local' && c.entryPoint === 'pyinfra.connectors.local:LocalConnector'));
  });

  it('check prints the interpreter and pyinfra and exits 0 when the bridge starts', async () => {
    const { code, stdout } = await cli('check', '--python', VENV_PYTHON);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^interpreter: ${VENV_PYTHON} \\(from --python\\)\\npython: +\\S+ \\(3\\.\\d+\\.\\d+\\)\\npyinfra: +3\\.\\d+\\.\\d+\\nbridge: +started in \\d+ ms`));
  });

  it('check exits 1 and says how to fix it when pyinfra is missing', { skip: !fs.existsSync(SYSTEM_PYTHON) && `${SYSTEM_PYTHON} is not on this machine` }, async () => {
    const { code, stdout, stderr } = await cli('check', '--python', SYSTEM_PYTHON);
    assert.equal(code, 1);
    assert.match(stdout, /bridge: +not usable/);
    assert.ok(stderr.includes(`${SYSTEM_PYTHON} -m pip install 'pyinfra>=3,<4'`), stderr);
  });
});
