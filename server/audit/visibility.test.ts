import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleLines, verifyBundle } from './bundle';
import { exportText } from './export';
import { clusterScope, WHOLE_FILE } from '@/server/audit/scope';
import { twoClustersHistory, twoNamespacesHistory } from '../../test/support/history';

test("a viewer's reader of the history holds only the kinds and namespaces they may list, in every read", () => {
  const store = twoNamespacesHistory();
  const all = store.reader(WHOLE_FILE).query({ limit: 100 });
  assert.equal(all.entries.length, 12);
  const a = store.reader({ cluster: 'c', visible: { everywhere: [], inNamespace: [['team-a', ['ConfigMap']]] } });
  const page = a.query({ limit: 100 });
  assert.equal(page.entries.length, 6);
  assert.ok(page.entries.every((e) => e.namespace === 'team-a'));
  assert.equal(
    a.query({ namespace: 'team-b', limit: 100 }).entries.length,
    0,
    'asking for another namespace finds nothing',
  );
  const hidden = all.entries.find((e) => e.namespace === 'team-b');
  assert.ok(hidden);
  assert.equal(a.entry(hidden.id), undefined);
  assert.equal(a.contentAt(hidden.id), undefined, "another namespace's revision is not rebuilt for them");
  assert.ok(a.contentAt(page.entries[0].id));
  const csv = [...exportText(a, {}, 'csv')].join('');
  assert.match(csv, /team-a/);
  assert.doesNotMatch(csv, /team-b/);
  const buckets = a.density({}, '2026-11-01T10:00:00.000Z', '2026-11-01T11:00:00.000Z', 6);
  assert.equal(
    buckets.reduce((n, b) => n + b.added + b.modified + b.deleted, 0),
    6,
  );
  assert.equal(a.stats().entries, 6, 'status counts only what they may read');
  assert.equal(a.verify().checked, 6);
  const cm = { cluster: 'c', visible: { everywhere: ['ConfigMap'], inNamespace: [] } };
  assert.equal(store.reader(cm).query({ limit: 100 }).entries.length, 12);
  const other = { cluster: 'c', visible: { everywhere: ['Pod'], inNamespace: [['team-a', ['Secret']] as const] } };
  assert.equal(store.reader(other).query({ limit: 100 }).entries.length, 0);
  assert.deepEqual(
    [...store.reader(other).objectsAt('2026-11-01T11:00:00.000Z')],
    [],
    'the past holds only what they see',
  );
  assert.throws(() => [...bundleLines(a, {})], /every kind/, 'a bundle is never made for a narrowed reader');
});

test("one cluster's reader of a file two clusters record reads nothing of the other, in any read", () => {
  const store = twoClustersHistory();
  const east = store.reader(clusterScope('east'));
  const text = (lines: Iterable<string>) => [...lines].join('\n');
  const reads = [
    JSON.stringify(east.query({ limit: 1000 })),
    text(exportText(east, {}, 'csv')),
    text(exportText(east, {}, 'jsonl')),
    text(exportText(east, { namespace: 'shop' }, 'bundle')),
    text(exportText(east, { since: '2026-11-01T10:03:30.000Z' }, 'bundle')),
    JSON.stringify([...east.objectsAt('2026-11-01T10:04:30.000Z')]),
    JSON.stringify(east.clusters()),
  ];
  for (const r of reads) {
    assert.doesNotMatch(r, /west/, 'nothing of west: no name, no data, no cluster');
    assert.match(r, /east/);
  }
  const west = store.reader(clusterScope('west')).query({ limit: 100 }).entries;
  assert.equal(west.length, 6);
  assert.ok(west.every((e) => east.entry(e.id) === undefined && east.contentAt(e.id) === undefined));
  assert.equal(east.marks().length, 3, "east's coverage only: its start, synced and stop");
  assert.equal(east.stats().entries, 6, "status counts east's entries only");
  assert.deepEqual(east.verify(), { ok: true, checked: 6 });
});

test('a bundle holds one cluster: the others are opaque links that keep the chain whole, and cannot pass as its own', () => {
  const store = twoClustersHistory();
  const lines = [...bundleLines(store.reader(clusterScope('east')), {})];
  const manifest = JSON.parse(lines[0]) as {
    scope: { cluster: string };
    entries: number;
    links: number;
    opaque: number;
  };
  assert.deepEqual([manifest.scope.cluster, manifest.entries, manifest.links, manifest.opaque], ['east', 6, 0, 5]);
  assert.deepEqual(verifyBundle(lines), { ok: true, checked: 11 });
  const x = lines.findIndex((l) => l.startsWith('{"x"'));
  const opaque = JSON.parse(lines[x]) as { x: { id: number } };
  const westEntry = store.reader(WHOLE_FILE).entry(opaque.x.id);
  assert.ok(westEntry);
  const smuggled = [...lines];
  smuggled[x] = JSON.stringify({ l: { ...westEntry, contentHash: null } });
  assert.match(verifyBundle(smuggled).firstBroken?.reason ?? '', /cluster west in a bundle of east/);
  const dropped = lines.filter((_, i) => i !== x);
  assert.match(verifyBundle(dropped).firstBroken?.reason ?? '', /missing/);
  assert.throws(() => [...bundleLines(store.reader(WHOLE_FILE), {})], /records 2 clusters/);
});
