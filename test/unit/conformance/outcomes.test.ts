import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { junitReport } from '../../../src/core/conformance/formats';
import { onlyGlobs, outcomesByCheck, problemMessage } from '../../../src/core/conformance/outcomes';
import type { CheckResult } from '../../../src/core/conformance/results';

const result = (host: string | null, check: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult =>
  ({ target: 't', host, check, status, message: `${check} on ${host}`, durationMs: 10, ...extra });

describe('conformance outcomes (one per check, as the Test Explorer shows it)', () => {
  it('a failure or error on any host wins; skipped everywhere is skipped; problems name their hosts', () => {
    const outcomes = outcomesByCheck([
      result('a', 'run.env', 'pass'), result('b', 'run.env', 'fail'),
      result('a', 'run.sudo', 'skip'), result('b', 'run.sudo', 'skip'),
      result('a', 'get.large', 'fail'), result('b', 'get.large', 'error'),
      result('a', 'run.stdin', 'skip'), result('b', 'run.stdin', 'pass'),
    ]);
    assert.deepEqual([...outcomes.values()].map((outcome) => [outcome.check, outcome.status, outcome.problems.map((problem) => problem.host)]), [
      ['run.env', 'fail', ['b']], ['run.sudo', 'skip', ['a', 'b']], ['get.large', 'error', ['a', 'b']], ['run.stdin', 'pass', ['a']],
    ]);
    assert.equal(outcomes.get('run.env')?.durationMs, 20);
  });

  it('a selection becomes --only globs: a group is `group.*`, a whole target is everything', () => {
    assert.deepEqual(onlyGlobs([{ group: 'run' }, { group: 'put', check: 'put.io' }]), ['run.*', 'put.io']);
    assert.equal(onlyGlobs([{ group: 'run' }, {}]), undefined);
  });

  it('a problem\'s Test Explorer message: host and text, and a diff of JSON or of strings when the check compared values', () => {
    assert.deepEqual(problemMessage(result('web-1', 'run.stderr', 'fail', { message: "stderr: expected ['to-stderr'], got []", expected: ['to-stderr'], actual: [] })), {
      message: "web-1: stderr: expected ['to-stderr'], got []", expectedOutput: '[\n  "to-stderr"\n]', actualOutput: '[]',
    });
    assert.deepEqual(problemMessage(result(null, 'run.timeout', 'fail', { message: 'too slow', expected: '<= 3 s', actual: '> 3 s' })), { message: 'too slow', expectedOutput: '<= 3 s', actualOutput: '> 3 s' });
    assert.deepEqual(problemMessage(result('h', 'fact.files.Sha256File', 'fail', { message: 'got None', expected: 'ab', actual: null })), { message: 'h: got None', expectedOutput: 'ab', actualOutput: 'null' });
    assert.deepEqual(problemMessage(result('h', 'run.stdin', 'error', { message: 'did not finish' })), { message: 'h: did not finish' });
  });

  it('JUnit: a testsuite per target with its own counts, a testcase per check and host (the host as classname, the target for target checks)', () => {
    const xml = junitReport([
      { ...result(null, 'inventory.shape', 'pass'), target: 'a.py:A' }, { ...result('h1', 'run.env', 'fail', { expected: 'x', actual: 'y' }), target: 'a.py:A' },
      { ...result('h2', 'run.sudo', 'skip'), target: '@local' }, { ...result('h2', 'get.large', 'error'), target: '@local' },
    ]);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((match) => match.slice(1));
    assert.deepEqual(suites, [['a.py:A', '2', '1', '0', '0'], ['@local', '2', '0', '1', '1']]);
    assert.deepEqual([...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)].map((match) => match.slice(1)), [
      ['a.py:A', 'inventory.shape'], ['h1', 'run.env'], ['h2', 'run.sudo'], ['h2', 'get.large'],
    ]);
    assert.match(xml, /<failure message="run.env on h1">expected: x\nactual: y<\/failure>/);
    assert.match(xml, /<skipped message="run.sudo on h2"\/>/);
    assert.match(xml, /<error message="get.large on h2">get.large on h2<\/error>/);
  });

  it('JUnit escapes markup and drops control characters XML cannot hold', () => {
    const xml = junitReport([result('h<1>', 'run.stdout', 'fail', { message: 'got "a&b"\u0001', expected: ['<x>'], actual: [] })]);
    assert.match(xml, /<testcase classname="h&lt;1&gt;" name="run.stdout" time="0.010">/);
    assert.match(xml, /<failure message="got &quot;a&amp;b&quot;\?">expected: \[\n {2}&quot;&lt;x&gt;&quot;\n\]\nactual: \[\]<\/failure>/);
    assert.match(xml, /<testsuite name="t" tests="1" failures="1" errors="0" skipped="0" time="0.010">/);
  });
});
