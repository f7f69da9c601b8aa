import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingError } from '../settings';
import { oidcSettings } from './oidc';

const base = { ORDINAL_OIDC_ISSUER: 'https://idp.example.com/realms/x', ORDINAL_OIDC_CLIENT_ID: 'ordinal' };

test('oidc settings: defaults as the apiserver names users (sub), groups, refresh scope, 12 h sessions', () => {
  const s = oidcSettings(base);
  assert.equal(s.issuer.href, 'https://idp.example.com/realms/x');
  assert.equal(s.usernameClaim, 'sub');
  assert.equal(s.groupsClaim, 'groups');
  assert.match(s.scopes, /offline_access/);
  assert.equal(s.maxAgeMs, 12 * 3_600_000);
  assert.equal(s.clientSecret, undefined);
  const custom = oidcSettings({ ...base, ORDINAL_OIDC_USERNAME_CLAIM: 'email', ORDINAL_SESSION_MAX_AGE: '30m', ORDINAL_OIDC_CLIENT_SECRET: 's' });
  assert.equal(custom.usernameClaim, 'email');
  assert.equal(custom.maxAgeMs, 1_800_000);
  assert.equal(custom.clientSecret, 's');
});

test('oidc settings that would leak or cannot work are setting errors', () => {
  const bad: Record<string, string | undefined>[] = [
    { ...base, ORDINAL_OIDC_ISSUER: undefined },
    { ...base, ORDINAL_OIDC_ISSUER: 'not a url' },
    { ...base, ORDINAL_OIDC_ISSUER: 'http://idp.example.com' },
    { ...base, ORDINAL_OIDC_CLIENT_ID: '' },
    { ...base, ORDINAL_OIDC_REDIRECT_URL: 'https://x.example/elsewhere' },
    { ...base, ORDINAL_SESSION_MAX_AGE: 'forever' },
  ];
  for (const env of bad) assert.throws(() => oidcSettings(env), SettingError, JSON.stringify(env));
  assert.doesNotThrow(() => oidcSettings({ ...base, ORDINAL_OIDC_ISSUER: 'http://127.0.0.1:5556/dex' }));
});
