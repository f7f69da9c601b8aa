import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from './backoff';

test('backoff grows exponentially, is capped, jittered, and resets', () => {
  const top = new Backoff(100, 1000, () => 0.999);
  const delays = Array.from({ length: 6 }, () => top.next());
  assert.deepEqual(delays, [99, 199, 399, 799, 999, 999]);
  top.reset();
  assert.equal(top.next(), 99);
  const low = new Backoff(100, 1000, () => 0);
  assert.equal(low.next(), 25, 'never zero: a tight loop is impossible');
});
