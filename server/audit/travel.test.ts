import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from '../cache/normalize';
import type { Pod, StatefulSet } from '../cache/types';
import { createStores } from '../cache/view';
import { recordedCache } from '@/test/support/history';
import { buildGraph } from '../topology/graph';
import { Recorder } from './recorder';
import { HistoryStore } from './store';
import { diffGraphs, storesAt } from './travel';
import { clusterScope } from '@/server/audit/scope';

let clock = Date.parse('2026-11-01T10:00:00Z');
const at = (offsetS: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + offsetS * 1000).toISOString();

const sts = (rv: string, replicas: number) =>
  normalize('StatefulSet', 'apps/v1', {
    metadata: { name: 'db', namespace: 'prod', uid: 'sts-db', resourceVersion: rv, generation: 1 },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'pg' }] } },
    },
    status: { replicas, readyReplicas: replicas, currentRevision: 'db-1', updateRevision: 'db-1' },
  }) as StatefulSet;

const pod = (i: number, rv: string) =>
  normalize('Pod', 'v1', {
    metadata: {
      name: `db-${i}`,
      namespace: 'prod',
      uid: `pod-${i}`,
      resourceVersion: rv,
      labels: { app: 'db', 'controller-revision-hash': 'db-1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'sts-db', controller: true }],
    },
    spec: { containers: [{ name: 'db', image: 'pg' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  }) as Pod;

test('the topology at a past time is derived from the history as the live one is; diffs name what came and went', () => {
  const stores = createStores();
  const cache = recordedCache(stores);
  const history = new HistoryStore(':memory:');
  const rec = new Recorder(history, cache, {
    cluster: 'c',
    kinds: ['StatefulSet', 'Pod'],
    flushMs: 60_000,
    now: () => new Date(clock),
  });
  rec.start();
  stores.StatefulSet.upsert(sts('1', 2));
  stores.Pod.upsert(pod(0, '1'));
  stores.Pod.upsert(pod(1, '1'));
  rec.flush();
  clock += 60_000;
  stores.StatefulSet.upsert(sts('2', 1));
  stores.Pod.remove('prod', 'db-1');
  rec.flush();
  const before = buildGraph(
    storesAt(history.reader(clusterScope('c')), at(30)).stores,
    { namespace: 'prod' },
    Date.parse(at(30)),
  );
  const after = buildGraph(
    storesAt(history.reader(clusterScope('c')), at(90)).stores,
    { namespace: 'prod' },
    Date.parse(at(90)),
  );
  const live = buildGraph(stores, { namespace: 'prod' }, Date.parse(at(90)));
  assert.deepEqual(
    before.nodes.map((n) => n.id),
    ['Pod/prod/db-0', 'Pod/prod/db-1', 'StatefulSet/prod/db'],
  );
  assert.deepEqual(after, live, 'the present rebuilt from the history is the live graph');
  const d = diffGraphs(before, after);
  assert.deepEqual(
    d.removed.map((n) => n.id),
    ['Pod/prod/db-1'],
  );
  assert.deepEqual(
    d.edgesRemoved.map((e) => e.id),
    ['owns:StatefulSet/prod/db->Pod/prod/db-1'],
  );
  assert.equal(storesAt(history.reader(clusterScope('c')), at(-30)).objects, 0, 'before the first record: nothing');
  assert.equal(
    storesAt(history.reader(clusterScope('c')), at(90), 'elsewhere').objects,
    0,
    'one namespace: nothing of the others',
  );
  assert.equal(storesAt(history.reader(clusterScope('c')), at(90), 'prod').objects, 2);
  rec.stop();
  history.close();
});
