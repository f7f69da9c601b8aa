import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyChange } from './apply';
import type { Topology } from './topology';
import { testNode } from '@/test/support/nodes';

const t0: Topology = {
  revision: 5,
  nodes: [testNode('Pod', 'p-0', { namespace: 'a' })],
  edges: [{ id: 'owns:x->y', source: 'StatefulSet/a/p', target: 'Pod/a/p-0', kind: 'owns' }],
};

test('a change upserts and removes nodes and edges, and moves the revision', () => {
  const t1 = applyChange(t0, {
    revision: 6,
    upsertNodes: [
      testNode('Pod', 'p-0', { namespace: 'a', status: 'warning' }),
      testNode('Pod', 'p-1', { namespace: 'a', status: 'progressing' }),
    ],
    removeNodes: [],
    upsertEdges: [],
    removeEdges: ['owns:x->y'],
  });
  assert.equal(t1.revision, 6);
  assert.deepEqual(
    t1.nodes.map((n) => `${n.name}:${n.status}`),
    ['p-0:warning', 'p-1:progressing'],
  );
  assert.deepEqual(t1.edges, []);
  assert.equal(t0.nodes[0].status, 'ok', 'the input is not mutated');
});

test('a change at or below the snapshot revision is ignored', () => {
  assert.equal(
    applyChange(t0, { revision: 5, upsertNodes: [], removeNodes: ['Pod/a/p-0'], upsertEdges: [], removeEdges: [] }),
    t0,
  );
});
