import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { BUILD_CANARY, stateInBuild } from '../../scripts/traced';

const ROOT = resolve(import.meta.dirname, '../..');

test("the build carries none of the process's state: no trace lists .ordinal/, the standalone output holds none", () => {
  assert.ok(existsSync(join(ROOT, '.next/standalone/ordinal.mjs')), 'npm test builds before this runs');
  // npm test put a file there before building: a tracer following the folder would have listed it.
  assert.ok(existsSync(join(ROOT, '.ordinal', BUILD_CANARY)), 'the state folder existed when the build ran');
  assert.deepEqual(stateInBuild(ROOT), []);
  for (const file of ['fingerprint.key', 'history.db', BUILD_CANARY]) {
    const copy = join(ROOT, '.next/standalone/.ordinal', file);
    // A server run from the standalone folder makes its own key there; a copy would be the same bytes.
    if (existsSync(copy) && existsSync(join(ROOT, '.ordinal', file)))
      assert.notDeepEqual(
        readFileSync(copy),
        readFileSync(join(ROOT, '.ordinal', file)),
        `${file} is not the checkout's`,
      );
  }
});
