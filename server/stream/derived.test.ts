import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEdge, GraphNode } from '@/lib/wire/topology';
import { DerivedViews } from './derived';

function source() {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const s = { rev: 1, nodes, edges };
  const views = new DerivedViews({ revision: () => s.rev, nodes, edges, part: () => ({ nodes, edges }) });
  return { s, views };
}

const cls = {
  id: 'StorageClass/fast',
  kind: 'StorageClass',
  name: 'fast',
  status: 'error',
  info: { missing: true },
  findings: [
    {
      code: 'storageClass.missing',
      severity: 'error',
      message: 'StorageClass fast does not exist',
      params: { storageClass: 'fast' },
    },
  ],
} as GraphNode;

test('one snapshot per scope and revision, shared; a new revision makes a new one, and stale scopes go', () => {
  const { s, views } = source();
  s.nodes.set('ConfigMap/a/b', {
    id: 'ConfigMap/a/b',
    kind: 'ConfigMap',
    namespace: 'a',
    name: 'b',
    status: 'ok',
  } as GraphNode);
  const first = views.cached();
  assert.equal(views.cached(), first, 'the same object while the revision stands');
  assert.deepEqual(
    first.topology.nodes.map((n) => n.id),
    ['ConfigMap/a/b'],
  );
  s.rev = 2;
  assert.notEqual(views.cached(), first);
  assert.equal(views.cached().revision, 2);
});

test('a problem keeps the time it was first seen across revisions, and forgets it once gone', () => {
  const { s, views } = source();
  s.nodes.set(cls.id, cls);
  const since = views.problems().problems[0]?.since;
  assert.ok(since);
  s.rev = 2;
  assert.equal(views.problems().problems[0]?.since, since);
  s.nodes.delete(cls.id);
  s.rev = 3;
  assert.deepEqual(views.problems().problems, []);
  assert.equal(views.summary().summary.revision, 3);
});
