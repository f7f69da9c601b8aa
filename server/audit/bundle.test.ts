import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { twoNamespacesHistory } from '@/test/support/history';
import { bundleLines, verifyBundle } from './bundle';
import { WHOLE_FILE } from '@/server/audit/scope';

const history = twoNamespacesHistory;

test('a bundle of one namespace verifies offline; its scope is whole, the rest are links', () => {
  const lines = [...bundleLines(history().reader(WHOLE_FILE), { namespace: 'team-b' })];
  const manifest = JSON.parse(lines[0]) as { entries: number; links: number };
  assert.deepEqual([manifest.entries, manifest.links], [6, 5]);
  assert.ok(
    lines.slice(1).every((l) => (JSON.parse(l) as { e?: { namespace: string } }).e?.namespace !== 'team-a'),
    'team-a content is not in it',
  );
  assert.deepEqual(verifyBundle(lines), { ok: true, checked: 11 });
});

test('a bundle edited, cut, or with an entry of its scope hidden as a link, fails at that entry', () => {
  const lines = [...bundleLines(history().reader(WHOLE_FILE), { namespace: 'team-b' })];
  const at = (i: number) => JSON.parse(lines[i]) as { e?: Record<string, unknown>; l?: Record<string, unknown> };
  const edited = [...lines];
  edited[4] = lines[4].replace('"summary":"data.v', '"summary":"data.V');
  assert.notEqual(edited[4], lines[4]);
  const id4 = (at(4).e ?? at(4).l)?.id;
  assert.deepEqual(verifyBundle(edited).firstBroken?.id, id4);
  assert.match(verifyBundle(lines.slice(0, -1)).firstBroken?.reason ?? '', /ends at entry/);
  const dropped = [...lines.slice(0, 3), ...lines.slice(4)];
  assert.match(verifyBundle(dropped).firstBroken?.reason ?? '', /missing/);
  const whole = at(3).e;
  assert.ok(whole, 'line 3 is an entry of team-b');
  const { content, ...fields } = whole;
  const hidden = [...lines];
  hidden[3] = JSON.stringify({
    l: { ...fields, contentHash: createHash('sha256').update(String(content)).digest('hex') },
  });
  assert.match(
    verifyBundle(hidden).firstBroken?.reason ?? '',
    /given as a link only/,
    'a true link of a scoped entry is refused',
  );
});
