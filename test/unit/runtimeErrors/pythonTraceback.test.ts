// Tracebacks from real pyinfra through the real bridge: the author's frames first, the raising line found.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Bridge } from '../../../src/core/bridge/bridge';
import { BridgeError } from '../../../src/core/bridge/protocol';
import { authorFileTest, describeStub, formatAuthorTraceback, parseTraceback, raisingFrame } from '../../../src/core/runtimeErrors/pythonTraceback';
import { CONNECTOR_FIXTURES, VENV_PYTHON } from '../../support/paths';

async function detailOf(bridge: Bridge, target: string): Promise<string> {
  try {
    await bridge.inventory(target);
  } catch (error) {
    assert.ok(error instanceof BridgeError && error.detail, `a connector error with a traceback, got ${String(error)}`);
    return error.detail;
  }
  assert.fail(`${target} loaded`);
}

describe('pythonTraceback', { timeout: 120_000 }, () => {
  const bridge = new Bridge({ python: VENV_PYTHON, cwd: CONNECTOR_FIXTURES });
  after(() => bridge.dispose());
  const isAuthor = authorFileTest(CONNECTOR_FIXTURES, path.resolve(__dirname, '../../../python'));
  const raises = path.join(CONNECTOR_FIXTURES, 'raises.py');

  it('finds the raising line of the author\'s file and folds the kit\'s and pyinfra\'s frames', async () => {
    const traceback = parseTraceback(await detailOf(bridge, 'raises.py:RaisesConnector'));
    assert.ok(traceback);
    assert.equal(traceback.exception, 'ValueError: the API answered 500');
    assert.ok(traceback.frames.length > 4, 'the whole traceback was read');
    assert.deepEqual(raisingFrame(traceback, isAuthor), { file: raises, line: 8, function: '_helper', code: 'raise ValueError("the API answered 500")' });
    const text = formatAuthorTraceback(traceback, isAuthor, CONNECTOR_FIXTURES).split('\n');
    assert.deepEqual(text.slice(0, 3), [
      'ValueError: the API answered 500',
      '  at _helper (raises.py:8)  raise ValueError("the API answered 500")',
      '  at make_names_data (raises.py:14)  _helper()',
    ]);
    assert.match(text[3], /^ {2}\(\d+ frames of pyinfra and pyinfra-kit folded\)$/);
    assert.equal(text.length, 4);
  });

  it('says which method a bare NotImplementedError stub is', async () => {
    const traceback = parseTraceback(await detailOf(bridge, 'raises.py:StubConnector'));
    assert.ok(traceback);
    assert.equal(describeStub(traceback, isAuthor), 'make_names_data is not implemented yet');
    assert.equal(raisingFrame(traceback, isAuthor)?.file, raises);
  });

  it('keeps the last of chained exceptions and leaves packages out of the author\'s files', () => {
    const traceback = parseTraceback([
      'Traceback (most recent call last):',
      '  File "/ws/a.py", line 1, in first',
      'KeyError: 1',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/ws/b.py", line 2, in second',
      '    raise TypeError("x")',
      '  File "/ws/.venv/lib/python3.11/site-packages/pkg/m.py", line 3, in inner',
      'TypeError: x',
    ].join('\n'));
    assert.ok(traceback);
    assert.equal(traceback.frames.length, 2);
    assert.equal(describeStub(traceback, authorFileTest('/ws')), undefined, 'a TypeError is no stub');
    assert.equal(raisingFrame(traceback, authorFileTest('/ws'))?.file, '/ws/b.py');
    assert.equal(parseTraceback('no traceback here'), undefined);
  });
});
