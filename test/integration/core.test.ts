import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { Service, StatefulSet } from '../../server/cache/types';
import { driftReport } from '../../server/topology/drift';
import { serviceDetail } from '../../server/topology/endpoints';
import { statefulSetDetail } from '../../server/topology/ordinals';
import { startCore, type Core } from './core-harness';
import { eventually, startDemoSim, type TestSim } from './harness';

let t: TestSim;
let core: Core;
before(async () => {
  t = await startDemoSim();
  core = await startCore(t);
});
after(async () => {
  await core.stop();
  await t.close();
});

const detail = (ns: string, name: string) =>
  statefulSetDetail(core.cache.stores.StatefulSet.get(ns, name) as StatefulSet, core.cache.stores, Date.now());

test('through client-node against the sim, the core reports every trouble case of the demo', () => {
  assert.ok(
    detail('analytics', 'etcd').diagnosis.includes('claim data-etcd-0 Pending: StorageClass fast does not exist'),
  );
  assert.ok(
    detail('messaging', 'kafka').diagnosis.some(
      (d) => d.startsWith('ordinal 2 not Ready') && d.includes('the rollout is stuck here'),
    ),
  );
  assert.ok(detail('databases', 'postgres').diagnosis[0].startsWith('rollout held at partition 2'));
  assert.ok(
    detail('analytics', 'cassandra').diagnosis.some((d) =>
      d.startsWith('claims of removed ordinals kept by whenScaled: Retain: data-cassandra-3, data-cassandra-4'),
    ),
  );
  // Grouped by cause: the stuck rollout first; the missing class one problem over its claim, pod, set and Service.
  const { problems } = core.engine.problems();
  assert.equal(problems[0].id, 'rollout.stuck:StatefulSet/messaging/kafka');
  const fast = problems.find((p) => p.cause === 'StorageClass/fast');
  assert.deepEqual(fast?.affected.filter((a) => !a.startsWith('EndpointSlice/')).sort(), [
    'PersistentVolumeClaim/analytics/data-etcd-0',
    'Pod/analytics/etcd-0',
    'Service/analytics/etcd-headless',
    'StatefulSet/analytics/etcd',
  ]);
  const drift = driftReport(core.cache.stores, 'databases', core.cache.history);
  assert.equal(drift.findings.filter((f) => f.source === 'ConfigMap/databases/redis-config').length, 6);
  const svc = serviceDetail(
    core.cache.stores.Service.get('analytics', 'metrics-exporter') as Service,
    core.cache.stores,
    Date.now(),
  );
  assert.match(svc.diagnosis[0], /matches no pods/);
  const topo = core.engine.snapshot();
  const released = topo.nodes.find(
    (n) => n.kind === 'PersistentVolume' && n.info?.claim === 'analytics/nightly-backup',
  );
  assert.equal(released?.status, 'warning');
  assert.equal(topo.nodes.find((n) => n.id === 'StorageClass/fast')?.status, 'error');
});

test('a scale-up reaches the topology as change events, each new ordinal turning Ready', async () => {
  const changes: string[] = [];
  const off = core.engine.onChange((e) => {
    for (const n of e.cluster.upsertNodes)
      if (n.id.startsWith('Pod/messaging/zookeeper-')) changes.push(`${n.id.split('/')[2]}:${n.status}`);
  });
  await t.kubectl('scale', 'sts/zookeeper', '-n', 'messaging', '--replicas=5');
  await eventually('zookeeper-4 ok in the topology', () =>
    core.engine.snapshot().nodes.some((n) => n.id === 'Pod/messaging/zookeeper-4' && n.status === 'ok'),
  );
  off();
  assert.ok(
    changes.indexOf('zookeeper-3:ok') < changes.findIndex((c) => c.startsWith('zookeeper-4')),
    `zookeeper-4 appears after zookeeper-3 is Ready: ${changes.join(' ')}`,
  );
  const d = detail('messaging', 'zookeeper');
  assert.deepEqual(
    d.ordinals.map((o) => o.ready),
    [true, true, true, true, true],
  );
});

test('a ConfigMap edited while watching yields drift with the changed keys', async () => {
  // API timestamps have second precision: an edit in the same second a pod started cannot be ordered.
  const starts = core.cache.stores.Pod.list('messaging').map((p) => Date.parse(p.status?.startTime ?? '0'));
  await eventually(
    'a second boundary after the last pod start',
    () => Math.floor(Date.now() / 1000) * 1000 > Math.max(...starts),
  );
  const r = await t.kubectl(
    'patch',
    'configmap',
    'kafka-config',
    '-n',
    'messaging',
    '--type=merge',
    '-p',
    JSON.stringify({ data: { 'server.properties': 'num.partitions=24\n', 'log.retention.hours': '72' } }),
  );
  assert.equal(r.code, 0, r.stderr);
  await eventually('kafka drift with keys', () => {
    const f = driftReport(core.cache.stores, 'messaging', core.cache.history).findings.filter(
      (x) => x.source === 'ConfigMap/messaging/kafka-config',
    );
    return f.length === 3 && f.every((x) => x.consumption === 'subPath' && x.keys?.join() === 'server.properties');
  });
  const topo = core.engine.snapshot('messaging');
  assert.ok(
    topo.edges
      .filter((e) => e.kind === 'mounts' && e.source === 'ConfigMap/messaging/kafka-config')
      .every((e) => e.drift),
  );
});

test('a deleted pod leaves and returns under the same name, and the graph follows', async () => {
  const before = core.cache.stores.Pod.get('databases', 'redis-1')?.metadata.uid;
  await t.kc.makeApiClient(CoreV1Api).deleteNamespacedPod({ name: 'redis-1', namespace: 'databases' });
  await eventually('redis-1 back, Ready, with a new uid', () => {
    const p = core.cache.stores.Pod.get('databases', 'redis-1');
    return (
      p &&
      p.metadata.uid !== before &&
      core.engine.snapshot('databases').nodes.some((n) => n.id === 'Pod/databases/redis-1' && n.status === 'ok')
    );
  });
});

test('the server only ever gets, lists and watches', async () => {
  await t.kc.makeApiClient(AppsV1Api).listStatefulSetForAllNamespaces();
  const log = (await t.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; userAgent: string; path: string }>;
  const ours = log.filter((r) => r.userAgent.startsWith('ordinal-dashboard'));
  assert.ok(ours.length > 11, `the dashboard made requests (${ours.length})`);
  const verbs = new Set(ours.map((r) => r.verb));
  assert.deepEqual(
    [...verbs].filter((v) => !['get', 'list', 'watch'].includes(v)),
    [],
  );
  assert.ok(
    ours.some((r) => r.verb === 'watch' && r.path.includes('allowWatchBookmarks=true')),
    'watches ask for bookmarks',
  );
});

test('ORDINAL_NAMESPACES restricts the namespaced informers to those namespaces', async () => {
  const scoped = await startCore(t, { namespaces: ['messaging'] });
  try {
    const namespaces = new Set(scoped.cache.stores.Pod.list().map((p) => p.metadata.namespace));
    assert.deepEqual([...namespaces], ['messaging']);
    assert.ok(scoped.cache.stores.PersistentVolume.size > 0, 'cluster-scoped kinds are still watched');
    assert.ok(scoped.engine.snapshot().nodes.every((n) => !n.namespace || n.namespace === 'messaging'));
    const log = (await t.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; userAgent: string; path: string }>;
    const podWatches = log.filter(
      (r) =>
        r.userAgent.startsWith('ordinal-dashboard') &&
        r.path.includes('/pods?') &&
        r.path.includes('/namespaces/messaging/'),
    );
    assert.ok(podWatches.length >= 2, 'pods are listed and watched in messaging');
  } finally {
    await scoped.stop();
  }
});
