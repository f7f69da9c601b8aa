import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { normalize } from './normalize';
import { CREDENTIAL_NAME, redactCredentials } from './redact';
import { parseSettings } from '../settings/rules';
import { configureSecrecy } from './secrecy';

const env = [
  { name: 'DB_PASSWORD', value: 's3cr3t-pw' },
  { name: 'api_key', value: 'AKIA-canary' },
  { name: 'GITHUB_TOKEN', value: 'ghp_canary' },
  { name: 'DATABASE_URL', value: 'postgres://app:url-canary@db:5432/app' },
  { name: 'LOG_LEVEL', value: 'debug' },
  { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
];
const podSpec = {
  containers: [{ name: 'app', image: 'x', env }],
  initContainers: [{ name: 'init', env: [{ name: 'Private_Key', value: 'pk-canary' }] }],
};
const stateDir = mkdtempSync(join(tmpdir(), 'ordinal-redact-'));
const CANARIES = ['s3cr3t-pw', 'AKIA-canary', 'ghp_canary', 'url-canary', 'pk-canary'];

test('credential-like names are matched case-insensitively; ordinary names are not', () => {
  for (const n of [
    'PASSWORD',
    'db_passwd',
    'PASSPHRASE',
    'MYSQL_PWD',
    'client_secret',
    'token',
    'API-KEY',
    'apikey',
    'aws_access_key_id',
    'CREDENTIALS',
    'private_key',
    'SESSION_KEY',
    'cookie_secret',
  ])
    assert.ok(CREDENTIAL_NAME.test(n), n);
  for (const n of ['LOG_LEVEL', 'PASSPORT_MODE', 'HOSTNAME', 'PORT', 'KEYSPACE', 'WORKDIR'])
    assert.ok(!CREDENTIAL_NAME.test(n), n);
});

test('a pod, a template, a ControllerRevision and kubectl last-applied copies lose literal credentials, keep names', () => {
  configureSecrecy(parseSettings({}), stateDir);
  const sts = {
    kind: 'StatefulSet',
    metadata: {
      name: 's',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { template: { spec: podSpec } } }),
      },
    },
    spec: { template: { spec: podSpec } },
  };
  const objects = [
    normalize('Pod', 'v1', { metadata: { name: 'p' }, spec: podSpec }),
    normalize('StatefulSet', 'apps/v1', sts),
    normalize('ControllerRevision', 'apps/v1', {
      metadata: { name: 'r' },
      data: { spec: { template: { spec: podSpec } } },
    }),
  ];
  for (const o of objects) {
    const text = JSON.stringify(o);
    for (const c of CANARIES) assert.ok(!text.includes(c), `${o.kind} leaks ${c}`);
    assert.ok(
      text.includes('DB_PASSWORD') && text.includes('debug') && text.includes('postgres://app:'),
      `${o.kind} keeps names and ordinary values`,
    );
    assert.match(text, /<redacted: fingerprint [0-9a-f]{16}>/);
  }
});

test('a changed credential gets a different fingerprint; an object without credentials is returned as is', () => {
  const a = redactCredentials({ spec: { containers: [{ env: [{ name: 'TOKEN', value: 'one' }] }] } });
  const b = redactCredentials({ spec: { containers: [{ env: [{ name: 'TOKEN', value: 'two' }] }] } });
  assert.notDeepEqual(a, b);
  const clean = {
    spec: { containers: [{ env: [{ name: 'MODE', value: 'x' }] }] },
    metadata: { annotations: { other: 'y' } },
  };
  assert.equal(redactCredentials(clean), clean);
});

test('ORDINAL_REDACT_ENV=off keeps the values', () => {
  configureSecrecy(parseSettings({ ORDINAL_REDACT_ENV: 'off' }), stateDir);
  assert.ok(JSON.stringify(normalize('Pod', 'v1', { metadata: { name: 'p' }, spec: podSpec })).includes('s3cr3t-pw'));
  configureSecrecy(parseSettings({}), stateDir);
});
