import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { bridgeRequestFor, debugpyLaunchArguments, defaultUploadPath, downloadPathIn, launchFor, parseReply } from '../../../src/core/debug/launchConfig';

describe('pyinfra-connector launch configurations', () => {
  it('an inventory launch is the bridge\'s inventory request for the one target', () => {
    assert.deepEqual(bridgeRequestFor({ target: ' connectors/demo.py:DemoConnector/web ' }), {
      ok: { method: 'inventory', params: { targets: ['connectors/demo.py:DemoConnector/web'], data: {}, showSecrets: false, sources: {} } },
    });
  });

  it('run, put and get address one host when "host" is given, every host otherwise', () => {
    const run = bridgeRequestFor({ target: '@local', action: 'run', command: 'uname -a', host: '@local' });
    assert.deepEqual(run, { ok: { method: 'run', params: { selectors: [{ target: '@local', hosts: ['@local'] }], command: 'uname -a', options: {}, sources: {} } } });
    const put = bridgeRequestFor({ target: '@demo', action: 'put', local: 'a.txt', remote: '/tmp/a.txt' });
    assert.deepEqual(put, { ok: { method: 'put', params: { selector: { target: '@demo' }, local: 'a.txt', remote: '/tmp/a.txt', options: {} } } });
  });

  it('a test launch runs the conformance suite with a check timeout long enough to sit at a breakpoint', () => {
    assert.deepEqual(bridgeRequestFor({ target: '@demo', action: 'test' }), { ok: { method: 'test', params: { target: '@demo', timeoutSec: 3600 } } });
  });

  it('says what is missing', () => {
    assert.match((bridgeRequestFor({}) as { error: string }).error, /needs "target"/);
    assert.match((bridgeRequestFor({ target: '@local', action: 'run' }) as { error: string }).error, /action "run" needs "command"/);
    assert.match((bridgeRequestFor({ target: '@local', action: 'get', remote: '/etc/hostname' }) as { error: string }).error, /action "get" needs "local"/);
    assert.match((bridgeRequestFor({ target: '@local', action: 'debug' as never }) as { error: string }).error, /one of inventory, run, put, get, test/);
  });

  it('debugpy runs the debug entry with gevent support, in the workspace, justMyCode by default', () => {
    const request = { method: 'inventory', params: { targets: ['@local'] } };
    const args = debugpyLaunchArguments({ target: '@local' }, request, { python: '/venv/bin/python', pythonDir: '/ext/python', cwd: '/ws', resultFile: '/tmp/r/reply.json' });
    assert.equal(args.program, path.join('/ext/python', 'pyinfra_kit_bridge', 'debug_entry.py'));
    assert.deepEqual(args.args, [JSON.stringify(request), '/tmp/r/reply.json']);
    assert.equal(args.gevent, true);
    assert.equal(args.justMyCode, true);
    assert.equal(args.cwd, '/ws');
    assert.deepEqual(args.rules, [{ module: 'pyinfra_kit_bridge', include: false }]);
    assert.equal(args.python, '/venv/bin/python');
    assert.equal(debugpyLaunchArguments({ target: '@local', justMyCode: false }, request, { python: 'p', pythonDir: 'd', cwd: 'c', resultFile: 'r' }).justMyCode, false);
  });

  it('offers /tmp and the file\'s name for an upload, and a fresh file in the temporary folder for a download', () => {
    assert.equal(defaultUploadPath('/ws/connectors/demo.py'), '/tmp/demo.py');
    assert.equal(downloadPathIn('/tmp/x', '/etc/hostname', 42), path.join('/tmp/x', 'pyinfra-kit-debug-42-hostname'));
    assert.notEqual(downloadPathIn('/tmp/x', '/etc/hostname', 1), downloadPathIn('/tmp/x', '/etc/hostname', 2));
  });

  it('names a launch for its action, target and host', () => {
    assert.equal(launchFor('@demo', 'run', { host: 'web-1', command: 'true' }).name, 'Debug run of @demo on web-1');
  });

  it('reads the reply, and a missing or cut-off one as an error', () => {
    assert.deepEqual(parseReply('{"id": 1, "result": [1]}'), { result: [1] });
    assert.deepEqual(parseReply('{"id": 1, "error": {"kind": "connector", "message": "boom"}}'), { error: { kind: 'connector', message: 'boom' } });
    assert.equal((parseReply(undefined) as { error: { kind: string } }).error.kind, 'exited');
    assert.equal((parseReply('{"id": 1, "res') as { error: { kind: string } }).error.kind, 'malformed');
  });
});
