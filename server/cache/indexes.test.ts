import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFixtures } from '@/test/support/fixtures';
import {
  claimStem,
  claimVolume,
  eventSubject,
  owners,
  podClaims,
  podLabels,
  sliceService,
  statefulSetService,
} from './indexes';
import type { EndpointSlice, KEvent, PersistentVolumeClaim, Pod, StatefulSet } from './types';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'db',
  uid: `u-${name}`,
  ...extra,
});

test('each index function names what its object can be found by, and nothing when it has none', () => {
  const pod = {
    kind: 'Pod',
    metadata: meta('pg-0', {
      labels: { app: 'pg', tier: 'data' },
      ownerReferences: [{ uid: 'u-pg', kind: 'StatefulSet', name: 'pg' }],
    }),
    spec: {
      containers: [],
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-pg-0' } },
        { name: 'tmp', emptyDir: {} },
      ],
    },
  } as unknown as Pod;
  assert.deepEqual(owners(pod), ['u-pg']);
  assert.deepEqual(podClaims(pod), ['db/data-pg-0']);
  assert.deepEqual(podLabels(pod).sort(), ['db/app=pg', 'db/tier=data']);
  const bare = { kind: 'Pod', metadata: meta('x'), spec: { containers: [] } } as unknown as Pod;
  assert.deepEqual([owners(bare), podClaims(bare), podLabels(bare)], [[], [], []]);

  assert.deepEqual(
    claimVolume({
      kind: 'PersistentVolumeClaim',
      metadata: meta('c'),
      spec: { volumeName: 'pv-1' },
    } as PersistentVolumeClaim),
    ['pv-1'],
  );
  assert.deepEqual(
    claimVolume({ kind: 'PersistentVolumeClaim', metadata: meta('c'), spec: {} } as PersistentVolumeClaim),
    [],
  );
  const slice = {
    kind: 'EndpointSlice',
    metadata: meta('pg-abcde', { labels: { 'kubernetes.io/service-name': 'pg' } }),
  } as unknown as EndpointSlice;
  assert.deepEqual(sliceService(slice), ['db/pg']);
  assert.deepEqual(sliceService({ kind: 'EndpointSlice', metadata: meta('s') } as unknown as EndpointSlice), []);
  assert.deepEqual(
    statefulSetService({
      kind: 'StatefulSet',
      metadata: meta('pg'),
      spec: { serviceName: 'pg-headless' },
    } as unknown as StatefulSet),
    ['db/pg-headless'],
  );
  assert.deepEqual(
    eventSubject({ kind: 'Event', metadata: meta('e'), involvedObject: { uid: 'u-pg-0' } } as unknown as KEvent),
    ['u-pg-0'],
  );
});

test('on the demo cluster, every join the graph makes is found through its index', () => {
  const s = loadFixtures(join(import.meta.dirname, '../../test/fixtures/topology/demo-cluster.yaml'));
  let checked = 0;
  for (const p of s.Pod.list()) {
    for (const uid of owners(p)) assert.ok(s.Pod.byIndex('owner', uid).includes(p));
    for (const c of podClaims(p)) assert.ok(s.Pod.byIndex('claim', c).includes(p), `${p.metadata.name} by claim ${c}`);
    checked += podClaims(p).length;
  }
  for (const c of s.PersistentVolumeClaim.list()) {
    if (c.spec?.volumeName) assert.deepEqual(s.PersistentVolumeClaim.byIndex('volume', c.spec.volumeName), [c]);
  }
  for (const st of s.StatefulSet.list()) {
    assert.ok(s.StatefulSet.byIndex('service', `${st.metadata.namespace}/${st.spec.serviceName}`).includes(st));
  }
  assert.ok(checked > 0, 'the fixture has pods with claims');
  assert.deepEqual(s.Pod.byIndex('claim', 'nowhere/none'), []);
});

test('a claim is found by its stem: the template and set it was made for, without its ordinal', () => {
  const claim = (name: string) =>
    ({ kind: 'PersistentVolumeClaim', metadata: meta(name), spec: {} }) as PersistentVolumeClaim;
  assert.deepEqual(claimStem(claim('data-web-0')), ['db/data-web']);
  assert.deepEqual(claimStem(claim('data-web-api-12')), ['db/data-web-api']);
  assert.deepEqual(claimStem(claim('data-web-01')), [], 'not an ordinal');
  assert.deepEqual(claimStem(claim('scratch')), []);
});
