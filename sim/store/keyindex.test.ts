import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyIndex } from './keyindex';

const fill = (keys: string[]) => {
  const i = new KeyIndex();
  for (const k of keys) i.add(k.includes('/') ? k.split('/')[0] : '', k);
  return i;
};

test('keys come in the order of the full key strings, also when one namespace is a prefix of another', () => {
  const keys = ['a/x', 'a-b/y', 'a/b', 'ab/c', 'a-b/a', 'z/0', 'a0/q'];
  assert.deepEqual([...fill(keys).keys()], [...keys].sort());
  assert.deepEqual([...fill(keys).keys('a')], ['a/b', 'a/x']);
});

test('a page resumes strictly after its key, across namespaces, and counts what remains', () => {
  const keys = Array.from({ length: 30 }, (_, i) => `ns${i % 3}/pod-${String(i).padStart(2, '0')}`);
  const idx = fill(keys);
  const all = [...keys].sort();
  for (const after of [all[0], all[9], all[10], all[29], 'ns1/zzz', '']) {
    const want = all.filter((k) => k > after);
    assert.deepEqual([...idx.keys(undefined, after)], want, `after ${after}`);
    assert.equal(idx.countAfter(after), want.length);
  }
  assert.deepEqual(
    [...idx.keys('ns2', 'ns2/pod-10')],
    all.filter((k) => k.startsWith('ns2/') && k > 'ns2/pod-10'),
  );
});

test('removals and re-adds keep the order, and empty namespaces disappear', () => {
  const idx = fill(['b/1', 'a/1', 'a/2']);
  idx.remove('a', 'a/1');
  idx.remove('a', 'a/2');
  idx.add('c', 'c/1');
  idx.add('a', 'a/3');
  idx.add('a', 'a/3');
  assert.deepEqual([...idx.keys()], ['a/3', 'b/1', 'c/1']);
  assert.equal(idx.size(), 3);
  idx.remove('b', 'b/1');
  assert.equal(idx.size('b'), 0);
  assert.deepEqual([...idx.keys('b')], []);
});

test('cluster-scoped keys have no namespace', () => {
  assert.deepEqual([...fill(['pv-2', 'pv-10', 'pv-1']).keys()], ['pv-1', 'pv-10', 'pv-2']);
});
