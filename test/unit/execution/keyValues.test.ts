import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyValues, parseArgs } from '../../../src/cli/args';
import { parseKeyValues, shellWords, splitKeyValue } from '../../../src/core/execution/keyValues';

describe('KEY=VALUE, one rule', () => {
  it('reads shell-quoted values typed on one line', () => {
    assert.deepEqual(parseKeyValues(`GREETING="hi there" NAME='a b' PATH_LIST=a\\ b DEBUG=1`), {
      values: { GREETING: 'hi there', NAME: 'a b', PATH_LIST: 'a b', DEBUG: '1' },
    });
    assert.deepEqual(parseKeyValues(`Q="say \\"hi\\", \\$HOME" EMPTY="" LIT='\\n'`), { values: { Q: 'say "hi", $HOME', EMPTY: '', LIT: '\\n' } });
    assert.deepEqual(parseKeyValues('A="x, y",B=2'), { values: { A: 'x, y', B: '2' } });
  });

  it('says which quote is not closed', () => {
    assert.deepEqual(parseKeyValues('A="open'), { error: 'a double quote is not closed' });
    assert.deepEqual(parseKeyValues("A='open"), { error: 'a single quote is not closed' });
  });

  it('splits words as sh does, quotes joined to their word', () => {
    assert.deepEqual(shellWords(`a"b c"'d'  e`), { words: ['ab cd', 'e'] });
    assert.deepEqual(shellWords('   '), { words: [] });
  });

  it('applies the same pair rule to CLI options as to typed text', () => {
    assert.deepEqual(splitKeyValue('K=a=b'), { key: 'K', value: 'a=b' });
    assert.deepEqual(splitKeyValue('=x'), { error: "'=x' is not KEY=VALUE" });
    const args = parseArgs(['--env', 'GREETING=hi there', '--env', 'B=x=y'], { usage: 'x', lists: ['--env'] });
    assert.deepEqual(keyValues(args, '--env'), { GREETING: 'hi there', B: 'x=y' });
    assert.throws(() => keyValues(parseArgs(['--env', 'oops'], { usage: 'x', lists: ['--env'] }), '--env'), /--env: 'oops' is not KEY=VALUE/);
  });
});

describe('parseArgs on util.parseArgs', () => {
  const spec = { usage: 'x', flags: ['--json'], values: ['--chdir'] };

  it('rejects short options it does not know, by name', () => {
    assert.throws(() => parseArgs(['-x'], spec), /unknown option -x/);
  });

  it('keeps a value that looks like an option, as given after its option', () => {
    assert.equal(parseArgs(['--chdir', '--json'], spec).values.get('--chdir'), '--json');
  });

  it('has no rest without --, and an empty one after a bare --', () => {
    assert.equal(parseArgs(['@a'], spec).rest, undefined);
    assert.deepEqual(parseArgs(['@a', '--'], spec).rest, []);
  });
});
