import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEdge, GraphNode } from './topology';
import { groupLarge, type Drawn, type GroupNode } from './group';
import { testNode } from '@/test/support/nodes';

const big = (n: number) => {
  const nodes: GraphNode[] = [testNode('StatefulSet', 'db', { namespace: 'a' })];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(testNode('Pod', `db-${i}`, { namespace: 'a', status: i === 3 ? 'error' : 'ok' }));
    nodes.push(testNode('PersistentVolumeClaim', `data-db-${i}`, { namespace: 'a' }));
    edges.push({ id: `owns:${i}`, kind: 'owns', source: 'StatefulSet/a/db', target: `Pod/a/db-${i}` });
    edges.push({
      id: `claims:${i}`,
      kind: 'claims',
      source: `Pod/a/db-${i}`,
      target: `PersistentVolumeClaim/a/data-db-${i}`,
    });
  }
  return { nodes, edges };
};

function group(d: Drawn, id: string): GroupNode {
  const n = d.nodes.find((x) => x.id === id);
  assert.ok(n?.kind === 'Group', `${id} is a group`);
  return n;
}

test('small graphs are drawn as they are', () => {
  const g = big(3);
  assert.equal(groupLarge(g.nodes, g.edges, { maxNodes: 100, minGroup: 2 }).nodes.length, 7);
});

test('big sets collapse into pod and claim groups that keep the worst status and the counts', () => {
  const g = big(50);
  const d = groupLarge(g.nodes, g.edges, { maxNodes: 20, minGroup: 10 });
  assert.deepEqual(d.nodes.map((n) => n.id).sort(), ['Group/a/db/claims', 'Group/a/db/pods', 'StatefulSet/a/db']);
  const pods = group(d, 'Group/a/db/pods');
  assert.equal(pods?.status, 'error');
  assert.deepEqual(pods?.counts, { ok: 49, error: 1 });
  assert.deepEqual(d.edges.map((e) => e.id).sort(), [
    'claims:Group/a/db/pods->Group/a/db/claims',
    'owns:StatefulSet/a/db->Group/a/db/pods',
  ]);
});

test('the volumes of grouped claims form a third group in the volumes column, and the class keeps one edge to it', () => {
  const g = big(30);
  g.nodes.push(testNode('StorageClass', 'standard'));
  for (let i = 0; i < 30; i++) {
    g.nodes.push(testNode('PersistentVolume', `pv-${i}`, { status: i === 7 ? 'warning' : 'ok' }));
    g.edges.push({
      id: `binds:${i}`,
      kind: 'binds',
      source: `PersistentVolumeClaim/a/data-db-${i}`,
      target: `PersistentVolume/pv-${i}`,
    });
    g.edges.push({
      id: `provisions:${i}`,
      kind: 'provisions',
      source: 'StorageClass/standard',
      target: `PersistentVolume/pv-${i}`,
    });
  }
  // A volume nobody in the set claims stays itself.
  g.nodes.push(testNode('PersistentVolume', 'stray', { status: 'warning' }));
  const d = groupLarge(g.nodes, g.edges, { maxNodes: 20, minGroup: 10 });
  const volumes = group(d, 'Group/a/db/volumes');
  assert.equal(volumes?.memberKind, 'PersistentVolume');
  assert.equal(volumes?.members, 30);
  assert.equal(volumes?.status, 'warning');
  assert.ok(d.nodes.some((n) => n.id === 'PersistentVolume/stray'));
  assert.deepEqual(
    d.edges
      .filter((e) => e.kind === 'binds' || e.kind === 'provisions')
      .map((e) => e.id)
      .sort(),
    ['binds:Group/a/db/claims->Group/a/db/volumes', 'provisions:StorageClass/standard->Group/a/db/volumes'],
  );
});

test('many small sets are grouped too, biggest first, until the graph fits', () => {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let s = 0; s < 40; s++) {
    const size = s < 10 ? 8 : 3;
    nodes.push(testNode('StatefulSet', `s${s}`, { namespace: 'a' }));
    for (let i = 0; i < size; i++) {
      nodes.push(testNode('Pod', `s${s}-${i}`, { namespace: 'a' }));
      edges.push({ id: `o${s}-${i}`, kind: 'owns', source: `StatefulSet/a/s${s}`, target: `Pod/a/s${s}-${i}` });
    }
  }
  // 40 sets + 80 + 90 pods = 210 nodes; each set of 8 that collapses saves 7: ten of them → 140.
  const d = groupLarge(nodes, edges, { maxNodes: 140, minGroup: 25 });
  assert.ok(d.nodes.length <= 140, `${d.nodes.length} nodes`);
  const grouped = new Set(d.nodes.filter((n) => n.kind === 'Group').map((n) => n.id));
  for (let s = 0; s < 10; s++) assert.ok(grouped.has(`Group/a/s${s}/pods`), `s${s} (8 pods) grouped`);
  assert.equal(grouped.size, 10, 'the sets of 3 stay drawn, the graph already fits');
  assert.equal(
    groupLarge(nodes, edges, { maxNodes: 60, minGroup: 25 }).nodes.filter((n) => n.kind === 'Group').length,
    40,
  );
});

test('orphaned claims, reached only from their StatefulSet, join its claims group', () => {
  const g = big(30);
  g.nodes.push(testNode('PersistentVolumeClaim', 'data-db-40', { namespace: 'a', status: 'warning' }));
  g.edges.push({
    id: 'claims:orphan',
    kind: 'claims',
    source: 'StatefulSet/a/db',
    target: 'PersistentVolumeClaim/a/data-db-40',
  });
  const d = groupLarge(g.nodes, g.edges, { maxNodes: 20, minGroup: 10 });
  const claims = group(d, 'Group/a/db/claims');
  assert.equal(claims?.members, 31);
  assert.equal(claims?.status, 'warning');
});
