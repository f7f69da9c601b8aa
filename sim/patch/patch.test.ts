import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonValue } from '../model/types';
import { jsonPatch, PatchError } from './jsonpatch';
import { mergePatch } from './merge';
import { strategicMergePatch } from './strategic';

const pod = (): JsonValue => ({
  metadata: { name: 'p', labels: { a: '1', b: '2' }, finalizers: ['x'] },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'app:1',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80 }],
      },
      { name: 'sidecar', image: 'side:1' },
    ],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  },
});

test('JSON merge patch: objects merge, null deletes, arrays replace', () => {
  const out = mergePatch(pod(), { metadata: { labels: { a: null, c: '3' } }, spec: { tolerations: [] } }) as {
    metadata: { labels: object };
    spec: { tolerations: unknown[]; containers: unknown[] };
  };
  assert.deepEqual(out.metadata.labels, { b: '2', c: '3' });
  assert.deepEqual(out.spec.tolerations, []);
  assert.equal(out.spec.containers.length, 2);
});

test('JSON patch: add, replace, remove, move, copy and a failing test', () => {
  const out = jsonPatch(pod(), [
    { op: 'add', path: '/metadata/labels/c', value: '3' },
    { op: 'replace', path: '/spec/containers/0/image', value: 'app:2' },
    { op: 'remove', path: '/spec/containers/1' },
    { op: 'copy', from: '/metadata/labels/a', path: '/metadata/labels/a2' },
    { op: 'move', from: '/metadata/labels/b', path: '/metadata/labels/b2' },
    { op: 'add', path: '/spec/containers/0/env/-', value: { name: 'C', value: '3' } },
    { op: 'test', path: '/metadata/name', value: 'p' },
  ]) as { metadata: { labels: object }; spec: { containers: Array<{ image: string; env: unknown[] }> } };
  assert.deepEqual(out.metadata.labels, { a: '1', c: '3', a2: '1', b2: '2' });
  assert.equal(out.spec.containers.length, 1);
  assert.equal(out.spec.containers[0].image, 'app:2');
  assert.equal(out.spec.containers[0].env.length, 3);
  assert.throws(() => jsonPatch(pod(), [{ op: 'test', path: '/metadata/name', value: 'q' }]), PatchError);
  assert.throws(() => jsonPatch(pod(), [{ op: 'remove', path: '/nope/x' }]), PatchError);
});

test('strategic merge: containers and env merge by name, ports by containerPort', () => {
  const out = strategicMergePatch(pod(), {
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:2',
          env: [
            { name: 'B', value: '20' },
            { name: 'C', value: '3' },
          ],
          ports: [{ containerPort: 80, name: 'http' }],
        },
      ],
    },
  }) as { spec: { containers: Array<{ name: string; image: string; env: unknown[]; ports: unknown[] }> } };
  assert.equal(out.spec.containers.length, 2, 'the sidecar is kept');
  const app = out.spec.containers[0];
  assert.equal(app.image, 'app:2');
  assert.deepEqual(app.env, [
    { name: 'A', value: '1' },
    { name: 'B', value: '20' },
    { name: 'C', value: '3' },
  ]);
  assert.deepEqual(app.ports, [{ containerPort: 80, name: 'http' }]);
});

test('strategic merge directives: $patch delete/replace, $retainKeys, $setElementOrder, primitive lists', () => {
  const out = strategicMergePatch(pod(), {
    metadata: { finalizers: ['y'], labels: { $patch: 'replace', only: 'me' } },
    spec: {
      containers: [{ name: 'sidecar', $patch: 'delete' }],
      tolerations: [{ key: 'other', operator: 'Equal', value: 'v' }],
    },
  }) as {
    metadata: { finalizers: string[]; labels: object };
    spec: { containers: Array<{ name: string }>; tolerations: unknown[] };
  };
  assert.deepEqual(out.metadata.finalizers, ['x', 'y'], 'finalizers merge as a set');
  assert.deepEqual(out.metadata.labels, { only: 'me' });
  assert.deepEqual(
    out.spec.containers.map((c) => c.name),
    ['app'],
  );
  assert.equal(out.spec.tolerations.length, 1, 'lists without a merge key are replaced');

  const ordered = strategicMergePatch(pod(), {
    spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] },
  }) as { spec: { containers: Array<{ name: string }> } };
  assert.deepEqual(
    ordered.spec.containers.map((c) => c.name),
    ['sidecar', 'app'],
  );
  const retained = strategicMergePatch(
    { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } },
    { spec: { strategy: { $retainKeys: ['type'], type: 'OnDelete' } } },
  );
  assert.deepEqual(retained, { spec: { strategy: { type: 'OnDelete' } } });
  const dropped = strategicMergePatch(
    { metadata: { finalizers: ['a', 'b'] } },
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
  );
  assert.deepEqual(dropped, { metadata: { finalizers: ['b'] } });
});

test('strategic merge rejects a non-object patch', () => {
  assert.throws(() => strategicMergePatch(pod(), [1, 2] as unknown as JsonValue), PatchError);
});
