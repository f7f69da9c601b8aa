import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingError } from './parse';
import { parseSettings } from './rules';
import { SETTINGS } from './table';

test('with nothing set, every setting has its default', () => {
  const s = parseSettings({});
  assert.equal(s.auth, 'none');
  assert.equal(s.authz, 'none');
  assert.equal(s.metricsHost, '127.0.0.1');
  assert.equal(s.metricsPort, undefined);
  assert.equal(s.maxStreams, 1000);
  assert.equal(s.maxStreamsPerClient, 100);
  assert.equal(s.clusterIdleMs, 600_000);
  assert.equal(s.historyRetentionMs, 30 * 86_400_000);
  assert.equal(s.redactEnv, true);
  assert.equal(s.basePath, '');
  assert.equal(s.history, undefined);
  assert.equal(s.port, 3000);
});

/** Defaults resolved where they are used (a path under the working directory or home), not by the parser. */
const RESOLVED_AT_USE = new Set(['KUBECONFIG', 'ORDINAL_FINGERPRINT_KEY', 'ORDINAL_HISTORY']);

test('the default README states is the value the parser gives when the variable is unset', () => {
  let checked = 0;
  for (const r of Object.values(SETTINGS)) {
    const literal = /^`([^`]+)`$|^(\d+)$/.exec(r.default ?? '');
    if (!literal || RESOLVED_AT_USE.has(r.env)) continue;
    assert.deepEqual(r.parse(literal[1] ?? literal[2], r.env), r.parse(undefined, r.env), r.env);
    checked++;
  }
  assert.ok(checked >= 15, `${checked} defaults checked`);
});

test('every variable is in the table once', () => {
  const names = Object.values(SETTINGS).map((r) => r.env);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^(ORDINAL_[A-Z0-9_]+|KUBECONFIG|HOME|KUBERNETES_SERVICE_(HOST|PORT)|PORT)$/);
});

test('an unusable value is a SettingError naming the variable', () => {
  const bad: Record<string, string> = {
    ORDINAL_AUTH: 'basic',
    ORDINAL_AUTHZ: 'rbac',
    ORDINAL_METRICS_HOST: 'example.com',
    ORDINAL_METRICS_PORT: '70000',
    ORDINAL_MAX_STREAMS: '0',
    ORDINAL_MAX_STREAMS_PER_CLIENT: 'lots',
    ORDINAL_CLUSTER_IDLE: 'a while',
    ORDINAL_NAMESPACES: 'ok,Not_A_Namespace',
    ORDINAL_TRUSTED_PROXIES: '10.0.0.0/33',
    ORDINAL_ALLOWED_HOSTS: 'http://bad/',
    ORDINAL_ALLOW_ANONYMOUS: 'yes',
    ORDINAL_REDACT_ENV: 'maybe',
    ORDINAL_FINGERPRINT_KEY: 'short',
    ORDINAL_HISTORY_URL: 'mysql://x',
    ORDINAL_HISTORY_MAX_MB: '-1',
    ORDINAL_OIDC_ISSUER: 'http://idp.example.com',
    ORDINAL_BASE_PATH: '/a/../b',
    KUBERNETES_SERVICE_PORT: 'https',
    PORT: 'eighty',
  };
  for (const [name, value] of Object.entries(bad))
    assert.throws(
      () => parseSettings({ [name]: value }),
      (e: unknown) => e instanceof SettingError && e.setting === name && e.message.startsWith(`${name}: `),
      `${name}=${value}`,
    );
});

test('every error is found before one is thrown, and the others are named', () => {
  assert.throws(
    () => parseSettings({ ORDINAL_AUTH: 'basic', ORDINAL_METRICS_PORT: 'x', ORDINAL_CLUSTER_IDLE: '?' }),
    (e: unknown) =>
      e instanceof SettingError &&
      /ORDINAL_METRICS_PORT: must be a port/.test(e.message) &&
      /ORDINAL_CLUSTER_IDLE: must be a duration/.test(e.message),
  );
});

test('rules between settings: oidc needs its issuer and client; a served file has no cluster to ask', () => {
  assert.throws(() => parseSettings({ ORDINAL_AUTH: 'oidc' }), /ORDINAL_OIDC_ISSUER: is required/);
  assert.throws(
    () => parseSettings({ ORDINAL_AUTH: 'oidc', ORDINAL_OIDC_ISSUER: 'https://idp.example.com' }),
    /ORDINAL_OIDC_CLIENT_ID: is required/,
  );
  assert.throws(
    () => parseSettings({ ORDINAL_AUDIT_FILE: '/x.db', ORDINAL_AUTHZ: 'cluster-rbac' }),
    /ORDINAL_AUTHZ: cluster-rbac asks a cluster/,
  );
  assert.equal(parseSettings({ ORDINAL_OIDC_ISSUER: 'https://idp.example.com' }).auth, 'none');
});

test('values are typed as used: lists, addresses, durations, hosts', () => {
  const s = parseSettings({
    ORDINAL_NAMESPACES: ' db, cache ,',
    ORDINAL_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
    ORDINAL_ALLOWED_HOSTS: 'Ordinal.Example.com., *.corp.example, [::2], *',
    ORDINAL_HISTORY: 'off',
    ORDINAL_SESSION_MAX_AGE: '30m',
    ORDINAL_METRICS_HOST: '::',
    KUBECONFIG: '/a:/b::',
    ORDINAL_IN_CLUSTER_ROOT: '/tmp/pod///',
  });
  assert.deepEqual(s.namespaces, ['db', 'cache']);
  assert.deepEqual(s.trustedProxies, [
    { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
    { address: '::1', prefix: 128, family: 'ipv6' },
  ]);
  assert.deepEqual(s.allowedHosts, [
    { exact: 'ordinal.example.com' },
    { suffix: '.corp.example' },
    { exact: '::2' },
    { any: true },
  ]);
  assert.equal(s.history, false);
  assert.equal(s.sessionMaxAgeMs, 30 * 60_000);
  assert.equal(s.metricsHost, '::');
  assert.deepEqual(s.kubeconfig, ['/a', '/b']);
  assert.equal(s.inClusterRoot, '/tmp/pod');
});
