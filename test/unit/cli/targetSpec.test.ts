// Target specs at the edges of the four forms: names that are no Python names, spaces around a spec,
// addresses as hostnames (python/pyinfra_kit_bridge/targets.py is held to the same cases in
// test/python/test_exit_codes_and_specs.py).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTargets } from '../../../src/cli/commands/inventory';
import { parseTargetSpec } from '../../../src/core/inventory/targetSpec';

describe('parseTargetSpec at the edges', () => {
  it('refuses a module or class that is no Python name', () => {
    for (const bad of ['x:1Class', '1pkg.mod:Conn', 'pkg..mod:Conn', 'pkg.mod:Co-nn', 'pkg.mod:', ':Conn', 'x.py:1Class', 'x.py:Conn-bad', 'x.py:Co nn', '@', '@/arg', ' \t ']) {
      assert.equal(parseTargetSpec(bad), undefined, JSON.stringify(bad));
    }
  });

  it('reads a spec without the spaces around it', () => {
    assert.deepEqual(parseTargetSpec('  @local  '), { kind: 'entry-point', spec: '@local', name: 'local', arg: undefined });
    assert.deepEqual(parseTargetSpec('\t@docker/web 1\n'), { kind: 'entry-point', spec: '@docker/web 1', name: 'docker', arg: 'web 1' });
    assert.deepEqual(parseTargetSpec(' src/x.py:Conn/a '), { kind: 'file', spec: 'src/x.py:Conn/a', path: 'src/x.py', className: 'Conn', arg: 'a' });
    assert.deepEqual(parseTargetSpec('\n_pkg.mod_2:_Conn\n'), { kind: 'module', spec: '_pkg.mod_2:_Conn', module: '_pkg.mod_2', className: '_Conn', arg: undefined });
    assert.deepEqual(parseTargetSpec('  web1 '), { kind: 'host', spec: 'web1', hostname: 'web1' });
  });

  it('keeps an argument whole, slashes and newlines included', () => {
    assert.deepEqual(parseTargetSpec('pkg:Conn/a/b\nc'), { kind: 'module', spec: 'pkg:Conn/a/b\nc', module: 'pkg', className: 'Conn', arg: 'a/b\nc' });
    assert.deepEqual(parseTargetSpec('dir.py/x.py:Conn/'), { kind: 'file', spec: 'dir.py/x.py:Conn/', path: 'dir.py/x.py', className: 'Conn', arg: '' });
    assert.deepEqual(parseTargetSpec('my dir/x.py:Conn/a b\nc'), { kind: 'file', spec: 'my dir/x.py:Conn/a b\nc', path: 'my dir/x.py', className: 'Conn', arg: 'a b\nc' });
  });

  it('takes IPv4, IPv6 and bracketed addresses as hostnames, nothing with a space or @', () => {
    for (const host of ['10.0.0.1', '::1', 'fe80::1', '[::1]', '[2001:db8::1]']) {
      assert.deepEqual(parseTargetSpec(host), { kind: 'host', spec: host, hostname: host }, host);
    }
    for (const bad of ['user@host', 'a b', 'host:22', '[::1', '[::1]:22', 'x::1', 'x[::1]', 'web:[::1]', 'a/b']) assert.equal(parseTargetSpec(bad), undefined, bad);
  });

  it('the CLI names the four forms when it cannot read one', () => {
    assert.throws(() => checkTargets(['@local', 'a b'], 'x'), { message: "cannot read target 'a b': use @name[/arg], path/to/file.py:Class[/arg], pkg.module:Class[/arg] or a hostname" });
  });
});
