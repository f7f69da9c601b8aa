import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MultiMap } from './multimap';

test('a key holds its values in the order added, one inline, a few in an array, and says when it became empty or new', () => {
  const m = new MultiMap<string, string>();
  assert.equal(m.add('k', 'a'), true, 'the first value of a key');
  assert.equal(m.add('k', 'a'), false);
  assert.equal(m.count('k'), 1);
  assert.equal(m.add('k', 'b'), false);
  assert.equal(m.add('k', 'c'), false);
  assert.deepEqual([...m.get('k')], ['a', 'b', 'c']);
  assert.equal(m.delete('k', 'a'), false);
  assert.equal(m.delete('k', 'zz'), false, 'a value it never held');
  assert.equal(m.delete('k', 'b'), false);
  assert.deepEqual([...m.get('k')], ['c']);
  assert.equal(m.add('k', 'd'), false);
  assert.deepEqual([...m.get('k')], ['c', 'd'], 'the lone value keeps its place before a new one');
  assert.equal(
    m.deleteWhere('k', () => true),
    true,
  );
  assert.equal(m.count('k'), 0);
  assert.equal(m.size, 0);
  assert.deepEqual([...m.get('missing')], []);
  assert.equal(m.delete('missing', 'a'), true, 'a key that holds nothing holds nothing after');
});

test('a crowded key moves to a set and back, keeping the order and every value once', () => {
  const m = new MultiMap<string, number>();
  for (let i = 0; i < 20; i++) m.add('k', i);
  for (let i = 0; i < 20; i++) m.add('k', i);
  assert.equal(m.count('k'), 20);
  for (let i = 0; i < 20; i += 2) assert.equal(m.delete('k', i), false);
  assert.deepEqual([...m.get('k')], [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
  assert.equal(
    m.deleteWhere('k', (v) => v > 5),
    false,
  );
  assert.deepEqual([...m.get('k')], [1, 3, 5]);
  m.add('k', 0);
  assert.deepEqual([...m.get('k')], [1, 3, 5, 0]);
  const seen: number[] = [];
  for (const v of m.get('k')) {
    seen.push(v);
    m.delete('k', v);
  }
  assert.deepEqual(seen, [1, 3, 5, 0], 'deleting while iterating what get gave visits every value');
  assert.equal(m.count('k'), 0);
  assert.equal(m.size, 0);
});
