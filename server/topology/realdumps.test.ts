import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { StatefulSet } from '../cache/types';
import { loadFixtures } from '../../test/support/fixtures';
import { buildGraph } from './graph';
import { statefulSetDetail } from './ordinals';
import { nodesOf } from '@/lib/wire/topology';

/** Real `kubectl get -o json` dumps (GKE, via derailed/k9s test data; see test/fixtures/real/SOURCES.md). */
const DIR = join(import.meta.dirname, '../../test/fixtures/real/k9s');
const s = loadFixtures(
  ...['sts.json', 'pvc.json', 'pv.json', 'svc.json', 'cm.json', 'sc.json'].map((f) => join(DIR, f)),
);
const now = Date.parse('2019-12-02T00:00:00Z');

test('a StatefulSet dumped without its pods: every ordinal absent, claims found by template name', () => {
  const d = statefulSetDetail(s.StatefulSet.get('default', 'nginx-sts') as StatefulSet, s, now);
  assert.deepEqual(
    d.ordinals.map((o) => [o.ordinal, o.pod, o.pvcs[0]?.phase]),
    [
      [0, null, 'Bound'],
      [1, null, 'Missing'],
      [2, null, 'Missing'],
      [3, null, 'Missing'],
    ],
  );
  assert.equal(d.serviceName, 'nginx-sts');
  assert.ok(
    d.diagnosis.some((x) => x.startsWith('serviceName nginx-sts: no such Service')),
    d.diagnosis.join('\n'),
  );
});

test('GKE-era objects: beta default-class annotation, claimRef to an absent claim, selfLink ignored', () => {
  const g = buildGraph(s, {}, now);
  const sc = nodesOf(g.nodes, 'StorageClass').find((n) => n.id === 'StorageClass/standard');
  assert.ok(sc && !('missing' in sc.info));
  assert.equal(sc.info.default, true, 'storageclass.beta.kubernetes.io/is-default-class counts');
  const claim = g.nodes.find((n) => n.id === 'PersistentVolumeClaim/default/www-nginx-sts-0');
  assert.equal(claim?.status, 'warning');
  assert.match(String(claim?.reason), /pvc-fbabd470-8725-11e9-a8e8-42010a80015b, which is not visible/);
  assert.ok(g.nodes.some((n) => n.id === 'PersistentVolume/pvc-07aa4e2c-8726-11e9-a8e8-42010a80015b'));
  assert.ok(
    g.edges.some(
      (e) =>
        e.kind === 'provisions' &&
        e.source === 'StorageClass/standard' &&
        e.target === 'PersistentVolume/pvc-07aa4e2c-8726-11e9-a8e8-42010a80015b',
    ),
  );
  const svc = g.nodes.find((n) => n.id === 'Service/default/dictionary1');
  assert.equal(svc?.status, 'warning');
  assert.match(String(svc?.reason), /matches no pods/);
});
