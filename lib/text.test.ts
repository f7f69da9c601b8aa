import assert from 'node:assert/strict';
import { test } from 'node:test';
import { middle } from './text';

test('long names are cut in the middle, keeping the ordinal suffix; short ones stay whole', () => {
  assert.equal(middle('kafka-0', 20), 'kafka-0');
  const sts = 'a-very-long-statefulset-name-for-the-analytics-x';
  const pods = [0, 1, 12].map((i) => middle(`${sts}-${i}`, 24));
  assert.deepEqual(
    pods.map((p) => p.length),
    [24, 24, 24],
  );
  assert.equal(new Set(pods).size, 3, 'the pods of one set stay tellable apart');
  assert.ok(pods[2].endsWith('-12'));
  assert.ok(middle(`${'n'.repeat(63)}`, 32).includes('…'));
});
