import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { nextEvent, sseEvents, startDashboard, type Dashboard } from './dashboard';
import { eventually } from './harness';

/**
 * What leaves the server: Secret values only as keyed fingerprints nobody can check a guess
 * against, literal credentials in pod specs redacted; and a 403'd kind back within seconds.
 */
const KEY = 'test-fingerprint-key-0123456789abcdef';
const NS = 'vault';
const SECRET_VALUES = ['Tr0ub4dor&3-canary', 'correct-horse-canary'];
const ENV_VALUES = {
  DB_PASSWORD: 'env-pw-canary',
  API_TOKEN: 'env-token-canary',
  DATABASE_URL: 'postgres://app:url-pw-canary@db:5432/app',
};
let d: Dashboard;

async function apply(manifest: object): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'ordinal-secrecy-')), 'm.json');
  writeFileSync(file, JSON.stringify(manifest));
  await d.kubectl('apply', '-f', file);
}

const secret = (value: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: NS },
  stringData: { password: value },
});
const env = Object.entries(ENV_VALUES).map(([name, value]) => ({ name, value }));
const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'app', namespace: NS },
  spec: {
    serviceName: 'app',
    replicas: 1,
    selector: { matchLabels: { app: 'app' } },
    template: {
      metadata: { labels: { app: 'app' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            env: [
              ...env,
              { name: 'LOG_LEVEL', value: 'debug' },
              { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            ],
          },
        ],
      },
    },
  },
};

before(async () => {
  d = await startDashboard({ ORDINAL_FINGERPRINT_KEY: KEY });
  await d.kubectl('create', 'namespace', NS);
  await apply(secret(SECRET_VALUES[0]));
  await apply(statefulSet);
  await eventually(
    'the pod is cached',
    async () => (await fetch(`${d.base}/api/v1/objects/Pod/${NS}/app-0`)).status === 200,
    20_000,
  );
  await apply(secret(SECRET_VALUES[1]));
  await eventually('the second Secret version is seen', async () => {
    const h = (await (await fetch(`${d.base}/api/v1/config/Secret/${NS}/db`)).json()) as { versions: unknown[] };
    return h.versions.length >= 2;
  });
});
after(() => d.close());

async function everyResponse(): Promise<string> {
  const paths = [
    '/api/v1/topology',
    `/api/v1/topology?namespace=${NS}`,
    `/api/v1/objects/Secret/${NS}/db`,
    `/api/v1/config/Secret/${NS}/db`,
    `/api/v1/objects/Pod/${NS}/app-0`,
    `/api/v1/objects/StatefulSet/${NS}/app`,
    '/api/v1/drift',
    `/api/v1/statefulsets/${NS}/app`,
    '/api/readyz',
    '/api/v1/namespaces',
  ];
  const bodies = await Promise.all(paths.map(async (p) => (await fetch(d.base + p)).text()));
  const ac = new AbortController();
  const res = await fetch(`${d.base}/api/v1/stream`, { signal: ac.signal });
  const snap = await nextEvent(sseEvents(res), (e) => e.event === 'snapshot');
  ac.abort();
  return [...bodies, JSON.stringify(snap.data)].join('\n');
}

/** The plain digests an attacker would compute for a guessed value: of the value and of its base64, whole or cut. */
function plainDigests(value: string): string[] {
  const out: string[] = [];
  for (const input of [value, Buffer.from(value).toString('base64')])
    for (const alg of ['sha256', 'sha1', 'md5', 'sha512']) {
      const hex = createHash(alg).update(input).digest('hex');
      out.push(hex, hex.slice(0, 16), hex.slice(0, 12), createHash(alg).update(input).digest('base64'));
    }
  return out;
}

test("a Secret's values leave the server only as HMACs under the server's key: no value, no plain digest", async () => {
  const all = await everyResponse();
  for (const v of SECRET_VALUES) {
    assert.ok(!all.includes(v) && !all.includes(Buffer.from(v).toString('base64')), 'no value in any form');
    for (const h of plainDigests(v)) assert.ok(!all.includes(h), `plain digest ${h} of a Secret value is served`);
  }
  const detail = (await (await fetch(`${d.base}/api/v1/objects/Secret/${NS}/db`)).json()) as {
    object: { dataHashes: Record<string, string> };
  };
  const expected = createHmac('sha256', KEY)
    .update(Buffer.from(SECRET_VALUES[1]).toString('base64'))
    .digest('hex')
    .slice(0, 16);
  assert.deepEqual(
    detail.object.dataHashes,
    { password: expected },
    'the fingerprint is the keyed HMAC (replicas given one key agree)',
  );
});

test('literal credentials in pod specs are redacted in every response, YAML views included; names and ordinary values stay', async () => {
  const live = await d.kubectl('get', 'pod', 'app-0', '-n', NS, '-o', 'json');
  assert.ok(live.includes(ENV_VALUES.DB_PASSWORD), 'the cluster itself holds the value');
  const all = await everyResponse();
  for (const v of [ENV_VALUES.DB_PASSWORD, ENV_VALUES.API_TOKEN, 'url-pw-canary'])
    assert.ok(!all.includes(v), `${v} is served`);
  const pod = await (await fetch(`${d.base}/api/v1/objects/Pod/${NS}/app-0`)).text();
  assert.ok(pod.includes('DB_PASSWORD') && pod.includes('"debug"') && pod.includes('postgres://app:'));
  assert.match(pod, /"value":"<redacted: fingerprint [0-9a-f]{16}>"/);
  assert.ok(
    pod.includes('"terminationMessagePath"') && !pod.includes('"partial"'),
    'the YAML is the object whole (the cache keeps only facts), read from the API server',
  );
  const sts = await (await fetch(`${d.base}/api/v1/objects/StatefulSet/${NS}/app`)).text();
  assert.ok(
    sts.includes('last-applied-configuration') && !sts.includes('env-pw-canary'),
    "kubectl's last-applied copy is redacted too",
  );

  const shown = await d.another({ ORDINAL_REDACT_ENV: 'off' });
  await eventually(
    'ORDINAL_REDACT_ENV=off shows the values',
    async () =>
      (await (await fetch(`${shown.base}/api/v1/objects/Pod/${NS}/app-0`)).text()).includes(ENV_VALUES.DB_PASSWORD),
    20_000,
  );
});

test('pods and claims forbidden (403) then allowed again are back in the topology within 5 s', async () => {
  const topo = async () =>
    ((await (await fetch(`${d.base}/api/v1/topology`)).json()) as { nodes: { kind: string }[] }).nodes;
  const has = async (kind: string) => (await topo()).some((n) => n.kind === kind);
  assert.ok((await has('Pod')) && (await has('PersistentVolumeClaim')));
  for (const f of ['forbid?resource=pods', 'forbid?resource=persistentvolumeclaims', 'drop-watches'])
    await d.simApi('POST', `/sim/v1/faults/${f}`);
  await eventually(
    'pods and claims gone, marked forbidden',
    async () => {
      const kinds = ((await (await fetch(`${d.base}/api/readyz`)).json()) as { kinds: Record<string, string> }).kinds;
      return (
        kinds.Pod === 'forbidden' &&
        kinds.PersistentVolumeClaim === 'forbidden' &&
        !(await has('Pod')) &&
        !(await has('PersistentVolumeClaim'))
      );
    },
    20_000,
  );
  await d.simApi('POST', '/sim/v1/faults/clear');
  const cleared = Date.now();
  await eventually(
    'pods and claims back',
    async () => (await has('Pod')) && (await has('PersistentVolumeClaim')),
    5_000,
  );
  console.log(`403 recovery: pods and claims back ${Date.now() - cleared} ms after access returned`);
});
