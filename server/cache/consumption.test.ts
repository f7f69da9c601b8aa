import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSources, consumptions } from './consumption';
import { normalize } from './normalize';
import type { Pod } from './types';
import { storesOf } from './view';

const pod = normalize('Pod', 'v1', {
  metadata: { name: 'p', namespace: 'ns', uid: 'p' },
  spec: {
    initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'boot' } }] }],
    containers: [
      {
        name: 'c',
        env: [
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'level' } } },
          { name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'pw' } } },
        ],
        envFrom: [{ secretRef: { name: 'creds' } }],
        volumeMounts: [
          { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' },
          { name: 'all', mountPath: '/etc/all' },
          { name: 'picked', mountPath: '/etc/picked' },
          { name: 'mapped', mountPath: '/x/f', subPath: 'renamed' },
        ],
      },
    ],
    volumes: [
      { name: 'cfg', configMap: { name: 'app' } },
      {
        name: 'all',
        projected: {
          sources: [
            { configMap: { name: 'app' } },
            { secret: { name: 'creds', items: [{ key: 'ca', path: 'ca.pem' }] } },
          ],
        },
      },
      { name: 'picked', secret: { secretName: 'tls', items: [{ key: 'tls.crt', path: 'crt' }] } },
      { name: 'mapped', configMap: { name: 'files', items: [{ key: 'original', path: 'renamed' }] } },
      { name: 'unmounted', configMap: { name: 'nobody-mounts-me' } },
    ],
  },
}) as Pod;

test('every consumption mode is recognized, with the keys that matter', () => {
  const c = consumptions(pod)
    .map((x) => `${x.source} ${x.mode} ${x.keys?.join('+') ?? '*'}`)
    .sort();
  assert.deepEqual(c, [
    'ConfigMap/ns/app env level',
    'ConfigMap/ns/app projected *',
    'ConfigMap/ns/app subPath app.conf',
    'ConfigMap/ns/boot envFrom *',
    'ConfigMap/ns/files subPath original',
    'Secret/ns/creds env pw',
    'Secret/ns/creds envFrom *',
    'Secret/ns/creds projected ca',
    'Secret/ns/tls volume tls.crt',
  ]);
});

test('a volume no container mounts is not consumed; each source is listed once', () => {
  assert.deepEqual(configSources(pod).sort(), [
    'ConfigMap/ns/app',
    'ConfigMap/ns/boot',
    'ConfigMap/ns/files',
    'Secret/ns/creds',
    'Secret/ns/tls',
  ]);
});

test("the pods' config index answers which pods consume a source", () => {
  const s = storesOf([pod]);
  assert.deepEqual(
    s.Pod.byIndex('config', 'Secret/ns/tls').map((p) => p.metadata.name),
    ['p'],
  );
  assert.equal(s.Pod.byIndex('config', 'ConfigMap/ns/nobody-mounts-me').length, 0);
});
