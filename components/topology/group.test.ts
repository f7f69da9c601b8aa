import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEdge, GraphNode } from '@/lib/wire/topology';
import { groupLarge } from './group';

const big = (n: number) => {
  const nodes: GraphNode[] = [{ id: 'StatefulSet/a/db', kind: 'StatefulSet', namespace: 'a', name: 'db', status: 'ok' }];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `Pod/a/db-${i}`, kind: 'Pod', namespace: 'a', name: `db-${i}`, status: i === 3 ? 'error' : 'ok' });
    nodes.push({ id: `PersistentVolumeClaim/a/data-db-${i}`, kind: 'PersistentVolumeClaim', namespace: 'a', name: `data-db-${i}`, status: 'ok' });
    edges.push({ id: `owns:${i}`, kind: 'owns', source: 'StatefulSet/a/db', target: `Pod/a/db-${i}` });
    edges.push({ id: `claims:${i}`, kind: 'claims', source: `Pod/a/db-${i}`, target: `PersistentVolumeClaim/a/data-db-${i}` });
  }
  return { nodes, edges };
};

test('small graphs are drawn as they are', () => {
  const g = big(3);
  assert.equal(groupLarge(g.nodes, g.edges, { maxNodes: 100, minGroup: 2 }).nodes.length, 7);
});

test('big sets collapse into pod and claim groups that keep the worst status and the counts', () => {
  const g = big(50);
  const d = groupLarge(g.nodes, g.edges, { maxNodes: 20, minGroup: 10 });
  assert.deepEqual(d.nodes.map((n) => n.id).sort(), ['Group/a/db/claims', 'Group/a/db/pods', 'StatefulSet/a/db']);
  const pods = d.nodes.find((n) => n.id === 'Group/a/db/pods');
  assert.equal(pods?.status, 'error');
  assert.deepEqual(pods?.counts, { ok: 49, error: 1 });
  assert.deepEqual(d.edges.map((e) => e.id).sort(), ['claims:Group/a/db/pods->Group/a/db/claims', 'owns:StatefulSet/a/db->Group/a/db/pods']);
});
