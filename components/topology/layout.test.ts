import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layout, type LayoutInput } from './layout';

const graph = (pods: number): LayoutInput => ({
  nodes: [
    { id: 'StatefulSet/db/pg', kind: 'StatefulSet', namespace: 'db', name: 'pg' },
    ...Array.from({ length: pods }, (_, i) => ({
      id: `Pod/db/pg-${i}`,
      kind: 'Pod' as const,
      namespace: 'db',
      name: `pg-${i}`,
    })),
    ...Array.from({ length: pods }, (_, i) => ({
      id: `PersistentVolumeClaim/db/data-pg-${i}`,
      kind: 'PersistentVolumeClaim' as const,
      namespace: 'db',
      name: `data-pg-${i}`,
    })),
    { id: 'StorageClass/standard', kind: 'StorageClass', name: 'standard' },
  ],
  edges: [
    ...Array.from({ length: pods }, (_, i) => ({ source: 'StatefulSet/db/pg', target: `Pod/db/pg-${i}` })),
    ...Array.from({ length: pods }, (_, i) => ({
      source: `Pod/db/pg-${i}`,
      target: `PersistentVolumeClaim/db/data-pg-${i}`,
    })),
  ],
});

test('columns follow the chain and ordinals sort numerically, each claim beside its pod', () => {
  const r = layout(graph(12));
  const p = r.positions;
  assert.ok(
    p['StatefulSet/db/pg'].x < p['Pod/db/pg-0'].x && p['Pod/db/pg-0'].x < p['PersistentVolumeClaim/db/data-pg-0'].x,
  );
  assert.ok(p['Pod/db/pg-2'].y < p['Pod/db/pg-10'].y, 'pg-2 above pg-10');
  for (let i = 0; i < 12; i++) assert.equal(p[`Pod/db/pg-${i}`].y, p[`PersistentVolumeClaim/db/data-pg-${i}`].y);
  assert.deepEqual(
    r.bands.map((b) => b.namespace),
    ['(cluster)', 'db'],
  );
});

test('an update keeps existing nodes in place and slots the new one in', () => {
  const first = layout(graph(3));
  const second = layout({ ...graph(4), previous: first.positions });
  for (let i = 0; i < 3; i++) assert.deepEqual(second.positions[`Pod/db/pg-${i}`], first.positions[`Pod/db/pg-${i}`]);
  assert.ok(second.positions['Pod/db/pg-3'].y > second.positions['Pod/db/pg-2'].y);
});

test('every node of a large graph gets a distinct position in its column', () => {
  const r = layout(graph(3000));
  assert.equal(Object.keys(r.positions).length, 6002);
  const cells = new Set(Object.values(r.positions).map((p) => `${p.x}:${p.y}`));
  assert.equal(cells.size, 6002);
});

test('a group sits in the column of its members', () => {
  const r = layout({
    nodes: [
      { id: 'StatefulSet/db/pg', kind: 'StatefulSet', namespace: 'db', name: 'pg' },
      { id: 'Group/db/pg/pods', kind: 'Group', memberKind: 'Pod', namespace: 'db', name: 'pg pods' },
      {
        id: 'Group/db/pg/claims',
        kind: 'Group',
        memberKind: 'PersistentVolumeClaim',
        namespace: 'db',
        name: 'pg claims',
      },
      { id: 'Group/db/pg/volumes', kind: 'Group', memberKind: 'PersistentVolume', namespace: 'db', name: 'pg volumes' },
    ],
    edges: [],
  });
  const xs = ['StatefulSet/db/pg', 'Group/db/pg/pods', 'Group/db/pg/claims', 'Group/db/pg/volumes'].map(
    (id) => r.positions[id].x,
  );
  assert.deepEqual(
    xs,
    [...xs].sort((a, b) => a - b),
  );
  assert.equal(new Set(xs).size, 4);
});
