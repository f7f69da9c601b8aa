import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchPriors, type Prior } from './priors';

const prior = (rv: string, parsed = true): Prior => ({
  rv,
  content: `{"rv":"${rv}"}`,
  ...(parsed ? { parsed: { rv } } : {}),
  core: rv,
  deleted: false,
  sinceKeyframe: 0,
  problem: null,
});

test('a batch keeps every prior’s text, and the values of only the last few: the oldest lose theirs first', () => {
  const b = new BatchPriors(2);
  b.set('a', prior('1'));
  b.set('b', prior('2'));
  b.set('c', prior('3'));
  assert.equal(b.get('a')?.parsed, undefined, 'the oldest value is let go');
  assert.equal(b.get('a')?.content, '{"rv":"1"}', 'its text stays');
  assert.deepEqual(b.get('c')?.parsed, { rv: '3' });
  b.set('b', prior('4'));
  b.set('d', prior('5'));
  assert.deepEqual(b.get('b')?.parsed, { rv: '4' }, 'set again, it is the newest');
  assert.equal(b.get('c')?.parsed, undefined);
  b.set('d', prior('6', false));
  b.set('e', prior('7'));
  assert.deepEqual(b.get('b')?.parsed, { rv: '4' }, 'a prior without a value does not count');
  assert.deepEqual(
    [...b].map(([uid, p]) => `${uid}:${p.rv}`),
    ['a:1', 'b:4', 'c:3', 'd:6', 'e:7'],
  );
});
