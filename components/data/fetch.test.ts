import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, shouldRetry } from './fetch';

test('a 404 or 400 is an answer, shown at once; network errors, 5xx and 429 are asked again twice', () => {
  for (const status of [400, 403, 404, 422])
    assert.equal(shouldRetry(0, new ApiError(status, 'X', 'x')), false, String(status));
  for (const e of [
    new ApiError(503, 'CacheSyncing', 'x'),
    new ApiError(429, 'TooMany', 'x'),
    new TypeError('fetch failed'),
  ]) {
    assert.equal(shouldRetry(0, e), true);
    assert.equal(shouldRetry(2, e), false);
  }
});
