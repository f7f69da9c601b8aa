import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ObjectStore, type StoreChange } from './store';
import type { KObject } from './types';

const obj = (name: string, ns: string | undefined, rv: string, labels: Record<string, string> = {}): KObject => ({
  kind: 'Pod',
  metadata: { name, namespace: ns, uid: `u-${name}`, resourceVersion: rv, labels },
});

test('indexes follow upserts, removals and relists; namespaces list in O(namespace)', () => {
  const s = new ObjectStore<KObject>('Pod').addIndex('app', (o) =>
    o.metadata.labels?.app ? [`${o.metadata.namespace}/${o.metadata.labels.app}`] : [],
  );
  const changes: StoreChange[] = [];
  s.onChange((c) => changes.push(c));
  s.upsert(obj('a', 'x', '1', { app: 'db' }));
  s.upsert(obj('b', 'x', '1', { app: 'db' }));
  s.upsert(obj('c', 'y', '1', { app: 'db' }));
  assert.deepEqual(
    s
      .byIndex('app', 'x/db')
      .map((o) => o.metadata.name)
      .sort(),
    ['a', 'b'],
  );
  s.upsert(obj('b', 'x', '2', { app: 'web' }));
  assert.deepEqual(
    s.byIndex('app', 'x/db').map((o) => o.metadata.name),
    ['a'],
  );
  s.upsert(obj('b', 'x', '2', { app: 'other' }));
  assert.equal(s.get('x', 'b')?.metadata.labels?.app, 'web', 'same resourceVersion: no change');
  s.replace([obj('a', 'x', '3', { app: 'db' })], 'x');
  assert.deepEqual(
    s.list('x').map((o) => o.metadata.name),
    ['a'],
  );
  assert.deepEqual(
    s.list('y').map((o) => o.metadata.name),
    ['c'],
    'a relist of one namespace leaves the others',
  );
  assert.equal(s.byIndex('app', 'x/web').length, 0);
  const removed = changes.filter((c) => !c.obj).map((c) => c.key);
  assert.deepEqual(removed, ['x/b']);
  s.remove('y', 'c');
  assert.deepEqual(s.namespaces(), ['x']);
});

test('each change says why: a watch, a relist (unobserved), or a scope forgotten (403, not a deletion)', () => {
  const s = new ObjectStore<KObject>('Pod');
  const changes: StoreChange[] = [];
  s.onChange((c) => changes.push(c));
  s.upsert(obj('a', 'x', '1'));
  s.replace([obj('a', 'x', '2'), obj('b', 'x', '1')], 'x');
  s.remove('x', 'b');
  s.upsert(obj('c', 'y', '1'));
  s.forget('x');
  assert.deepEqual(
    changes.map((c) => `${c.cause} ${c.key} ${c.obj ? 'set' : 'gone'}`),
    ['watch x/a set', 'relist x/a set', 'relist x/b set', 'watch x/b gone', 'watch y/c set', 'forget x/a gone'],
  );
  assert.deepEqual(s.namespaces(), ['y'], 'only the forgotten scope is emptied');
});

test('a store that reduces keeps the facts, and its change carries the whole object once', () => {
  const s = new ObjectStore<KObject>('Pod', (o) => ({
    kind: o.kind,
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
    },
  }));
  const changes: StoreChange[] = [];
  s.onChange((c) => changes.push(c));
  s.upsert(obj('a', 'x', '1', { app: 'db' }));
  s.replace([obj('a', 'x', '2', { app: 'web' })], 'x');
  s.remove('x', 'a');
  assert.deepEqual(
    changes.map((c) => c.whole?.metadata.labels?.app),
    ['db', 'web', undefined],
    'the whole as it came; none for a removal',
  );
  assert.deepEqual(
    changes.map((c) => c.obj?.metadata.labels),
    [undefined, undefined, undefined],
    'the store and its changes hold the facts',
  );
});
