// The CLI's own rules, run through main itself: help, unknown commands, bad usage (exit 2), an error no
// command expected (exit 1, its stack only with --verbose), and the exit code the built dist/cli.js
// process ends with.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/cli/io';
import { CommandTable, main } from '../../../src/cli/main';
import { ROOT } from '../../support/paths';

const COMMAND_NAMES = ['lint', 'connectors', 'inventory', 'exec', 'put', 'get', 'test', 'doctor', 'check'];

async function run(argv: string[], commands?: CommandTable) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), cwd: ROOT, env: {} };
  const code = await main(argv, io, commands);
  return { code, stdout, stderr };
}

const fails = (error: unknown): CommandTable => ({
  boom: { summary: 'fails: boom', load: async () => async () => { throw error; } },
});

describe('pyinfra-kit main', () => {
  it('help lists every command and exits 0; no command at all prints it and exits 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.stderr, '');
    assert.match(help.stdout, /^usage: pyinfra-kit COMMAND \[ARGS\]\n\ncommands:\n/);
    const listed = help.stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim().split(/\s+/)[0]);
    assert.deepEqual(listed, COMMAND_NAMES);
    assert.match(help.stdout, /\n {2}exec {7}exec TARGET\.\.\. \[options\] -- COMMAND\.\.\.\n/);
    for (const name of COMMAND_NAMES) assert.match(help.stdout, new RegExp(`\\n {2}${name} +${name}\\b`), `${name}'s synopsis`);
    for (const spelling of ['-h', 'help']) assert.deepEqual(await run([spelling]), help, spelling);
    assert.deepEqual(await run([]), { ...help, code: 2 });
  });

  it('an unknown command exits 2 and says so on stderr, with the usage', async () => {
    const { code, stdout, stderr } = await run(['frobnicate', '--json']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^pyinfra-kit: unknown command 'frobnicate'\nusage: pyinfra-kit COMMAND/);
  });

  it('bad usage of a real command exits 2 with the command named', async () => {
    const { code, stdout, stderr } = await run(['exec', '@local']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^pyinfra-kit exec: no command given after '--'; usage: exec TARGET/);
  });

  it('loads each command by its name', async () => {
    for (const name of COMMAND_NAMES) {
      const { code, stderr } = await run([name, '--no-such-option']);
      assert.equal(code, 2, `${name}: ${stderr}`);
      assert.match(stderr, new RegExp(`^pyinfra-kit ${name}: unknown option --no-such-option; usage: ${name}\\b`));
    }
  });

  it("a command's exit code is main's; a UsageError it throws is exit 2", async () => {
    for (const returned of [0, 1, 3]) {
      const commands: CommandTable = { ok: { summary: 'ok: ok', load: async () => async (argv) => (assert.deepEqual(argv, ['a', '--b']), returned) } };
      assert.equal((await run(['ok', 'a', '--b'], commands)).code, returned);
    }
    assert.deepEqual(await run(['boom'], fails(new UsageError('needs a target'))), { code: 2, stdout: '', stderr: 'pyinfra-kit boom: needs a target\n' });
  });

  it('an error no command expected exits 1 with its message; the stack only with --verbose', async () => {
    const error = new Error('disk on fire');
    assert.deepEqual(await run(['boom'], fails(error)), { code: 1, stdout: '', stderr: 'pyinfra-kit: disk on fire\n' });
    const verbose = await run(['boom', '--verbose'], fails(error));
    assert.equal(verbose.code, 1);
    assert.equal(verbose.stderr, `pyinfra-kit: disk on fire\n${error.stack}\n`);
    assert.deepEqual(await run(['boom', '--verbose'], fails('not an Error')), { code: 1, stdout: '', stderr: 'pyinfra-kit: not an Error\n' });
  });

  it('with --json or --format json, bad usage and an unexpected error are one JSON line on stderr, for the script reading stdout', async () => {
    const parse = (stderr: string) => {
      assert.equal(stderr.split('\n').length, 2, stderr);
      return JSON.parse(stderr);
    };
    for (const argv of [['exec', '@local', '--json'], ['test', '@local', '--format', 'json', '--bogus'], ['test', '@local', '--format=json', '--bogus']]) {
      const { code, stdout, stderr } = await run(argv);
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.equal(parse(stderr).error.kind, 'usage', stderr);
      assert.match(parse(stderr).error.message, /usage: (exec|test) TARGET/);
    }
    const error = new Error('disk on fire');
    assert.deepEqual(await run(['boom', '--json'], fails(error)), { code: 1, stdout: '', stderr: '{"error":{"kind":"internal","message":"disk on fire"}}\n' });
    assert.deepEqual(parse((await run(['boom', '--json', '--verbose'], fails(error))).stderr), { error: { kind: 'internal', message: 'disk on fire', detail: error.stack } });
    // after '--' a word belongs to the remote command, and --format's value is what asks
    for (const argv of [['boom', '--', '--json'], ['boom', '--format', 'text', 'json']]) {
      assert.equal((await run(argv, fails(error))).stderr, 'pyinfra-kit: disk on fire\n', argv.join(' '));
    }
  });

  it('an error message is made printable: a control character in an argument cannot drive the terminal', async () => {
    assert.equal((await run(['boom'], fails(new UsageError('bad \u001b[2J')))).stderr, 'pyinfra-kit boom: bad \\x1b[2J\n');
    assert.equal((await run(['boom'], fails(new Error('bad \u001b[2J')))).stderr, 'pyinfra-kit: bad \\x1b[2J\n');
  });

  it('the built dist/cli.js exits with those codes', () => {
    const cli = (...argv: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...argv], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(cli('--help').status, 0);
    assert.equal(cli().status, 2);
    assert.equal(cli('frobnicate').status, 2);
    const usage = cli('exec');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^pyinfra-kit exec: no target given/);
    const findings = cli('lint', 'test/fixtures/lint/single/missing_methods.py');
    assert.equal(findings.status, 1, findings.stderr);
    assert.match(findings.stdout, /error PCK001/);
    assert.equal(cli('lint', 'test/fixtures/lint/single/good_executing.py').status, 0);
  });
});
