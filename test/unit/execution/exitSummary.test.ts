import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary } from '../../../src/core/execution/runReport';

const plain = (text: string) => text.replace(/\x1b\[\d+m/g, '');

describe('run summary in the terminal', () => {
  it('says the exit code of a host that failed with one', () => {
    const summary = plain(
      formatSummary(
        [
          { host: 'web', success: false, stdout: '', stderr: '', durationMs: 5, exitCode: 3 },
          { host: 'db', success: true, stdout: '', stderr: '', durationMs: 5, exitCode: 0 },
          { host: 'gone', success: false, stdout: '', stderr: '', durationMs: 5, error: 'Could not connect' },
        ],
        20,
      ),
    );
    assert.match(summary, /^ {2}web {3}✘ failed: exit 3 {2}5 ms\r?$/m);
    assert.match(summary, /^ {2}db {4}✔ succeeded {2}5 ms\r?$/m);
    assert.match(summary, /^ {2}gone {2}✘ failed {2}5 ms {2}Could not connect\r?$/m);
  });
});
