import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Env, SettingError } from '../settings/parse';
import { parseSettings } from '../settings/rules';
import { oidcSettings as fromSettings, returnPath } from './oidc';

const oidcSettings = (env: Env) => fromSettings(parseSettings({ ORDINAL_AUTH: 'oidc', ...env }));

const base = { ORDINAL_OIDC_ISSUER: 'https://idp.example.com/realms/x', ORDINAL_OIDC_CLIENT_ID: 'ordinal' };

test('oidc settings: defaults as the apiserver names users (sub), groups, refresh scope, 12 h sessions', () => {
  const s = oidcSettings(base);
  assert.equal(s.issuer.href, 'https://idp.example.com/realms/x');
  assert.equal(s.usernameClaim, 'sub');
  assert.equal(s.groupsClaim, 'groups');
  assert.match(s.scopes, /offline_access/);
  assert.equal(s.maxAgeMs, 12 * 3_600_000);
  assert.equal(s.clientSecret, undefined);
  const custom = oidcSettings({
    ...base,
    ORDINAL_OIDC_USERNAME_CLAIM: 'email',
    ORDINAL_SESSION_MAX_AGE: '30m',
    ORDINAL_OIDC_CLIENT_SECRET: 's',
  });
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

test('after signing in, only a path of this site under its base path: control characters and other origins go home', () => {
  const origin = 'https://ordinal.example.com';
  for (const [raw, base, want] of [
    ['/topology?namespace=a#x', '', '/topology?namespace=a#x'],
    ['/ordinal/c/west/topology', '/ordinal', '/ordinal/c/west/topology'],
    ['/\t/evil.example/x', '', '/'],
    ['/\n/evil.example/x', '', '/'],
    ['/\r/evil.example/x', '', '/'],
    ['/\u0000/evil.example', '', '/'],
    ['/\u007f/x', '', '/'],
    ['//evil.example/x', '', '/'],
    ['/\\evil.example/x', '', '/'],
    ['/\\/evil.example', '', '/'],
    ['https://evil.example/x', '', '/'],
    ['http://ordinal.example.com/x', '', '/'],
    ['/x', '/ordinal', '/ordinal/'],
    ['/ordinalx/y', '/ordinal', '/ordinal/'],
    ['/ordinal/../etc', '/ordinal', '/ordinal/'],
    ['javascript:alert(1)', '', '/'],
    ['', '', '/'],
    [`/${'a'.repeat(3000)}`, '', '/'],
  ] as const) {
    assert.equal(returnPath(raw, origin, base), want, JSON.stringify(raw));
  }
  // As the edge reads it: `%09` in the query is a tab once decoded.
  const next = new URL('https://x/auth/login?next=%2F%09%2Fevil.example%2Fx').searchParams.get('next');
  assert.equal(returnPath(next, origin, ''), '/');
});
