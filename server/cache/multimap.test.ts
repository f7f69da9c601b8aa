import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MultiMap } from './multimap';

test('a key holds its values in the order added, one inline, several in a set, and says when it became empty or new', () => {
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
  assert.equal(m.deleteWhere('k', () => true), true);
  assert.equal(m.count('k'), 0);
  assert.equal(m.size, 0);
  assert.deepEqual([...m.get('missing')], []);
  assert.equal(m.delete('missing', 'a'), true, 'a key that holds nothing holds nothing after');
});
