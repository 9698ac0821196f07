import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rules from '../../../python/pyinfra_kit_bridge/secret_rules.json';
import { printable } from '../../../src/core/execution/printable';
import { isSecretKey, MASK, maskSecrets, SecretScrubber, secretValues } from '../../../src/core/secrets/masking';

describe('secret masking (the table the Python bridge reads too)', () => {
  it('treats every secret key of the table as secret', () => {
    for (const key of rules.examples.secretKeys) {
      assert.equal(isSecretKey(key), true, key);
      assert.deepEqual(maskSecrets({ [key]: 'v' }), { [key]: MASK }, key);
    }
  });

  it('leaves every plain key of the table alone', () => {
    for (const key of rules.examples.plainKeys) {
      assert.equal(isSecretKey(key), false, key);
      assert.deepEqual(maskSecrets({ [key]: 'v' }), { [key]: 'v' }, key);
    }
  });

  it('masks and scrubs passwords inside URLs as the table says', () => {
    for (const example of rules.examples.urls) {
      assert.deepEqual(maskSecrets({ db_url: example.text }), { db_url: example.masked });
      assert.deepEqual(secretValues({ db_url: example.text }), 'secret' in example ? [example.secret] : []);
      assert.equal(new SecretScrubber().scrub(example.text), example.masked);
    }
  });

  it('masks and scrubs secrets that are not strings, at any depth', () => {
    const data = { ssh_password: 1234, pins: { api_token: [5678, 9.5] }, ssh_port: 2222, client_secret: true, nested: [{ passwd: 'deep-pw' }] };
    assert.deepEqual(maskSecrets(data), { ssh_password: MASK, pins: { api_token: MASK }, ssh_port: 2222, client_secret: MASK, nested: [{ passwd: MASK }] });
    const scrubber = new SecretScrubber().remember(data);
    assert.equal(scrubber.scrub('pw 1234, pins 5678 and 9.5, port 2222, True, deep-pw'), `pw ${MASK}, pins ${MASK} and ${MASK}, port 2222, True, ${MASK}`);
  });

  it('replaces the longest secret whole, escapes regex characters and leaves one-character values', () => {
    const scrubber = new SecretScrubber().remember({ a_password: 'a+c', b_password: 'a+c(def', c_password: 'x' });
    assert.equal(scrubber.scrub('a+c(def a+c abc x'), `${MASK} ${MASK} abc x`);
  });

  it('leaves a secret key with no value as it is, and finds nothing to scrub in it', () => {
    const unset = { ssh_password: '', api_token: null, client_secret: undefined };
    assert.deepEqual(maskSecrets(unset), unset);
    assert.deepEqual(secretValues(unset), []);
    assert.deepEqual([maskSecrets(null), maskSecrets(5), maskSecrets(true)], [null, 5, true]);
  });

  it('under a secret key: strings whole and numbers as text, never booleans or nulls; elsewhere only URL passwords', () => {
    assert.deepEqual(secretValues({ ssh_password: 'abc', api_token: [7, false, null], port: 22, on: true, name: 'web' }), ['abc', '7']);
    assert.deepEqual(secretValues({ client_secret: true }), []);
  });

  it('scrubs a secret of the shortest scrubbed length, and leaves empty text empty', () => {
    const scrubber = new SecretScrubber().remember({ a_password: 'ab' });
    assert.equal(scrubber.scrub('ab cab'), `${MASK} c${MASK}`);
    assert.equal(scrubber.scrub(''), '');
  });

  it('scrubs a secret as JSON writes it, a quote, a backslash or a line break escaped, and the JSON still parses', () => {
    const secret = 'p"w\\x\ny';
    const scrubber = new SecretScrubber().remember({ ssh_password: secret });
    for (const json of [JSON.stringify({ target: `conn.py:C/${secret}`, message: `login as ${secret} failed` }), JSON.stringify([secret], null, 2)]) {
      const shown = scrubber.scrub(json);
      assert.ok(!shown.includes(JSON.stringify(secret).slice(1, -1)), shown);
      assert.ok(JSON.stringify(JSON.parse(shown)).includes(MASK), shown);
    }
    assert.equal(scrubber.scrub(`as typed: ${secret}`), `as typed: ${MASK}`);
  });

  it('scrubs a secret as the terminal shows it, its control characters escaped by printable()', () => {
    const secret = 'pw\x1b[31m\rtail';
    const scrubber = new SecretScrubber().remember({ api_token: secret });
    assert.equal(scrubber.scrub(printable(`token ${secret} refused`)), `token ${MASK} refused`);
  });
});
