import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rememberCommand } from '../../../src/core/execution/history';
import { parseKeyValues } from '../../../src/core/execution/keyValues';
import { formatOutputLine, formatSummary, terminalText } from '../../../src/core/execution/runReport';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('runReport', () => {
  it('prefixes each line with its host and colours stderr', () => {
    assert.equal(plain(formatOutputLine({ host: 'web-1', stream: 'stdout', line: 'hi' })), '[web-1] hi\r\n');
    const err = formatOutputLine({ host: 'web-1', stream: 'stderr', line: 'oops' });
    assert.match(err, /\x1b\[31moops/);
  });

  it('summarises every host and the totals', () => {
    const text = plain(formatSummary([
      { host: 'web-1', success: true, stdout: '', stderr: '', durationMs: 12 },
      { host: 'db-1', success: false, stdout: '', stderr: '', durationMs: 1500, error: 'connection refused' },
    ], 1600));
    assert.match(text, /web-1 +✔ succeeded +12 ms/);
    assert.match(text, /db-1 +✘ failed +1\.50 s +connection refused/);
    assert.match(text, /1 succeeded, 1 failed in 1\.60 s/);
    assert.ok(!/[^\r]\n/.test(text), 'every newline is \\r\\n');
  });

  it('turns newlines into terminal newlines', () => {
    assert.equal(terminalText('a\nb\r\nc'), 'a\r\nb\r\nc');
  });
});

describe('rememberCommand', () => {
  it('puts the newest first without repeats and keeps at most 20', () => {
    let history: string[] = [];
    for (let i = 0; i < 25; i++) history = rememberCommand(history, `cmd ${i}`);
    history = rememberCommand(history, 'cmd 10');
    assert.equal(history.length, 20);
    assert.equal(history[0], 'cmd 10');
    assert.equal(history.filter((c) => c === 'cmd 10').length, 1);
  });
});

describe('parseKeyValues', () => {
  it('reads pairs separated by spaces or commas, values may hold =', () => {
    assert.deepEqual(parseKeyValues('A=1, B=x=y  C='), { values: { A: '1', B: 'x=y', C: '' } });
  });

  it('names the first bad pair', () => {
    assert.deepEqual(parseKeyValues('A=1 oops'), { error: "'oops' is not KEY=VALUE" });
  });
});
