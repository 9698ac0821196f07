import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorClass } from '../../../src/core/analysis/types';
import { gatherSources, targetWithArgument } from '../../../src/core/inventory/sources';

const range = { start: { line: 3, character: 6 }, end: { line: 3, character: 20 } };
const cls = (name: string, file: string, extra: Partial<ConnectorClass> = {}): ConnectorClass => ({ name, file, range, handlesExecution: true, isBase: false, ...extra });

describe('gatherSources', () => {
  it('lists workspace classes by relative file target, skipping bases', () => {
    const sources = gatherSources('/ws', [cls('DemoConnector', '/ws/connectors/demo.py', { entryPointName: 'demo' }), cls('Base', '/ws/base.py', { isBase: true })], [], []);
    assert.deepEqual(sources.map((s) => [s.label, s.target, s.entryPointName]), [['DemoConnector', 'connectors/demo.py:DemoConnector', 'demo']]);
  });

  it('sorts several workspace classes by name, then by file', () => {
    const sources = gatherSources('/ws', [
      cls('Zeta', '/ws/z.py'), cls('alpha', '/ws/b.py'), cls('Beta', '/ws/b.py'), cls('alpha', '/ws/a.py'),
    ], [], []);
    assert.deepEqual(sources.map((s) => s.target), ['a.py:alpha', 'b.py:alpha', 'b.py:Beta', 'z.py:Zeta']);
  });

  it('lists installed third-party entry points but not built-ins, broken ones, or those the workspace defines', () => {
    const sources = gatherSources('/ws', [cls('DemoConnector', '/ws/demo.py', { entryPointName: 'demo' })], [
      { name: 'local', entryPoint: 'pyinfra.connectors.local:LocalConnector', handlesExecution: true },
      { name: 'demo', entryPoint: 'demo:DemoConnector', handlesExecution: true },
      { name: 'cloud', entryPoint: 'acme.cloud:CloudConnector', handlesExecution: false },
      { name: 'broken', entryPoint: 'acme.broken:X', handlesExecution: null, error: 'ImportError' },
    ], []);
    assert.deepEqual(sources.map((s) => s.target), ['demo.py:DemoConnector', '@cloud']);
  });

  it('adds setting targets once, in order, ignoring blanks', () => {
    const sources = gatherSources('/ws', [], [], ['@local', ' ', '@docker/web', '@local']);
    assert.deepEqual(sources.map((s) => [s.kind, s.target]), [['setting', '@local'], ['setting', '@docker/web']]);
  });

  it('appends the argument after a slash', () => {
    const [source] = gatherSources('/ws', [], [], ['@demo']);
    assert.equal(targetWithArgument(source, 'web'), '@demo/web');
    assert.equal(targetWithArgument(source, undefined), '@demo');
  });
});
