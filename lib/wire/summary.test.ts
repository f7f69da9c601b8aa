import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROBLEMS_LISTED, summarize } from './summary';
import type { Problem } from './problems';
import type { GraphEdge, GraphNode } from './topology';
import { testNode } from '@/test/support/nodes';

test('per-namespace counts, drifted pods once, the problems as ranked', () => {
  const nodes: GraphNode[] = [
    testNode('StatefulSet', 'db', { namespace: 'a', status: 'warning' }),
    testNode('Pod', 'db-0', { namespace: 'a', status: 'error' }),
    testNode('PersistentVolumeClaim', 'data-db-0', { namespace: 'a', info: { phase: 'Pending' } }),
    testNode('Service', 'web', { namespace: 'b', status: 'warning', info: { ready: 0 } }),
    testNode('PersistentVolume', 'pv-old', { info: { phase: 'Released' } }),
  ];
  const edges: GraphEdge[] = [
    { id: 'owns:StatefulSet/a/db->Pod/a/db-0', source: 'StatefulSet/a/db', target: 'Pod/a/db-0', kind: 'owns' },
    {
      id: 'mounts:ConfigMap/a/c->Pod/a/db-0',
      source: 'ConfigMap/a/c',
      target: 'Pod/a/db-0',
      kind: 'mounts',
      drift: true,
    },
    { id: 'mounts:Secret/a/s->Pod/a/db-0', source: 'Secret/a/s', target: 'Pod/a/db-0', kind: 'mounts', drift: true },
  ];
  const s = summarize(9, nodes, edges, [problem('ordinal.notReady', 'StatefulSet/a/db', ['Pod/a/db-0'])]);
  assert.equal(s.revision, 9);
  assert.deepEqual(
    s.namespaces.map((n) => [n.namespace, n.health]),
    [
      ['a', 'error'],
      ['b', 'warning'],
    ],
  );
  const a = s.namespaces[0];
  assert.deepEqual([a.statefulSets, a.claims.pending, a.driftedPods], [{ total: 1, unhealthy: 1 }, 1, 1]);
  assert.deepEqual(s.namespaces[1].services, { total: 1, withoutEndpoints: 1 });
  assert.deepEqual(
    s.problems.map((p) => p.cause),
    ['StatefulSet/a/db'],
  );
  assert.equal(s.releasedVolumes, 1);
});

test('a cluster with thousands of problems lists the first few and counts them all but information', () => {
  const many = Array.from({ length: 500 }, (_, i) => problem('pod.notReady', `Pod/ns/p-${i}`, []));
  const s = summarize(
    1,
    [],
    [],
    [...many, { ...problem('scale.retainedClaims', 'StatefulSet/ns/x', []), impact: 'information' }],
  );
  assert.equal(s.problemCount, 500);
  assert.equal(s.problems.length, PROBLEMS_LISTED);
  assert.equal(s.problems[0].cause, 'Pod/ns/p-0', 'in the order given (already ranked)');
});

function problem(code: Problem['code'], cause: string, affected: string[]): Problem {
  return {
    id: `${code}:${cause}`,
    code,
    severity: 'warning',
    impact: 'serving',
    title: code,
    params: {},
    cause,
    affected,
    serving: 1,
    blastRadius: 1,
    since: '2026-01-01T00:00:00.000Z',
  };
}
