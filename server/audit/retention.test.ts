import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from '../cache/normalize';
import type { ConfigMap } from '../cache/types';
import { createStores } from '../cache/view';
import { recordedCache } from '@/test/support/history';
import { Recorder } from './recorder';
import { parseSettings } from '../settings/rules';
import { compactStep, cutoff, retentionOf, startRetention } from './retention';
import { HistoryStore } from './store';
import { WHOLE_FILE, clusterScope } from '@/server/audit/scope';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();

const cm = (name: string, rv: string, value: string) =>
  normalize('ConfigMap', 'v1', {
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: rv },
    data: { value },
  }) as ConfigMap;

function recordDays(store: HistoryStore) {
  let clock = T0;
  const stores = createStores();
  const cache = recordedCache(stores);
  const rec = new Recorder(store, cache, {
    cluster: 'c',
    kinds: ['ConfigMap'],
    flushMs: 60_000,
    now: () => new Date(clock),
  });
  rec.start();
  const at = (days: number, act: () => void) => {
    clock = T0 + days * DAY;
    act();
    rec.flush();
  };
  at(0, () => (stores.ConfigMap.upsert(cm('a', '1', 'a1')), stores.ConfigMap.upsert(cm('b', '1', 'b1'))));
  at(1, () => stores.ConfigMap.upsert(cm('a', '2', 'a2')));
  at(2, () => stores.ConfigMap.remove('ns', 'b'));
  at(3, () => (stores.ConfigMap.upsert(cm('c', '1', 'c1')), stores.ConfigMap.upsert(cm('a', '3', 'a3'))));
  return rec;
}

const values = (store: HistoryStore, days: number) =>
  [...store.reader(clusterScope('c')).objectsAt(iso(days))]
    .map((o) => `${(o.content.metadata as { name: string }).name}=${(o.content.data as { value: string }).value}`)
    .sort();

test('retention by age: older entries go, the oldest retained time still rebuilds, the chain still verifies', async () => {
  const store = new HistoryStore(':memory:');
  const rec = recordDays(store);
  const before = { d15: values(store, 1.5), d25: values(store, 2.5), d35: values(store, 3.5) };
  assert.deepEqual(before.d15, ['a=a2', 'b=b1']);
  const r = retentionOf(parseSettings({ ORDINAL_HISTORY_RETENTION: '36h' }));
  assert.equal(cutoff(store, r, T0 + 3.5 * DAY), 3, 'the entries of days 0 and 1');
  const retention = startRetention(store, r, () => T0 + 3.5 * DAY);
  assert.equal(await retention.run(), 3);
  retention.stop();
  assert.equal(store.retainedFrom(), iso(1));
  assert.deepEqual(values(store, 1.5), before.d15, 'the boundary state is kept as a baseline');
  assert.deepEqual(values(store, 2.5), before.d25);
  assert.deepEqual(values(store, 3.5), before.d35);
  const a3 = store.reader(WHOLE_FILE).query({ limit: 10, name: 'a' }).entries[0];
  assert.equal(
    (store.reader(WHOLE_FILE).contentAt(a3.id)?.data as { value: string }).value,
    'a3',
    'a patch applies to the baseline of a removed keyframe',
  );
  assert.deepEqual(store.reader(WHOLE_FILE).verify(), { ok: true, checked: 3 });
  assert.equal(store.meta('retention.removed'), '3');
  rec.stop();
});

test('retention by size: the oldest go until the file is under the limit; an emptied chain goes on from its base', () => {
  const store = new HistoryStore(':memory:');
  const rec = recordDays(store);
  const upTo = cutoff(store, { maxAgeMs: 365 * DAY, maxBytes: 1 }, T0 + 4 * DAY);
  assert.equal(upTo, 6, 'everything, to get under one byte');
  assert.equal(compactStep(store, upTo ?? 0), 6);
  assert.deepEqual(values(store, 3.5), ['a=a3', 'c=c1']);
  rec.flush();
  assert.deepEqual(store.reader(WHOLE_FILE).verify(), { ok: true, checked: 0 });
  rec.stop();
});

test('retention settings are checked', () => {
  assert.deepEqual(retentionOf(parseSettings({})), { maxAgeMs: 30 * DAY, maxBytes: 1024 * 1024 * 1024 });
  assert.throws(
    () => retentionOf(parseSettings({ ORDINAL_HISTORY_RETENTION: '30 days' })),
    /ORDINAL_HISTORY_RETENTION/,
  );
  assert.throws(() => retentionOf(parseSettings({ ORDINAL_HISTORY_MAX_MB: '-1' })), /ORDINAL_HISTORY_MAX_MB/);
});
