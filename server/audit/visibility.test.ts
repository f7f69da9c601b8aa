import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportText } from './export';
import { twoNamespacesHistory } from '../../test/support/history';

test("a viewer's view of the history holds only the kinds and namespaces they may list, in every read", () => {
  const store = twoNamespacesHistory();
  const all = store.query({ limit: 100 });
  assert.equal(all.entries.length, 12);
  const a = store.within({ everywhere: [], inNamespace: [['team-a', ['ConfigMap']]] });
  const page = a.query({ limit: 100 });
  assert.equal(page.entries.length, 6);
  assert.ok(page.entries.every((e) => e.namespace === 'team-a'));
  assert.equal(a.query({ namespace: 'team-b', limit: 100 }).entries.length, 0, 'asking for another namespace finds nothing');
  const hidden = all.entries.find((e) => e.namespace === 'team-b');
  assert.ok(hidden);
  assert.equal(a.entry(hidden.id), undefined);
  assert.equal(a.contentAt(hidden.id), undefined, "another namespace's revision is not rebuilt for them");
  assert.ok(a.contentAt(page.entries[0].id));
  const csv = [...exportText(a, {}, 'csv')].join('');
  assert.match(csv, /team-a/);
  assert.doesNotMatch(csv, /team-b/);
  const buckets = a.density({}, '2026-11-01T10:00:00.000Z', '2026-11-01T11:00:00.000Z', 6);
  assert.equal(buckets.reduce((n, b) => n + b.added + b.modified + b.deleted, 0), 6);
  assert.equal(store.within({ everywhere: ['ConfigMap'], inNamespace: [] }).query({ limit: 100 }).entries.length, 12);
  assert.equal(store.within({ everywhere: ['Pod'], inNamespace: [['team-a', ['Secret']]] }).query({ limit: 100 }).entries.length, 0);
  assert.equal(store.query({ limit: 100 }).entries.length, 12, 'the store itself is unchanged');
});
