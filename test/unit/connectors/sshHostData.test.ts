// Reading a host's ssh_* data: pure functions, no sshd needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasSshData, reachedOverSsh, sshOptionsFromHostData } from '../../../src/core/connectors/sshHostData';

describe('SSH host data', () => {
  it('reads SSH options from host data as pyinfra does', () => {
    const web = { name: 'web', groups: [], connector: 'x', data: { ssh_hostname: '10.0.0.5', ssh_port: 2222, ssh_user: 'deploy', ssh_key: '/k', ssh_known_hosts_file: '/kh' } };
    assert.equal(hasSshData(web), true);
    assert.equal(hasSshData({ ...web, data: { role: 'db' } }), false);
    const parsed = sshOptionsFromHostData(web);
    assert.deepEqual(parsed, { name: 'web', host: '10.0.0.5', port: 2222, username: 'deploy', privateKeyPath: '/k', knownHostsFiles: ['/kh'], agent: undefined });
  });

  it('knows which hosts pyinfra reaches over SSH', () => {
    const plain = { name: 'db', groups: [], connector: 'x', data: { role: 'db', ssh_password: '***' } };
    assert.equal(reachedOverSsh(true, plain), false, 'an executing connector runs its own commands; a password alone says nothing');
    assert.equal(reachedOverSsh(null, plain), false);
    assert.equal(reachedOverSsh(false, plain), true, 'an inventory-only connector hands its hosts to SSH');
    assert.equal(reachedOverSsh(true, { ...plain, data: { ssh_hostname: 'db.internal' } }), true);
  });
});
