import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { cookieValue, seal, sessionKey, setCookie, unseal } from './session';

const now = () => Math.floor(Date.now() / 1000);

test('a sealed session opens under its key only, and not once altered or expired', async () => {
  const key = sessionKey(randomBytes(32));
  const token = await seal(key, { user: 'alice', groups: ['a'] }, now() + 60);
  assert.deepEqual(await unseal(key, token), { user: 'alice', groups: ['a'] });
  assert.equal(token.includes('alice'), false, 'the cookie is encrypted, not only signed');
  assert.equal(await unseal(sessionKey(randomBytes(32)), token), undefined);
  const parts = token.split('.');
  for (let i = 0; i < parts.length; i++) {
    const bad = [...parts];
    bad[i] = bad[i].length ? `${bad[i].slice(0, -2)}${bad[i].endsWith('AA') ? 'BB' : 'AA'}` : 'AA';
    assert.equal(await unseal(key, bad.join('.')), undefined, `part ${i} altered`);
  }
  assert.equal(await unseal(key, await seal(key, { user: 'x' }, now() - 1)), undefined);
  assert.equal(await unseal(key, 'garbage'), undefined);
  assert.equal(await unseal(key, undefined), undefined);
});

test('cookies are read by name and set HttpOnly, Secure, SameSite=Lax under the path', () => {
  assert.equal(cookieValue('a=1; ordinal_session=xyz; b=2', 'ordinal_session'), 'xyz');
  assert.equal(cookieValue('xordinal_session=1', 'ordinal_session'), undefined);
  assert.equal(cookieValue(undefined, 'a'), undefined);
  assert.equal(
    setCookie('s', 'v', { path: '/ordinal/', maxAgeS: 10 }),
    's=v; Path=/ordinal/; Max-Age=10; HttpOnly; Secure; SameSite=Lax',
  );
});
