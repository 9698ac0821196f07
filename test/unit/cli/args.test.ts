import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { choice, keyValues, parseArgs, positiveNumber } from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/io';
import { resolveCliInterpreter } from '../../../src/core/bridge/cliInterpreter';
import { errorLine } from '../../../src/core/bridge/cliErrors';
import { BridgeError } from '../../../src/core/bridge/protocol';
import { parseTargetSpec, type TargetSpec } from '../../../src/core/inventory/targetSpec';
import { ROOT } from '../../support/paths';
import { tempDir } from '../../support/tempDir';

const spec = { usage: 'x', flags: ['--json'], values: ['--chdir', '--parallel'], lists: ['--env'] };

describe('parseArgs', () => {
  it('reads flags, values in both spellings, repeated options and the command after --', () => {
    const parsed = parseArgs(['@a', '--json', '--chdir=/tmp', '--env', 'A=1', '--env', 'B=x=y', '@b', '--parallel', '3', '--', 'echo', '--json'], spec);
    assert.deepEqual(parsed.positional, ['@a', '@b']);
    assert.ok(parsed.flags.has('--json'));
    assert.equal(parsed.values.get('--chdir'), '/tmp');
    assert.deepEqual(keyValues(parsed, '--env'), { A: '1', B: 'x=y' });
    assert.equal(positiveNumber(parsed, '--parallel', true), 3);
    assert.deepEqual(parsed.rest, ['echo', '--json']);
  });

  it('rejects unknown options, missing values, flags with values, bad numbers and bad pairs', () => {
    assert.throws(() => parseArgs(['--nope'], spec), UsageError);
    assert.throws(() => parseArgs(['--chdir'], spec), /--chdir needs a value/);
    assert.throws(() => parseArgs(['--json=1'], spec), /takes no value/);
    assert.throws(() => positiveNumber(parseArgs(['--parallel', '1.5'], spec), '--parallel', true), /positive whole number/);
    assert.throws(() => keyValues(parseArgs(['--env', '=x'], spec), '--env'), /'=x' is not KEY=VALUE/);
  });

  it("an option followed by '--' has no value: '--' is not taken as one", () => {
    // `exec @local --chdir -- pwd` read '--' as the folder and 'pwd' as a target: "no command given after '--'"
    assert.throws(() => parseArgs(['@a', '--chdir', '--', 'pwd'], spec), { message: '--chdir needs a value; usage: x' });
    assert.throws(() => parseArgs(['@a', '--env', '--', 'true'], spec), { message: '--env needs a value; usage: x' });
    assert.equal(parseArgs(['--chdir=--', '--', 'pwd'], spec).values.get('--chdir'), '--'); // written with '=', it is the value
    assert.equal(parseArgs(['--chdir', '--json'], spec).values.get('--chdir'), '--json'); // a value that looks like an option is kept
  });

  it('numbers: fractions where no whole number is asked for, and the error names the option and the text', () => {
    assert.equal(positiveNumber(parseArgs(['--parallel', '0.5'], spec), '--parallel'), 0.5);
    assert.equal(positiveNumber(parseArgs([], spec), '--parallel'), undefined);
    assert.throws(() => positiveNumber(parseArgs(['--parallel', '0'], spec), '--parallel'), { message: "--parallel must be a positive number (got '0')" });
    assert.throws(() => positiveNumber(parseArgs(['--parallel', '2.5'], spec), '--parallel', true), { message: "--parallel must be a positive whole number (got '2.5')" });
  });

  it('a choice: the fallback when absent, one of the choices, else a usage error listing them', () => {
    const formats = ['text', 'json'] as const;
    assert.equal(choice(parseArgs([], spec), '--chdir', formats, 'text'), 'text');
    assert.equal(choice(parseArgs(['--chdir', 'json'], spec), '--chdir', formats, 'text'), 'json');
    assert.throws(() => choice(parseArgs(['--chdir', 'xml'], spec), '--chdir', formats, 'text'), { name: 'Error', message: "--chdir must be one of text, json (got 'xml')" });
    assert.throws(() => choice(parseArgs(['--chdir', 'xml'], spec), '--chdir', formats, 'text'), UsageError);
  });
});

describe('errorLine', () => {
  it('names the target first unless the message already does; other errors as they are', () => {
    assert.equal(errorLine('get', new BridgeError('connector', 'boom', undefined, '@web')), 'pyinfra-kit get: @web: boom\n');
    assert.equal(errorLine('get', new BridgeError('timeout', 'make_names_data of @web did not finish', undefined, '@web')), 'pyinfra-kit get: make_names_data of @web did not finish\n');
    assert.equal(errorLine('exec', new BridgeError('connector', 'boom')), 'pyinfra-kit exec: boom\n');
    assert.equal(errorLine('exec', new Error('plain')), 'pyinfra-kit exec: plain\n');
    assert.equal(errorLine('exec', 'a string\u001b[2J'), 'pyinfra-kit exec: a string\\x1b[2J\n');
  });
});

describe('parseTargetSpec', () => {
  const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'target-specs.json'), 'utf8')) as {
    valid: { spec: string; kind: TargetSpec['kind']; name: string; class: string | null; arg: string | null }[];
    invalid: string[];
  };
  const fields = { 'entry-point': ['name'], file: ['path', 'className'], module: ['module', 'className'], host: ['hostname'] } as const;

  it('reads the four forms as the table says, splitting the argument at the first / after the name', () => {
    for (const example of table.valid) {
      const [nameField, classField] = fields[example.kind];
      const expected: Record<string, unknown> = { kind: example.kind, spec: example.spec.trim(), [nameField]: example.name };
      if (classField) expected[classField] = example.class;
      if (example.kind !== 'host') expected.arg = example.arg ?? undefined;
      assert.deepEqual(parseTargetSpec(example.spec), expected, example.spec);
    }
  });

  it('rejects what the table rejects', () => {
    for (const bad of table.invalid) assert.equal(parseTargetSpec(bad), undefined, bad);
  });
});

describe('resolveCliInterpreter', () => {
  it('--python, then PYINFRA_KIT_PYTHON, then .venv/bin/python in the folder, then python3', () => {
    const temp = tempDir('pck-interp-');
    try {
      assert.deepEqual(resolveCliInterpreter('/opt/py', { PYINFRA_KIT_PYTHON: '/env/py' }, temp.dir), { path: '/opt/py', source: '--python' });
      assert.deepEqual(resolveCliInterpreter(undefined, { PYINFRA_KIT_PYTHON: '/env/py' }, temp.dir), { path: '/env/py', source: 'PYINFRA_KIT_PYTHON' });
      assert.deepEqual(resolveCliInterpreter(undefined, {}, temp.dir), { path: 'python3', source: 'default' });
      fs.mkdirSync(path.join(temp.dir, '.venv', 'bin'), { recursive: true });
      fs.writeFileSync(path.join(temp.dir, '.venv', 'bin', 'python'), '');
      assert.deepEqual(resolveCliInterpreter(undefined, {}, temp.dir), { path: path.join(temp.dir, '.venv', 'bin', 'python'), source: '.venv' });
    } finally {
      temp.remove();
    }
  });
});
