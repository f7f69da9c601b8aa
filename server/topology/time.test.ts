import assert from 'node:assert/strict';
import { test } from 'node:test';
import { olderThan, withWakeup } from './time';

const now = Date.parse('2026-11-01T10:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

test('a derivation says when its first threshold will be crossed; one already crossed or unknown asks for nothing', () => {
  const { value, wakeAt } = withWakeup(() => [
    olderThan(ago(60_000), 300_000, now),
    olderThan(ago(200_000), 300_000, now),
  ]);
  assert.deepEqual(value, [false, false]);
  assert.equal(wakeAt, now + 100_000 + 1, 'the one closer to its threshold');
  assert.equal(withWakeup(() => olderThan(ago(600_000), 300_000, now)).wakeAt, undefined, 'crossed already');
  assert.equal(withWakeup(() => olderThan(undefined, 300_000, now)).wakeAt, undefined, 'no time known');
  assert.equal(olderThan(ago(60_000), 300_000, now), false, 'outside a build nothing is collected, nothing breaks');
});

test("an inner build's thresholds count for the outer one too", () => {
  const outer = withWakeup(() => {
    const inner = withWakeup(() => olderThan(ago(0), 120_000, now));
    assert.equal(inner.wakeAt, now + 120_001);
    return olderThan(ago(0), 300_000, now);
  });
  assert.equal(outer.wakeAt, now + 120_001);
});
