import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode, TopologyChange } from '@/lib/wire/topology';
import { GraphUnion } from './union';

const pv = (status: GraphNode['status']) =>
  ({ id: 'PersistentVolume/pv-1', kind: 'PersistentVolume', name: 'pv-1', status }) as GraphNode;
const empty = (): TopologyChange => ({
  revision: 1,
  upsertNodes: [],
  removeNodes: [],
  upsertEdges: [],
  removeEdges: [],
});

test('a node two parts hold is in the union once, changes when its content does, and leaves with its last holder', () => {
  const u = new GraphUnion();
  const out1 = empty();
  u.apply('a', { ...empty(), upsertNodes: [pv('ok')] }, out1);
  assert.deepEqual(
    out1.upsertNodes.map((n) => n.id),
    ['PersistentVolume/pv-1'],
  );
  const out2 = empty();
  u.apply('b', { ...empty(), upsertNodes: [pv('ok')] }, out2);
  assert.deepEqual(out2.upsertNodes, [], 'the same content from another part changes nothing');
  const out3 = empty();
  u.apply('b', { ...empty(), upsertNodes: [pv('warning')] }, out3);
  assert.equal(out3.upsertNodes[0]?.status, 'warning');
  const out4 = empty();
  u.apply('a', { ...empty(), removeNodes: ['PersistentVolume/pv-1'] }, out4);
  assert.deepEqual(out4.removeNodes, [], 'b still holds it');
  assert.ok(u.nodes.has('PersistentVolume/pv-1'));
  const out5 = empty();
  u.apply('b', { ...empty(), removeNodes: ['PersistentVolume/pv-1'] }, out5);
  assert.deepEqual(out5.removeNodes, ['PersistentVolume/pv-1']);
  assert.equal(u.nodes.size, 0);
});
