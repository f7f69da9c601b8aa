import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceByName } from '../model/resources';
import type { KubeObject } from '../model/types';
import { StatusError } from '../registry/errors';
import { Store } from '../store/store';
import { readPage } from './paging';

const cms = resourceByName('configmaps');
const cm = (namespace: string, name: string, data: Record<string, string> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data }) as KubeObject;
const all = () => true;

function page(store: Store, params: Record<string, string>, namespace?: string) {
  return readPage(store, cms, namespace, new URLSearchParams(params), all, true);
}
const names = (items: KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

function seeded(): Store {
  const s = new Store({ initialRv: 100 });
  for (const [ns, n] of [
    ['a', '1'],
    ['a', '2'],
    ['b', '1'],
    ['b', '2'],
    ['c', '1'],
  ])
    s.put(cms, cm(ns, n, { v: 'old' }));
  return s;
}

test('pages read the state at the first page: later creates, edits and deletes do not show', () => {
  const s = seeded();
  const first = page(s, { limit: '2' });
  assert.deepEqual(names(first.items), ['a/1', 'a/2']);
  assert.equal(first.remainingItemCount, 3);
  s.remove(cms, 'b', '2');
  s.put(cms, cm('b', '1', { v: 'new' }));
  s.put(cms, cm('b', '0'));
  s.put(cms, cm('a', '3'));
  const second = page(s, { limit: '2', continue: first.continue ?? '' });
  assert.equal(second.resourceVersion, first.resourceVersion);
  assert.deepEqual(names(second.items), ['b/1', 'b/2']);
  assert.deepEqual(second.items[0].data, { v: 'old' });
  assert.equal(second.remainingItemCount, 1);
  const third = page(s, { limit: '2', continue: second.continue ?? '' });
  assert.deepEqual(names(third.items), ['c/1']);
  assert.equal(third.continue, undefined);
  assert.deepEqual(names(page(s, {}).items), ['a/1', 'a/2', 'a/3', 'b/0', 'b/1', 'c/1'], 'a fresh list sees now');
});

test('a namespaced page keeps to its namespace in the snapshot too', () => {
  const s = seeded();
  const first = page(s, { limit: '1' }, 'b');
  s.remove(cms, 'b', '2');
  s.put(cms, cm('a', '9'));
  const second = page(s, { limit: '1', continue: first.continue ?? '' }, 'b');
  assert.deepEqual(names(second.items), ['b/2']);
  assert.equal(second.continue, undefined);
});

test('a compacted token answers 410 with a fresh token that continues at the latest state', () => {
  const s = seeded();
  const first = page(s, { limit: '2' });
  s.remove(cms, 'b', '1');
  s.compact();
  let fresh = '';
  assert.throws(
    () => page(s, { limit: '2', continue: first.continue ?? '' }),
    (e: unknown) => {
      assert.ok(e instanceof StatusError);
      assert.equal(e.code, 410);
      assert.match(e.message, /continue parameter is too old.*use the continue token in this response/);
      fresh = String(e.toStatus().metadata && (e.toStatus().metadata as { continue?: string }).continue);
      return true;
    },
  );
  const rest = page(s, { continue: fresh });
  assert.deepEqual(names(rest.items), ['b/2', 'c/1'], 'from the same key, as things are now');
  assert.equal(rest.resourceVersion, s.resourceVersion);
});

test("tokens that are not the apiserver's answer 400", () => {
  const s = seeded();
  for (const bad of [
    '%%%',
    Buffer.from('{"rv":1}').toString('base64'),
    Buffer.from('{"v":"meta.k8s.io/v1","rv":"x","start":"a"}').toString('base64'),
  ]) {
    assert.throws(
      () => page(s, { continue: bad }),
      (e: unknown) => e instanceof StatusError && e.code === 400,
    );
  }
});
