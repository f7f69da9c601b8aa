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

test('the volumes of grouped claims form a third group in the volumes column, and the class keeps one edge to it', () => {
  const g = big(30);
  g.nodes.push({ id: 'StorageClass/standard', kind: 'StorageClass', name: 'standard', status: 'ok' });
  for (let i = 0; i < 30; i++) {
    g.nodes.push({ id: `PersistentVolume/pv-${i}`, kind: 'PersistentVolume', name: `pv-${i}`, status: i === 7 ? 'warning' : 'ok' });
    g.edges.push({ id: `binds:${i}`, kind: 'binds', source: `PersistentVolumeClaim/a/data-db-${i}`, target: `PersistentVolume/pv-${i}` });
    g.edges.push({ id: `provisions:${i}`, kind: 'provisions', source: 'StorageClass/standard', target: `PersistentVolume/pv-${i}` });
  }
  // A volume nobody in the set claims stays itself.
  g.nodes.push({ id: 'PersistentVolume/stray', kind: 'PersistentVolume', name: 'stray', status: 'warning' });
  const d = groupLarge(g.nodes, g.edges, { maxNodes: 20, minGroup: 10 });
  const volumes = d.nodes.find((n) => n.id === 'Group/a/db/volumes');
  assert.equal(volumes?.memberKind, 'PersistentVolume');
  assert.equal(volumes?.members, 30);
  assert.equal(volumes?.status, 'warning');
  assert.ok(d.nodes.some((n) => n.id === 'PersistentVolume/stray'));
  assert.deepEqual(d.edges.filter((e) => e.kind === 'binds' || e.kind === 'provisions').map((e) => e.id).sort(), [
    'binds:Group/a/db/claims->Group/a/db/volumes',
    'provisions:StorageClass/standard->Group/a/db/volumes',
  ]);
});
