import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rememberCommand } from '../../../src/core/execution/history';
import { escapeIcons } from '../../../src/core/execution/iconLabels';
import { formatKeyValues, parseKeyValues } from '../../../src/core/execution/keyValues';
import { describeSettings, formatHeader, formatOutputLine, formatSummary, runExitCode, terminalText } from '../../../src/core/execution/runReport';

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

  it('says each failed host\'s exit code and which hosts were cancelled', () => {
    const text = plain(formatSummary([
      { host: 'web-1', success: false, stdout: '', stderr: '', durationMs: 5, exitCode: 3 },
      { host: 'web-2', success: true, stdout: '', stderr: '', durationMs: 5, exitCode: 0 },
    ], 10, ['db-1']));
    assert.match(text, /web-1 +✘ failed: exit 3/);
    assert.match(text, /web-2 +✔ succeeded +5 ms/);
    assert.match(text, /db-1 +■ cancelled/);
    assert.match(text, /Summary \(cancelled\)/);
    assert.match(text, /1 succeeded, 1 failed, 1 cancelled/);
  });

  it('shows the active options in the header, environment names without their values', () => {
    const header = plain(formatHeader('id', 'web-1', { sudo: true, sudoUser: 'app', env: { TOKEN: 's3cret' }, chdir: '/srv', timeoutSec: 5 }));
    assert.match(header, /\$ id +on web-1/);
    assert.match(header, /options: sudo -u app, env TOKEN, cd \/srv, timeout 5 s/);
    assert.ok(!header.includes('s3cret'));
    assert.equal(describeSettings({}), 'none');
  });

  it('ends a task with the command\'s exit code when the failing hosts agree', () => {
    const host = (success: boolean, exitCode?: number) => ({ host: 'h', success, stdout: '', stderr: '', durationMs: 1, exitCode });
    assert.equal(runExitCode([host(true, 0), host(true, 0)]), 0);
    assert.equal(runExitCode([host(true, 0), host(false, 3)]), 3);
    assert.equal(runExitCode([host(false, 3), host(false, 4)]), 1);
    assert.equal(runExitCode([host(false)]), 1);
    assert.equal(runExitCode([]), 1, 'a run on no host did not succeed');
    assert.equal(runExitCode([host(true, 0)], ['db-1']), 130);
  });

  it('escapes control characters in host names and errors, never in the command\'s output', () => {
    const forged = 'evil\r\n  web-1  \x1b[32m✔ succeeded';
    const summary = formatSummary([{ host: forged, success: false, stdout: '', stderr: '', durationMs: 1, error: 'boom\n  db-1  ✔ succeeded' }], 2);
    const lines = plain(summary).split('\r\n');
    assert.ok(!lines.some((line) => /^ +(web|db)-1 +✔/.test(line)), lines.join('|'));
    assert.ok(summary.includes('evil\\r\\n  web-1  \\x1b[32m✔ succeeded') && summary.includes('boom\\n  db-1'));
    assert.equal(formatOutputLine({ host: forged, stream: 'stdout', line: '\x1b[35mcolored\x1b[0m' }), `\x1b[2m[evil\\r\\n  web-1  \\x1b[32m✔ succeeded]\x1b[0m \x1b[35mcolored\x1b[0m\r\n`);
    assert.ok(!plain(formatHeader('id', forged, {})).includes('\n  web-1'));
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

describe('escapeIcons', () => {
  it('keeps $(...) in a command from being read as an icon, and the text the same to the eye', () => {
    const escaped = escapeIcons('echo $(hostname) $(id -u)');
    assert.ok(!/\$\(/.test(escaped), 'no $( left for VS Code to read as an icon');
    assert.equal(escaped.replace(/\u200b/g, ''), 'echo $(hostname) $(id -u)');
    assert.equal(escapeIcons('echo $HOME'), 'echo $HOME');
  });
});

describe('parseKeyValues', () => {
  it('formats values so that they parse back', () => {
    const values = { GREETING: 'hi there', QUOTE: "it's", PLAIN: 'a/b', EMPTY: '' };
    assert.equal(formatKeyValues({ PLAIN: 'a/b' }), 'PLAIN=a/b');
    assert.deepEqual(parseKeyValues(formatKeyValues(values)), { values });
  });


  it('reads pairs separated by spaces or commas, values may hold =', () => {
    assert.deepEqual(parseKeyValues('A=1, B=x=y  C='), { values: { A: '1', B: 'x=y', C: '' } });
  });

  it('names the first bad pair', () => {
    assert.deepEqual(parseKeyValues('A=1 oops'), { error: "'oops' is not KEY=VALUE" });
  });
});
