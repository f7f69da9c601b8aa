import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEdge, GraphNode, Health, NodeKind } from '@/lib/wire/topology';
import { filterGraph, GRAPH_KINDS, parseKinds, searchGraph } from './filter';
import { testNode } from '@/test/support/nodes';

const node = (kind: NodeKind, name: string, status: Health = 'ok'): GraphNode => testNode(kind, name, { status });
const edge = (a: GraphNode, b: GraphNode): GraphEdge => ({
  id: `${a.id}>${b.id}`,
  source: a.id,
  target: b.id,
  kind: 'owns',
});

// A chain svc → sts → pod(bad) → pvc → pv → class: only sts and pvc neighbour the problem.
const svc = node('Service', 'db');
const sts = node('StatefulSet', 'db');
const pod = node('Pod', 'db-0', 'error');
const pvc = node('PersistentVolumeClaim', 'data-db-0');
const pv = node('PersistentVolume', 'pv-1');
const cls = node('StorageClass', 'standard');
const nodes = [svc, sts, pod, pvc, pv, cls];
const chain = [edge(svc, sts), edge(sts, pod), edge(pod, pvc), edge(pvc, pv), edge(pv, cls)];

const names = (g: { nodes: GraphNode[] }) => g.nodes.map((n) => n.name).sort();
const all = parseKinds('');

test('problems only keeps problems and their direct neighbours, whatever the order of the edges', () => {
  const want = ['data-db-0', 'db', 'db-0'];
  for (const edges of [chain, [...chain].reverse(), [chain[2], chain[3], chain[4], chain[1], chain[0]]]) {
    const g = filterGraph({ nodes, edges }, { kinds: all, problemsOnly: true });
    assert.deepEqual(names(g), want, edges.map((e) => e.id).join(' '));
    assert.equal(
      g.nodes.find((n) => n.kind === 'Service'),
      undefined,
      'two hops away is not a neighbour',
    );
    assert.deepEqual(g.edges.map((e) => e.id).sort(), [chain[1].id, chain[2].id].sort());
  }
});

test('kinds filter nodes and the edges that touch them; a hidden kind is no neighbour', () => {
  const noPods = filterGraph(
    { nodes, edges: chain },
    { kinds: new Set(GRAPH_KINDS.filter((k) => k !== 'Pod')), problemsOnly: false },
  );
  assert.ok(!noPods.nodes.some((n) => n.kind === 'Pod'));
  assert.ok(noPods.edges.every((e) => !e.source.startsWith('Pod/') && !e.target.startsWith('Pod/')));
  assert.deepEqual(
    filterGraph({ nodes, edges: chain }, { kinds: parseKinds('Service,StatefulSet'), problemsOnly: true }).nodes,
    [],
  );
  assert.deepEqual(filterGraph({ nodes, edges: chain }, { kinds: all, problemsOnly: false }).nodes, nodes);
});

test('search matches namespace/name and kind, in any case; no query, no matches set', () => {
  assert.equal(searchGraph(nodes, '  '), null);
  assert.deepEqual([...(searchGraph(nodes, 'DB-0') ?? [])].sort(), [pod.id, pvc.id].sort());
  assert.deepEqual([...(searchGraph(nodes, 'storageclass') ?? [])], [cls.id]);
  assert.deepEqual([...(searchGraph(nodes, ' ns/db-0 ') ?? [])], [pod.id], 'trimmed, matched against namespace/name');
  assert.equal(searchGraph(nodes, '<script>')?.size, 0);
});
