import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sideBySideRows, unifiedLines } from './diffRows';

const before = Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join('\n');
const after = before.replace('k17: 17', 'k17: 170').replace('k0: 0\n', '');

test('unified: the changes with three lines around them, the rest folded', () => {
  const lines = unifiedLines(before, after);
  assert.deepEqual(
    lines.filter((l) => !('skipped' in l) && l.sign !== ' ').map((l) => ('sign' in l ? `${l.sign}${l.text}` : '')),
    ['-k0: 0', '-k17: 17', '+k17: 170'],
  );
  assert.ok(
    lines.some((l) => 'skipped' in l && l.skipped > 0),
    'the unchanged middle is folded',
  );
});

test('side by side: a removed line beside the line that replaced it; a removal beside nothing', () => {
  const rows = sideBySideRows(before, after);
  const changed = rows.filter((r) => !('skipped' in r) && r.changed);
  assert.deepEqual(changed, [
    { left: 'k0: 0', right: undefined, changed: true },
    { left: 'k17: 17', right: 'k17: 170', changed: true },
  ]);
});
