import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFixtures } from '../../test/support/fixtures';
import { buildGraph } from './graph';
import { inNamespace, problemsOf } from './problems';

const FIX = join(import.meta.dirname, '../../test/fixtures');
const s = loadFixtures(join(FIX, 'topology/demo-cluster.yaml'), join(FIX, 'topology/demo-events.yaml'));
const newest = Math.max(...s.Pod.list().map((p) => Date.parse(p.metadata.creationTimestamp ?? '0')));
const now = newest + 60_000;
const g = buildGraph(s, {}, now);
const problems = problemsOf(g.nodes, g.edges, { firstSeen: () => now });
const byCause = (cause: string) => problems.find((p) => p.cause === cause);

test('one missing StorageClass is one problem, listing the claim, pod, StatefulSet and Service it breaks', () => {
  const p = byCause('StorageClass/fast');
  assert.ok(p, problems.map((x) => x.id).join('\n'));
  assert.equal(p.code, 'storageClass.missing');
  assert.equal(p.severity, 'error');
  for (const id of [
    'PersistentVolumeClaim/analytics/data-etcd-0',
    'Pod/analytics/etcd-0',
    'StatefulSet/analytics/etcd',
    'Service/analytics/etcd-headless',
  ])
    assert.ok(p.affected.includes(id), `${id} in ${p.affected.join(', ')}`);
  for (const id of p.affected) assert.equal(byCause(id), undefined, `${id} is not a problem of its own`);
  assert.match(
    p.title,
    /^StorageClass fast: StorageClass fast does not exist — affects 1 claim, 1 pod, 1 StatefulSet, 1 Service/,
  );
});

test('a rollout stuck on its update revision is the cause of its pod, and ranks first: it breaks a serving set', () => {
  const p = problems[0];
  assert.equal(
    p.id,
    'rollout.stuck:StatefulSet/messaging/kafka',
    problems.map((x) => `${x.id} ${x.serving} ${x.blastRadius}`).join('\n'),
  );
  assert.ok(p.affected.includes('Pod/messaging/kafka-2'));
  assert.ok(p.affected.includes('Service/messaging/kafka-headless'), 'the Service loses an endpoint');
  assert.equal(p.impact, 'serving');
  assert.match(p.title, /^Rollout of StatefulSet messaging\/kafka stuck at ordinal 2/);
  assert.equal(byCause('Pod/messaging/kafka-2'), undefined);
});

test('ranked by impact, never by name: serving first, drift after, retained claims as information last', () => {
  const order = problems.map((p) => p.impact);
  const rank = ['serving', 'rollout', 'drift', 'other', 'information'];
  assert.deepEqual(
    [...order].sort((a, b) => rank.indexOf(a) - rank.indexOf(b)),
    order,
  );
  const drift = byCause('ConfigMap/databases/redis-config');
  assert.equal(drift?.impact, 'drift');
  assert.ok(
    drift?.affected.some((a) => a.startsWith('Pod/databases/redis-')),
    'the stale pods are listed',
  );
  const kept = byCause('StatefulSet/analytics/cassandra');
  assert.deepEqual([kept?.code, kept?.impact, kept?.severity], ['scale.retainedClaims', 'information', 'info']);
  assert.deepEqual(kept?.affected, [
    'PersistentVolumeClaim/analytics/data-cassandra-3',
    'PersistentVolumeClaim/analytics/data-cassandra-4',
  ]);
  // Names cannot reorder: kafka renamed to sort last and etcd to sort first, the rollout still leads.
  const rename = (id: string) =>
    id.replace('messaging/kafka', 'messaging/zzz-kafka').replace('analytics/etcd', 'analytics/aaa-etcd');
  const renamed = problemsOf(
    g.nodes.map((n) => ({
      ...n,
      id: rename(n.id),
      findings: n.findings?.map((f) => (f.subject ? { ...f, subject: rename(f.subject) } : f)),
    })),
    g.edges.map((e) => ({ ...e, source: rename(e.source), target: rename(e.target) })),
    { firstSeen: () => now },
  );
  assert.equal(renamed[0].cause, 'StatefulSet/messaging/zzz-kafka');
});

test('every node in trouble is a cause or listed under one, exactly once', () => {
  const listed = problems.flatMap((p) => [p.cause, ...p.affected]);
  for (const n of g.nodes.filter((x) => x.status === 'warning' || x.status === 'error'))
    assert.ok(listed.includes(n.id), n.id);
  const causes = problems.map((p) => p.cause);
  assert.equal(new Set(causes).size, causes.length);
});

test('a namespace gets the problems caused or felt there, a cluster-wide cause included', () => {
  const analytics = inNamespace(problems, 'analytics').map((p) => p.cause);
  assert.ok(analytics.includes('StorageClass/fast'));
  assert.ok(!analytics.includes('StatefulSet/messaging/kafka'));
});

test('changed config lists its stale pods, but a stale pod stuck in a rollout stays under the rollout', () => {
  // kafka-config edited: every kafka pod runs it stale, kafka-2 among them.
  const edges = [
    ...g.edges,
    ...['kafka-0', 'kafka-1', 'kafka-2'].map((p) => ({
      id: `mounts:ConfigMap/messaging/kafka-config->Pod/messaging/${p}`,
      source: 'ConfigMap/messaging/kafka-config',
      target: `Pod/messaging/${p}`,
      kind: 'mounts' as const,
      drift: true,
    })),
  ];
  const nodes = g.nodes.map((n) =>
    n.id === 'ConfigMap/messaging/kafka-config'
      ? {
          ...n,
          status: 'warning' as const,
          findings: [
            {
              code: 'config.podsStale' as const,
              severity: 'warning' as const,
              message: '3 pod(s) run with an older version',
              params: { pods: 3 },
            },
          ],
        }
      : n,
  );
  const ps = problemsOf(nodes, edges, { firstSeen: () => now });
  assert.equal(ps[0].id, 'rollout.stuck:StatefulSet/messaging/kafka');
  assert.ok(ps[0].affected.includes('Pod/messaging/kafka-2'));
  const drift = ps.find((p) => p.cause === 'ConfigMap/messaging/kafka-config');
  assert.deepEqual(drift?.affected, ['Pod/messaging/kafka-0', 'Pod/messaging/kafka-1', 'Pod/messaging/kafka-2']);
  assert.equal(drift?.impact, 'drift');
});
