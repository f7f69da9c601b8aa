import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edgeEnds, filterChange, filterTopology, kindsParam, parseKindsParam, scopeKey } from './scope';
import type { GraphEdge, Topology } from './topology';
import { testNode } from '@/test/support/nodes';

const edge = (kind: GraphEdge['kind'], source: string, target: string): GraphEdge => ({
  id: `${kind}:${source}->${target}`,
  source,
  target,
  kind,
});

const t: Topology = {
  revision: 4,
  nodes: [
    testNode('StatefulSet', 'db', { namespace: 'a' }),
    testNode('Pod', 'db-0', { namespace: 'a' }),
    testNode('PersistentVolumeClaim', 'data-db-0', { namespace: 'a' }),
    testNode('PersistentVolume', 'pv-1'),
  ],
  edges: [
    edge('owns', 'StatefulSet/a/db', 'Pod/a/db-0'),
    edge('binds', 'PersistentVolumeClaim/a/data-db-0', 'PersistentVolume/pv-1'),
  ],
};

test('kinds are parsed into the kinds table order without repeats; unknown names are named back', () => {
  assert.deepEqual(parseKindsParam('Pod,StatefulSet,Pod'), { kinds: ['StatefulSet', 'Pod'] });
  assert.deepEqual(parseKindsParam('Pod,Deployment,<b>'), { unknown: ['Deployment', '<b>'] });
  assert.ok('unknown' in parseKindsParam(','), 'an empty list is refused');
  assert.equal(kindsParam(['Pod', 'StatefulSet']), 'StatefulSet,Pod');
  assert.equal(scopeKey({ kinds: ['Pod', 'StatefulSet'] }), scopeKey({ kinds: ['StatefulSet', 'Pod'] }));
  assert.notEqual(scopeKey({ namespace: 'a' }), scopeKey({ namespace: 'a', kinds: ['Pod'] }));
});

test('a filtered topology keeps the kinds asked for and the edges between them', () => {
  const storage = filterTopology(t, ['PersistentVolumeClaim', 'PersistentVolume']);
  assert.deepEqual(
    storage.nodes.map((n) => n.id),
    ['PersistentVolumeClaim/a/data-db-0', 'PersistentVolume/pv-1'],
  );
  assert.deepEqual(
    storage.edges.map((e) => e.kind),
    ['binds'],
  );
  assert.equal(filterTopology(t, undefined), t, 'every kind: the same object, nothing copied');
});

test('a filtered change drops upserts and removals of other kinds, edges by their ends', () => {
  const c = filterChange(
    {
      revision: 5,
      upsertNodes: t.nodes,
      removeNodes: ['Pod/a/db-1', 'StatefulSet/a/old'],
      upsertEdges: t.edges,
      removeEdges: ['owns:StatefulSet/a/db->Pod/a/db-1'],
    },
    ['StatefulSet'],
  );
  assert.deepEqual(
    c.upsertNodes.map((n) => n.id),
    ['StatefulSet/a/db'],
  );
  assert.deepEqual(c.removeNodes, ['StatefulSet/a/old']);
  assert.deepEqual(c.upsertEdges, []);
  assert.deepEqual(c.removeEdges, []);
  assert.deepEqual(edgeEnds('mounts:ConfigMap/a/cfg->Pod/a/db-0'), { source: 'ConfigMap/a/cfg', target: 'Pod/a/db-0' });
});
