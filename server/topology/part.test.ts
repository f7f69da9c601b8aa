import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEdge, GraphNode } from '@/lib/wire/topology';
import { GraphPart } from './part';

const node = (id: string, status: GraphNode['status'] = 'ok') =>
  ({ id, name: id, kind: 'Pod', status, info: {} }) as unknown as GraphNode;
const edge = (source: string, target: string): GraphEdge => ({
  id: `owns:${source}->${target}`,
  source,
  target,
  kind: 'owns',
});

test('an edge shows while both its ends are nodes of the part, whichever entry arrives first', () => {
  const p = new GraphPart();
  p.set('Pod/a/db-0', { node: node('Pod/a/db-0'), edges: [edge('StatefulSet/a/db', 'Pod/a/db-0')], reaches: [] });
  assert.equal(p.edges.size, 0, 'its StatefulSet is not drawn yet');
  p.set('StatefulSet/a/db', { node: node('StatefulSet/a/db'), edges: [], reaches: [] });
  assert.deepEqual([...p.edges.keys()], ['owns:StatefulSet/a/db->Pod/a/db-0']);
  const c = p.takeChange(7);
  assert.deepEqual(
    c.upsertNodes.map((n) => n.id),
    ['Pod/a/db-0', 'StatefulSet/a/db'],
  );
  assert.deepEqual(
    c.upsertEdges.map((e) => e.id),
    ['owns:StatefulSet/a/db->Pod/a/db-0'],
  );
  p.set('StatefulSet/a/db', undefined);
  assert.deepEqual(p.takeChange(8), {
    revision: 8,
    upsertNodes: [],
    removeNodes: ['StatefulSet/a/db'],
    upsertEdges: [],
    removeEdges: ['owns:StatefulSet/a/db->Pod/a/db-0'],
  });
});

test('a change says what differs from the last one taken, however often an id was touched meanwhile', () => {
  const p = new GraphPart();
  p.set('Pod/a/p', { node: node('Pod/a/p'), edges: [], reaches: [] });
  p.takeChange(1);
  p.set('Pod/a/p', { node: node('Pod/a/p', 'warning'), edges: [], reaches: [] });
  p.set('Pod/a/p', { node: node('Pod/a/p'), edges: [], reaches: [] });
  assert.deepEqual(p.takeChange(2).upsertNodes, [], 'back as it was: nothing to say');
  p.set('Pod/a/q', { node: node('Pod/a/q'), edges: [], reaches: [] });
  p.set('Pod/a/q', undefined);
  assert.deepEqual(
    p.takeChange(3),
    { revision: 3, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] },
    'came and went',
  );
});

test('a reached volume is held while any claim reaches it, and released by the last', () => {
  const p = new GraphPart();
  assert.deepEqual(
    p.set('PersistentVolumeClaim/a/x', {
      node: node('PersistentVolumeClaim/a/x'),
      edges: [],
      reaches: ['PersistentVolume/v'],
    }).held,
    ['PersistentVolume/v'],
  );
  assert.deepEqual(
    p.set('PersistentVolumeClaim/a/y', {
      node: node('PersistentVolumeClaim/a/y'),
      edges: [],
      reaches: ['PersistentVolume/v'],
    }).held,
    [],
    'already held',
  );
  assert.deepEqual(p.set('PersistentVolumeClaim/a/x', undefined).released, []);
  assert.equal(p.held('PersistentVolume/v'), true);
  assert.deepEqual(
    p.set('PersistentVolumeClaim/a/y', { node: node('PersistentVolumeClaim/a/y'), edges: [], reaches: [] }).released,
    ['PersistentVolume/v'],
  );
  assert.equal(p.held('PersistentVolume/v'), false);
});

test('an edge two entries derive stays until the last of them stops deriving it', () => {
  const p = new GraphPart();
  const e = edge('StorageClass/s', 'PersistentVolume/v');
  for (const id of ['StorageClass/s', 'PersistentVolume/v']) p.set(id, { node: node(id), edges: [], reaches: [] });
  p.set('PersistentVolumeClaim/a/x', { node: node('PersistentVolumeClaim/a/x'), edges: [e], reaches: [] });
  p.set('PersistentVolumeClaim/a/y', { node: node('PersistentVolumeClaim/a/y'), edges: [e], reaches: [] });
  p.set('PersistentVolumeClaim/a/x', undefined);
  assert.ok(p.edges.has(e.id), 'y still derives it');
  p.set('PersistentVolumeClaim/a/y', undefined);
  assert.ok(!p.edges.has(e.id));
  assert.equal(p.empty, false, 'the class and the volume are still entries');
});
