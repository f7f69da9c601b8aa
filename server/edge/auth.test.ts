import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Env, SettingError } from '../settings/parse';
import { parseSettings } from '../settings/rules';
import { authPolicy, clientAddressOf, identify, isLoopback, strippedHeader, vouch } from './auth';

const policyOf = (env: Env, hostname: string | undefined) => authPolicy(parseSettings(env), hostname);

const ask = (address: string, headers: Record<string, string> = {}, path = '/api/v1/topology') => ({
  path,
  address,
  header: (n: string) => headers[n],
});

test('no sign-in only on loopback, unless allowed on purpose; settings are checked', () => {
  assert.equal(policyOf({}, '127.0.0.1').mode, 'none');
  assert.equal(policyOf({}, '::1').mode, 'none');
  assert.throws(() => policyOf({}, '0.0.0.0'), SettingError);
  assert.throws(() => policyOf({}, undefined), SettingError, 'every interface is not loopback');
  assert.throws(() => policyOf({ ORDINAL_AUTH: 'none' }, '10.1.2.3'), /ORDINAL_ALLOW_ANONYMOUS/);
  assert.equal(policyOf({ ORDINAL_ALLOW_ANONYMOUS: 'true' }, '0.0.0.0').mode, 'none');
  assert.throws(() => policyOf({ ORDINAL_AUTH: 'basic' }, '127.0.0.1'), SettingError);
  assert.throws(
    () => policyOf({ ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '10.0.0.0/33' }, '0.0.0.0'),
    SettingError,
  );
  assert.throws(
    () => policyOf({ ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: 'proxy.local' }, '0.0.0.0'),
    SettingError,
  );
  assert.equal(isLoopback('localhost'), true);
  assert.equal(isLoopback('127.0.0.1.example.com'), false);
});

test('proxy: the user is believed from trusted addresses only; the same headers from elsewhere are 401', () => {
  const p = policyOf({ ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '10.0.0.0/8, ::1' }, '0.0.0.0');
  const alice = {
    'x-auth-request-user': 'alice',
    'x-auth-request-groups': 'sre, dba',
    'x-auth-request-email': 'a@x.io',
  };
  assert.deepEqual(identify(p, ask('10.2.3.4', alice)), { user: 'alice', groups: ['sre', 'dba'], email: 'a@x.io' });
  assert.deepEqual(identify(p, ask('::ffff:10.2.3.4', { 'x-forwarded-user': 'bob' })), { user: 'bob', groups: [] });
  assert.deepEqual(identify(p, ask('::1', { 'x-forwarded-user': 'carol' })), { user: 'carol', groups: [] });
  const spoofed = identify(p, ask('192.168.1.9', alice));
  assert.ok(
    'status' in spoofed && spoofed.status === 401 && /only believed from the signing-in proxy/.test(spoofed.message),
  );
  assert.ok('status' in identify(p, ask('192.168.1.9')) && true);
  assert.equal((identify(p, ask('10.2.3.4')) as { status: number }).status, 401, 'the proxy named no one');
  assert.equal(
    (identify(p, ask('10.2.3.4', { 'x-forwarded-user': 'system:admin' })) as { status: number }).status,
    403,
  );
  const allowed = policyOf(
    { ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '10.0.0.0/8', ORDINAL_AUTH_ALLOW_SYSTEM: 'true' },
    '0.0.0.0',
  );
  assert.equal(
    (identify(allowed, ask('10.2.3.4', { 'x-forwarded-user': 'system:admin' })) as { user: string }).user,
    'system:admin',
  );
  // A probe is let by in serve.ts with no identity: here it is asked like any request.
  assert.equal((identify(p, ask('192.168.1.9', {}, '/api/readyz')) as { status: number }).status, 401);
});

test('system: groups from a proxy or an ID token are dropped unless the setting says the escalation is wanted', () => {
  const p = policyOf({ ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '10.0.0.0/8' }, '0.0.0.0');
  const asked = { 'x-forwarded-user': 'mallory', 'x-forwarded-groups': 'system:masters, devs,system:nodes' };
  assert.deepEqual(identify(p, ask('10.2.3.4', asked)), { user: 'mallory', groups: ['devs'] });
  assert.deepEqual(vouch(p, 'mallory', ['system:masters', 'readers'], undefined), {
    user: 'mallory',
    groups: ['readers'],
  });
  const risky = policyOf(
    {
      ORDINAL_AUTH: 'proxy',
      ORDINAL_TRUSTED_PROXIES: '10.0.0.0/8',
      ORDINAL_AUTH_ALLOW_SYSTEM_GROUPS_ESCALATION: 'true',
    },
    '0.0.0.0',
  );
  assert.deepEqual(vouch(risky, 'ops', ['system:masters'], undefined), { user: 'ops', groups: ['system:masters'] });
});

test('the client a stream counts against: the socket peer, or the address a trusted proxy saw — never a client header', () => {
  const none = policyOf({ ORDINAL_AUTH: 'none' }, '127.0.0.1');
  const spoofs = ['203.0.113.1', '203.0.113.2', '198.51.100.7, 203.0.113.3', 'garbage'];
  assert.deepEqual(new Set(spoofs.map((x) => clientAddressOf(none, '127.0.0.1', x))), new Set(['127.0.0.1']));
  const behind = policyOf({ ORDINAL_AUTH: 'none', ORDINAL_TRUSTED_PROXIES: '10.0.0.0/8' }, '127.0.0.1');
  assert.equal(
    clientAddressOf(behind, '10.1.1.1', '203.0.113.9, 198.51.100.7'),
    '198.51.100.7',
    'the hop the proxy saw',
  );
  assert.equal(clientAddressOf(behind, '10.1.1.1', 'not-an-ip'), '10.1.1.1');
  assert.equal(clientAddressOf(behind, '192.0.2.5', '198.51.100.7'), '192.0.2.5', 'not the proxy: its own address');
});

test('one header family per request: a client adding the other family through the proxy is refused', () => {
  const p = policyOf({ ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '127.0.0.1' }, '0.0.0.0');
  // oauth2-proxy as a reverse proxy sets X-Forwarded-*; a client slipped X-Auth-Request-* in.
  const mixed = { 'x-forwarded-user': 'alice', 'x-auth-request-user': 'admin' };
  assert.equal((identify(p, ask('127.0.0.1', mixed)) as { status: number }).status, 401);
  const groups = { 'x-forwarded-user': 'alice', 'x-auth-request-groups': 'admins' };
  assert.equal(
    (identify(p, ask('127.0.0.1', groups)) as { status: number }).status,
    401,
    'groups are not mixed in either',
  );
  const pinned = policyOf(
    { ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '127.0.0.1', ORDINAL_AUTH_HEADERS: 'forwarded' },
    '0.0.0.0',
  );
  assert.equal(
    (identify(pinned, ask('127.0.0.1', { 'x-auth-request-user': 'alice' })) as { status: number }).status,
    401,
  );
  assert.equal((identify(pinned, ask('127.0.0.1', { 'x-forwarded-user': 'alice' })) as { user: string }).user, 'alice');
  assert.throws(() => policyOf({ ORDINAL_AUTH: 'proxy', ORDINAL_AUTH_HEADERS: 'cookie' }, '0.0.0.0'), SettingError);
});

test('impersonation and Next’s subrequest marker never pass the edge, nor a forged signed-in user', () => {
  for (const h of [
    'impersonate-user',
    'impersonate-group',
    'impersonate-extra-scopes',
    'x-middleware-subrequest',
    'x-ordinal-user',
  ])
    assert.equal(strippedHeader(h), true, h);
  assert.equal(strippedHeader('x-forwarded-user'), false);
});
