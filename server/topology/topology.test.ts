import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Pod, Service, StatefulSet } from '../cache/types';
import { driftReport } from './drift';
import { serviceDetail } from './endpoints';
import { loadFixtures } from '../../test/support/fixtures';
import { buildGraph } from './graph';
import { findingHealth } from '@/lib/wire/findings';
import { worstHealth } from '@/lib/wire/health';
import { diagnose, statefulSetDetail } from './ordinals';
import { podHealth } from './pods';
import { nodesOf } from '@/lib/wire/topology';

const FIX = join(import.meta.dirname, '../../test/fixtures');
const s = loadFixtures(join(FIX, 'topology/demo-cluster.yaml'), join(FIX, 'topology/demo-events.yaml'));
// "now" is a minute after the newest timestamp in the dump, so durations are stable.
const newest = Math.max(...s.Pod.list().map((p) => Date.parse(p.metadata.creationTimestamp ?? '0')));
const now = newest + 60_000;
const sts = (ns: string, name: string) => s.StatefulSet.get(ns, name) as StatefulSet;

test('a claim of a missing StorageClass is diagnosed, and it blocks ordinal 0', () => {
  const d = statefulSetDetail(sts('analytics', 'etcd'), s, now);
  const claim = d.findings.find((f) => f.code === 'claim.pendingMissingStorageClass');
  assert.deepEqual(
    [claim?.severity, claim?.params.storageClass, claim?.subject],
    ['error', 'fast', 'PersistentVolumeClaim/analytics/data-etcd-0'],
  );
  const ord0 = d.findings.find((f) => f.code === 'ordinal.notReady');
  assert.deepEqual([ord0?.params.ordinal, ord0?.params.blocks, ord0?.subject], [0, 1, 'Pod/analytics/etcd-0']);
  assert.match(String(ord0?.params.why), /unbound immediate PersistentVolumeClaims/);
  assert.deepEqual(
    d.diagnosis,
    d.findings.map((f) => f.message),
    'the diagnosis is the findings in words, in order',
  );
  assert.deepEqual(
    d.ordinals.map((o) => [o.ordinal, o.pod, o.phase]),
    [
      [0, 'etcd-0', 'Pending'],
      [1, null, 'Absent'],
      [2, null, 'Absent'],
    ],
  );
  assert.deepEqual(d.ordinals[0].pvcs, [{ name: 'data-etcd-0', phase: 'Pending', volume: null, storageClass: 'fast' }]);
  assert.deepEqual(
    d.ordinals.map((o) => o.status),
    [podHealth(s.Pod.get('analytics', 'etcd-0') as Pod, s, now).status, 'progressing', 'progressing'],
    "a cell's health is its pod's, progressing before the pod exists",
  );
  assert.equal(diagnose(sts('analytics', 'etcd'), s, now).health, 'error');
});

test('a rollout stuck at one ordinal names the ordinal, the revision and the readiness failure', () => {
  const k = sts('messaging', 'kafka');
  const d = statefulSetDetail(k, s, now);
  const stuck = d.findings.find((f) => f.code === 'ordinal.notReady' && f.params.ordinal === 2);
  assert.ok(stuck, JSON.stringify(d.findings));
  assert.match(String(stuck.params.why), /Readiness probe failed/);
  assert.equal(stuck.params.onUpdateRevision, true, 'the rollout is stuck at this ordinal');
  assert.equal(stuck.severity, 'warning');
  const o2 = d.ordinals.find((o) => o.ordinal === 2);
  assert.equal(o2?.updated, true);
  assert.equal(o2?.ready, false);
  assert.ok(d.ordinals.filter((o) => o.ordinal < 2).every((o) => o.ready && !o.updated));
  assert.equal(diagnose(k, s, now).health, 'warning');
});

test('a rollout held by a partition is reported as such, not as a failure', () => {
  const d = statefulSetDetail(sts('databases', 'postgres'), s, now);
  assert.equal(d.partition, 2);
  assert.deepEqual(
    d.findings.map((f) => [f.code, f.params.partition, f.params.held]),
    [['rollout.heldByPartition', 2, '0, 1']],
  );
  assert.deepEqual(
    d.ordinals.map((o) => o.updated),
    [false, false, true],
  );
  assert.equal(diagnose(sts('databases', 'postgres'), s, now).health, 'ok');
});

test('claims left by a scale-down show as orphan ordinals', () => {
  const d = statefulSetDetail(sts('analytics', 'cassandra'), s, now);
  assert.deepEqual(
    d.ordinals.map((o) => [o.ordinal, o.pod, o.orphan ?? false]),
    [
      [0, 'cassandra-0', false],
      [1, 'cassandra-1', false],
      [2, 'cassandra-2', false],
      [3, null, true],
      [4, null, true],
    ],
  );
  // whenScaled: Retain (the default) keeps them on purpose: information, and the set stays healthy.
  assert.deepEqual(
    d.ordinals.map((o) => o.status),
    ['ok', 'ok', 'ok', 'ok', 'ok'],
  );
  assert.equal(d.ordinals[3].pvcs[0].phase, 'Bound');
  const kept = d.findings.find((f) => f.code === 'scale.retainedClaims');
  assert.deepEqual(
    [kept?.severity, kept?.params.claims, kept?.params.whenScaled],
    ['info', 'data-cassandra-3, data-cassandra-4', 'Retain'],
  );
  assert.equal(kept?.params.deleteCommand, 'kubectl delete pvc -n analytics data-cassandra-3 data-cassandra-4');
  assert.match(d.diagnosis.join('\n'), /kept by whenScaled: Retain/);
  assert.equal(diagnose(sts('analytics', 'cassandra'), s, now).health, 'ok');
});

test('with whenScaled: Delete, claims left by a scale-down are a warning: the controller should have removed them', () => {
  const set = sts('analytics', 'cassandra');
  const deleting = {
    ...set,
    spec: { ...set.spec, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } },
  };
  const d = statefulSetDetail(deleting, s, now);
  assert.deepEqual(
    d.findings.map((f) => [f.code, f.severity]),
    [['scale.orphanedClaims', 'warning']],
  );
  assert.deepEqual(d.ordinals.map((o) => o.status).slice(3), ['warning', 'warning']);
});

test('healthy sets have no diagnosis', () => {
  for (const [ns, name] of [
    ['messaging', 'zookeeper'],
    ['databases', 'redis'],
  ]) {
    const d = statefulSetDetail(sts(ns, name), s, now);
    assert.deepEqual([d.diagnosis, d.findings], [[], []], `${ns}/${name}`);
    assert.equal(diagnose(sts(ns, name), s, now).health, 'ok');
  }
});

test('config drift: redis pods run an older redis-config through env and volume', () => {
  const r = driftReport(s, 'databases');
  const redis = r.findings.filter((f) => f.source === 'ConfigMap/databases/redis-config');
  assert.deepEqual(
    redis.map((f) => `${f.pod} ${f.consumption}`),
    [
      'databases/redis-0 env',
      'databases/redis-0 volume',
      'databases/redis-1 env',
      'databases/redis-1 volume',
      'databases/redis-2 env',
      'databases/redis-2 volume',
    ],
  );
  assert.ok(redis.every((f) => f.code === 'drift.staleConfig'));
  assert.match(redis[0].reason, /never refresh: restart the pod/);
  assert.match(redis[1].reason, /may not reload/);
  assert.match(redis[0].reason, /checksum\/config/);
  assert.ok(Date.parse(redis[0].sourceChanged) > Date.parse(redis[0].podStarted));
  assert.equal(
    r.findings.filter((f) => f.source.startsWith('Secret/')).length,
    0,
    'the postgres Secret did not change',
  );
  const src = r.sources.find((x) => x.source === 'ConfigMap/databases/redis-config');
  assert.deepEqual(src?.lastAppliedDiff, ['REDIS_MODE', 'redis.conf'], 'live data differs from what kubectl applied');
  assert.equal(src?.changedBy, 'kubectl-edit');
  assert.equal(src?.drifted, 3);
});

test('Service endpoints: selectors matching nothing, headless per-pod DNS names', () => {
  const ghost = serviceDetail(s.Service.get('analytics', 'metrics-exporter') as Service, s, now);
  assert.deepEqual(ghost.endpoints, []);
  assert.deepEqual(
    ghost.findings.map((f) => [f.code, f.severity, f.params.selector]),
    [['service.selectorMatchesNothing', 'warning', 'app.kubernetes.io/name=metrics-exporter']],
  );
  const pg = serviceDetail(s.Service.get('databases', 'postgres-headless') as Service, s, now);
  assert.equal(pg.headless, true);
  assert.deepEqual(
    pg.endpoints.map((e) => e.dns),
    [
      'postgres-0.postgres-headless.databases.svc.cluster.local',
      'postgres-1.postgres-headless.databases.svc.cluster.local',
      'postgres-2.postgres-headless.databases.svc.cluster.local',
    ],
  );
  const kafka = serviceDetail(s.Service.get('messaging', 'kafka-headless') as Service, s, now);
  assert.deepEqual(
    kafka.findings.map((f) => [f.code, f.params.count, f.params.pods]),
    [['service.somePodsNotReady', 1, 3]],
  );
  // kafka-2 is stuck (warning wherever it is shown): the Service it keeps from full strength says warning too.
  assert.equal(podHealth(s.Pod.get('messaging', 'kafka-2') as Pod, s, now).status, 'warning');
  assert.equal(kafka.findings[0].severity, 'warning');
  assert.deepEqual(
    kafka.endpoints.map((e) => e.ready),
    [true, true, false],
  );
});

test('the graph: ids and edge kinds as the API documents them, missing classes drawn in error, no dangling edges', () => {
  const g = buildGraph(s, {}, now);
  const ids = new Set(g.nodes.map((n) => n.id));
  for (const e of g.edges) assert.ok(ids.has(e.source) && ids.has(e.target), e.id);
  const node = (id: string) => g.nodes.find((n) => n.id === id);
  assert.equal(node('StorageClass/fast')?.status, 'error');
  assert.equal(node('StatefulSet/analytics/etcd')?.status, 'error');
  // Kept by whenScaled: Retain after a scale-down: fine, with the reason as a note.
  const kept = node('PersistentVolumeClaim/analytics/data-cassandra-3');
  assert.deepEqual([kept?.status, kept?.findings?.map((f) => f.code)], ['ok', ['claim.retained']]);
  const released = nodesOf(g.nodes, 'PersistentVolume').find((n) => n.info.claim === 'analytics/nightly-backup');
  assert.equal(released?.status, 'warning');
  assert.deepEqual(
    released?.findings?.map((f) => f.code),
    ['volume.released'],
  );
  const has = (kind: string, source: string, target: string) =>
    g.edges.some((e) => e.kind === kind && e.source === source && e.target === target);
  assert.ok(has('owns', 'StatefulSet/databases/redis', 'Pod/databases/redis-0'));
  assert.ok(has('claims', 'Pod/databases/redis-0', 'PersistentVolumeClaim/databases/data-redis-0'));
  assert.ok(has('claims', 'StatefulSet/analytics/cassandra', 'PersistentVolumeClaim/analytics/data-cassandra-4'));
  assert.ok(has('provisions', 'StorageClass/fast', 'PersistentVolumeClaim/analytics/data-etcd-0'));
  assert.ok(has('governs', 'Service/messaging/kafka-headless', 'StatefulSet/messaging/kafka'));
  assert.ok(has('selects', 'Service/databases/postgres', 'Pod/databases/postgres-1'));
  const mounts = g.edges.filter((e) => e.kind === 'mounts' && e.source === 'ConfigMap/databases/redis-config');
  assert.equal(mounts.length, 3);
  assert.ok(mounts.every((e) => e.drift === true));
  assert.ok(
    g.edges.some((e) => e.kind === 'mounts' && e.source === 'Secret/databases/postgres-credentials' && !e.drift),
  );
  const pvc = g.nodes.find((n) => n.id === 'PersistentVolumeClaim/databases/data-redis-0');
  const bind = g.edges.find((e) => e.kind === 'binds' && e.source === pvc?.id);
  assert.ok(bind && ids.has(bind.target) && bind.target.startsWith('PersistentVolume/'));
  assert.ok(g.edges.some((e) => e.kind === 'endpoint' && e.target === 'Pod/messaging/kafka-2'));
  assert.ok(g.edges.some((e) => e.kind === 'serves' && e.source === 'Service/analytics/metrics-exporter'));
});

test('a namespace graph holds its objects and the volumes and classes they reach, nothing else', () => {
  const g = buildGraph(s, { namespace: 'analytics' }, now);
  assert.ok(
    g.nodes.every((n) => n.namespace === 'analytics' || n.kind === 'PersistentVolume' || n.kind === 'StorageClass'),
  );
  assert.ok(
    !nodesOf(g.nodes, 'PersistentVolume').some((n) => n.info.claim === 'analytics/nightly-backup'),
    'a Released volume belongs to no claim in scope',
  );
  assert.ok(buildGraph(s, {}, now).nodes.length > g.nodes.length);
});

test('Secret values and last-applied annotations never reach the cache or the graph', () => {
  const everything = JSON.stringify([s.Secret.list(), buildGraph(s, {}, now), driftReport(s, undefined)]);
  for (const canary of ['demo-canary', Buffer.from('demo-canary-pg-s3cr3t').toString('base64')])
    assert.ok(!everything.includes(canary), canary);
  const sec = s.Secret.get('databases', 'postgres-credentials') as unknown as {
    dataHashes: Record<string, string>;
    annotationKeys: string[];
    data?: unknown;
  };
  assert.deepEqual(Object.keys(sec.dataHashes).sort(), ['POSTGRES_PASSWORD', 'REPLICATION_PASSWORD']);
  assert.deepEqual(sec.annotationKeys, ['kubectl.kubernetes.io/last-applied-configuration']);
  assert.equal(sec.data, undefined);
});

test('managedFields are dropped but their latest change is kept', () => {
  const cm = s.ConfigMap.get('databases', 'redis-config');
  assert.equal((cm?.metadata as unknown as Record<string, unknown>).managedFields, undefined);
  assert.equal(cm?.dataChange?.manager, 'kubectl-edit');
  assert.equal(cm?.lastChange?.manager, 'kubectl-edit');
});

test('every node not ok carries findings, and its health is the worst of theirs', () => {
  const g = buildGraph(s, {}, now);
  const unhealthy = g.nodes.filter((n) => n.status !== 'ok');
  assert.ok(unhealthy.length > 10);
  for (const n of unhealthy) {
    assert.ok(n.findings?.length, `${n.id} is ${n.status} without a finding`);
    assert.equal(worstHealth(n.findings.map(findingHealth)), n.status, n.id);
    assert.equal(n.reason, n.findings[0].message);
  }
  const etcd = g.nodes.find((n) => n.id === 'StatefulSet/analytics/etcd');
  assert.ok(etcd?.findings?.some((f) => f.code === 'claim.pendingMissingStorageClass'));
  const redisConfig = g.nodes.find((n) => n.id === 'ConfigMap/databases/redis-config');
  assert.deepEqual(
    redisConfig?.findings?.map((f) => f.code),
    ['config.podsStale', 'config.lastAppliedDiffers'],
  );
});
