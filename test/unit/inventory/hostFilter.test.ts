import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostMatches } from '../../../src/core/inventory/hostFilter';
import { enclosingClass } from '../../../src/core/inventory/lintBadges';

const host = { name: 'web-1', groups: ['web', 'eu'], data: { role: 'frontend', port: 8080, tags: ['blue', { zone: 'B' }], ssh_password: '***' }, connector: 'x' };

describe('hostMatches', () => {
  it('matches the name, a group or a data value, ignoring case', () => {
    assert.equal(hostMatches(host, 'WEB-1'), true);
    assert.equal(hostMatches(host, 'eu'), true);
    assert.equal(hostMatches(host, 'front'), true);
    assert.equal(hostMatches(host, '8080'), true);
    assert.equal(hostMatches(host, 'zone'), false, 'keys are not values');
    assert.equal(hostMatches(host, 'b'), true, 'nested values count');
    assert.equal(hostMatches(host, 'db'), false);
    assert.equal(hostMatches(host, '  '), true, 'an empty filter keeps every host');
  });

  it('never matches a masked secret by its real value', () => {
    assert.equal(hostMatches(host, 'hunter2'), false);
  });
});

describe('enclosingClass', () => {
  it('gives a line to the last class starting at or before it', () => {
    const classes = [{ name: 'A', line: 3 }, { name: 'B', line: 20 }];
    assert.equal(enclosingClass(classes, 10)?.name, 'A');
    assert.equal(enclosingClass(classes, 20)?.name, 'B');
    assert.equal(enclosingClass(classes, 1), undefined);
  });
});
