import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigHistory } from '../cache/confighistory';
import { normalize } from '../cache/normalize';
import { keyOf } from '../cache/store';
import { storesOf } from '../cache/view';
import type { KObject } from '../cache/types';
import { podDrift } from './drift';

const T0 = '2026-01-01T10:00:00Z';
const T1 = '2026-01-01T11:00:00Z';
const T2 = '2026-01-01T12:00:00Z';

const cm = (data: Record<string, string>, time: string): KObject =>
  normalize('ConfigMap', 'v1', {
    metadata: {
      name: 'app',
      namespace: 'ns',
      uid: 'cm',
      creationTimestamp: T0,
      resourceVersion: time,
      managedFields: [{ manager: 'helm', operation: 'Update', time, fieldsV1: { 'f:data': {} } }],
    },
    data,
  });

const pod = normalize('Pod', 'v1', {
  metadata: { name: 'p', namespace: 'ns', uid: 'p', creationTimestamp: T1, annotations: { 'checksum/config': 'abc' } },
  spec: {
    containers: [
      {
        name: 'c',
        env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'level' } } }],
        envFrom: [{ secretRef: { name: 'creds' } }],
        volumeMounts: [
          { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' },
          { name: 'all', mountPath: '/etc/all' },
        ],
      },
    ],
    volumes: [
      { name: 'cfg', configMap: { name: 'app' } },
      { name: 'all', projected: { sources: [{ configMap: { name: 'app' } }, { secret: { name: 'creds' } }] } },
    ],
  },
  status: { startTime: T1 },
});

test('with the versions seen while watching, only modes reading a changed key drift, with the keys named', () => {
  const history = new ConfigHistory();
  const v1 = cm({ level: 'info', 'app.conf': 'a=1' }, T0);
  const v2 = cm({ level: 'info', 'app.conf': 'a=2' }, T2);
  history.observe({ cause: 'watch', kind: 'ConfigMap', key: keyOf(v1), obj: v1 });
  history.observe({ cause: 'watch', kind: 'ConfigMap', key: keyOf(v2), old: v1, obj: v2 });
  const s = storesOf([v2, pod]);
  const d = podDrift(pod as never, s, history);
  assert.deepEqual(
    d.map((x) => `${x.consumption} ${x.keys?.join(',')}`).sort(),
    ['projected app.conf', 'subPath app.conf'],
    'the env var reads `level`, which did not change',
  );
  assert.match(
    d.find((x) => x.consumption === 'subPath')?.reason ?? '',
    /never refresh: restart the pod; the pod carries checksum\/config/,
  );
});

test('without history the change time alone decides, conservatively for every mode', () => {
  const s = storesOf([cm({ level: 'debug' }, T2), pod]);
  assert.deepEqual(
    podDrift(pod as never, s)
      .map((x) => x.consumption)
      .sort(),
    ['env', 'projected', 'subPath'],
  );
  const older = storesOf([cm({ level: 'debug' }, T0), pod]);
  assert.deepEqual(podDrift(pod as never, older), [], 'a source last changed before the pod started is not drift');
});

test('Secret drift is computed from value hashes, never values', () => {
  const secret = (v: string, time: string) =>
    normalize('Secret', 'v1', {
      metadata: {
        name: 'creds',
        namespace: 'ns',
        uid: 's',
        managedFields: [{ manager: 'vault', time, fieldsV1: { 'f:data': {} } }],
      },
      data: { password: Buffer.from(v).toString('base64') },
    });
  const history = new ConfigHistory();
  const a = secret('old-s3cret', T0);
  const b = secret('new-s3cret', T2);
  history.observe({ cause: 'watch', kind: 'Secret', key: 'ns/creds', obj: a });
  history.observe({ cause: 'watch', kind: 'Secret', key: 'ns/creds', old: a, obj: b });
  const d = podDrift(pod as never, storesOf([b, pod]), history);
  assert.deepEqual(d.map((x) => `${x.source} ${x.consumption} ${x.keys}`).sort(), [
    'Secret/ns/creds envFrom password',
    'Secret/ns/creds projected password',
  ]);
  assert.ok(!JSON.stringify([d, history.history('Secret/ns/creds')]).includes('s3cret'));
});

test('a source already edited before watching, then changed while watched: the keys seen changing are named, as partial', () => {
  const T3 = '2026-01-01T13:00:00Z';
  const history = new ConfigHistory();
  // First seen after the pod started (its own version never seen), then patched while watched.
  const seen = cm({ level: 'info', 'app.conf': 'a=2' }, T2);
  const patched = cm({ level: 'debug', 'app.conf': 'a=2' }, T3);
  history.observe({ cause: 'watch', kind: 'ConfigMap', key: keyOf(seen), obj: seen });
  history.observe({ cause: 'watch', kind: 'ConfigMap', key: keyOf(patched), old: seen, obj: patched });
  const d = podDrift(pod as never, storesOf([patched, pod]), history);
  const env = d.find((x) => x.consumption === 'env');
  assert.deepEqual([env?.keys, env?.keysFrom], [['level'], 'watched']);
  // The subPath reads app.conf, which did not change while watched: still stale (the earlier edit), keys unknown.
  const sub = d.find((x) => x.consumption === 'subPath');
  assert.deepEqual([sub?.keys, sub?.keysFrom], [undefined, undefined]);
});
