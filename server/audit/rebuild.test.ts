import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordedCache } from '@/test/support/history';
import { normalize } from '../cache/normalize';
import type { ConfigMap } from '../cache/types';
import { createStores } from '../cache/view';
import type { Content } from './content';
import { Recorder } from './recorder';
import { HistoryStore } from './store';
import { clusterScope } from '@/server/audit/scope';

const T = (m: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + m * 60_000).toISOString();

function cm(name: string, rv: string, v: string): ConfigMap {
  return normalize('ConfigMap', 'v1', {
    metadata: { name, namespace: 'app', uid: `uid-${name}`, resourceVersion: rv },
    data: { v },
  }) as ConfigMap;
}

/** a: created at 1, changed at 2 and 3, deleted at 4; b: created at 1, never changed. */
function recorded(): HistoryStore {
  const store = new HistoryStore(':memory:');
  const stores = createStores();
  let minute = 0;
  const rec = new Recorder(store, recordedCache(stores), {
    cluster: 'c',
    kinds: ['ConfigMap'],
    flushMs: 60_000,
    now: () => new Date(T(minute)),
  });
  rec.start();
  const at = (m: number, fn: () => void) => {
    minute = m;
    fn();
    rec.flush();
  };
  at(1, () => (stores.ConfigMap.upsert(cm('a', '1', 'one')), stores.ConfigMap.upsert(cm('b', '2', 'bee'))));
  at(2, () => stores.ConfigMap.upsert(cm('a', '3', 'two')));
  at(3, () => stores.ConfigMap.upsert(cm('a', '4', 'three')));
  at(4, () => stores.ConfigMap.remove('app', 'a'));
  rec.stop();
  return store;
}

const view = (objects: Iterable<{ content: Content }>) =>
  [...objects]
    .map((o) => {
      const c = o.content as { metadata: { name: string }; data: { v: string } };
      return `${c.metadata.name}=${c.data.v}`;
    })
    .sort();

test('the objects at a time: unchanged ones as stored now, changed ones rebuilt, deleted ones until their deletion', () => {
  const store = recorded();
  assert.deepEqual(view(store.reader(clusterScope('c')).objectsAt(T(0.5))), []);
  assert.deepEqual(view(store.reader(clusterScope('c')).objectsAt(T(1.5))), ['a=one', 'b=bee']);
  assert.deepEqual(
    view(store.reader(clusterScope('c')).objectsAt(T(2))),
    ['a=two', 'b=bee'],
    'a change at that very time counts',
  );
  assert.deepEqual(view(store.reader(clusterScope('c')).objectsAt(T(3.5))), ['a=three', 'b=bee']);
  assert.deepEqual(view(store.reader(clusterScope('c')).objectsAt(T(9))), ['b=bee']);
  store.close();
});

test('an unchanged object may come from the caller (the live cache) instead of being parsed; changed ones never do', () => {
  const store = recorded();
  const asked: string[] = [];
  const got = view(
    store.reader(clusterScope('c')).objectsAt(T(2.5), undefined, (ref) => {
      asked.push(`${ref.name}@${ref.rv}`);
      return ref.name === 'b' ? { metadata: { name: 'b' }, data: { v: 'from the cache' } } : undefined;
    }),
  );
  assert.deepEqual(asked, ['b@2'], 'a changed after 2.5: rebuilt, not asked for');
  assert.deepEqual(got, ['a=two', 'b=from the cache']);
  store.close();
});
