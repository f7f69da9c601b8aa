import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duration, elapsed } from './duration';

test('one rounding: a relative time floors as the diagnoses do (never 2m ago for 1m30s)', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let s = 0; s < 3 * 3600; s += 7) {
    const now = t0 + s * 1000 + 999;
    assert.equal(elapsed('2026-01-01T00:00:00Z', now), duration(s * 1000 + 999), `${s}s`);
  }
  assert.deepEqual(
    [duration(59_999), duration(60_000), duration(119_000), duration(7_260_000)],
    ['59s', '1m', '1m', '2h1m'],
  );
  assert.equal(elapsed('not a time', t0), undefined);
  assert.equal(elapsed('2026-01-01T00:00:00Z', t0 + 90_000), '1m');
});
