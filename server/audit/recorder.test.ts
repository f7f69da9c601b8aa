import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { SyncState } from '@/lib/wire/topology';
import { normalize } from '../cache/normalize';
import { allStores } from '../cache/indexes';
import type { StoreChange } from '../cache/store';
import type { Pod, SecretLite } from '../cache/types';
import { createStores } from '../cache/view';
import { PARSED_KEPT } from './priors';
import { Recorder, type RecordedCache } from './recorder';
import { parseSettings } from '../settings/rules';
import { openHistoryFile } from './open';
import { HistoryStore, historyWriter } from './store';
import { WHOLE_FILE } from '@/server/audit/scope';

const dir = mkdtempSync(join(tmpdir(), 'ordinal-history-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The cache as the recorder sees it, over the real stores; sync states set by the test. */
class Cache implements RecordedCache {
  readonly stores = createStores();
  status: Record<string, SyncState> = { Pod: { state: 'syncing' }, Secret: { state: 'synced' } };
  private readonly stateFns = new Set<() => void>();
  onChange(fn: (c: StoreChange) => void): () => void {
    const offs = [this.stores.Pod.onChange(fn), this.stores.Secret.onChange(fn)];
    return () => offs.forEach((off) => off());
  }
  onState(fn: () => void): () => void {
    this.stateFns.add(fn);
    return () => this.stateFns.delete(fn);
  }
  syncStatus(): Record<string, SyncState> {
    return this.status;
  }
  has(kind: string, ns: string | undefined, name: string, uid: string): boolean {
    return (
      allStores(this.stores)
        .find((st) => st.kind === kind)
        ?.get(ns, name)?.metadata.uid === uid
    );
  }
  set(kind: string, state: SyncState['state']): void {
    this.status = { ...this.status, [kind]: { state } };
    for (const fn of this.stateFns) fn();
  }
}

let clock = Date.parse('2026-11-01T10:00:00Z');
const now = () => new Date((clock += 1000));

function pod(name: string, rv: string, extra: { image?: string; heartbeat?: string; uid?: string } = {}): Pod {
  return normalize('Pod', 'v1', {
    metadata: { name, namespace: 'db', uid: extra.uid ?? `uid-${name}`, resourceVersion: rv },
    spec: { containers: [{ name: 'main', image: extra.image ?? 'postgres:16', ports: [{ containerPort: 5432 }] }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: extra.heartbeat ?? null }],
    },
  }) as Pod;
}

function open(name: string, cache: Cache, batch?: number): { store: HistoryStore; rec: Recorder } {
  const store = new HistoryStore(join(dir, name));
  const rec = new Recorder(store, cache, { cluster: 'test', kinds: ['Pod', 'Secret'], flushMs: 60_000, now, batch });
  rec.start();
  return { store, rec };
}

test('watched changes are recorded with their patch; noise and replays are not; any version can be rebuilt', () => {
  const cache = new Cache();
  const { store, rec } = open('watch.db', cache);
  cache.stores.Pod.replace([pod('db-0', '1')]);
  cache.set('Pod', 'synced');
  cache.stores.Pod.upsert(pod('db-0', '2', { heartbeat: '2026-11-01T10:00:05Z' }));
  cache.stores.Pod.upsert(pod('db-0', '3', { image: 'postgres:17' }));
  cache.stores.Pod.replace([pod('db-0', '3', { image: 'postgres:17' })]);
  cache.stores.Pod.remove('db', 'db-0');
  rec.flush();
  const { entries } = store.reader(WHOLE_FILE).query({ limit: 10 });
  assert.deepEqual(
    entries.map((e) => `${e.type} ${e.resourceVersion} ${e.observed}`),
    ['DELETED 3 true', 'MODIFIED 3 true', 'ADDED 1 false'],
  );
  assert.match(entries[1].summary, /spec\.containers\[0\]\.image: postgres:16 → postgres:17/);
  assert.equal(
    (store.reader(WHOLE_FILE).contentAt(entries[2].id) as { spec: { containers: Array<{ image: string }> } }).spec
      .containers[0].image,
    'postgres:16',
  );
  assert.equal(
    (store.reader(WHOLE_FILE).contentAt(entries[1].id) as { spec: { containers: Array<{ image: string }> } }).spec
      .containers[0].image,
    'postgres:17',
  );
  assert.equal(store.reader(WHOLE_FILE).contentAt(entries[0].id), null);
  const recorded = store.reader(WHOLE_FILE).contentAt(entries[1].id) as {
    spec: { containers: Array<{ ports?: unknown[] }> };
  };
  assert.deepEqual(
    recorded.spec.containers[0].ports,
    [{ containerPort: 5432 }],
    'the object whole, not the facts the cache keeps',
  );
  assert.deepEqual(store.reader(WHOLE_FILE).verify(), { ok: true, checked: 3 });
  rec.stop();
  store.close();
});

test('nothing is written until every kind has been listed once (a first list never delays readiness)', () => {
  const cache = new Cache();
  cache.status = { Pod: { state: 'syncing' }, Secret: { state: 'syncing' } };
  const { store, rec } = open('deferred.db', cache);
  cache.stores.Pod.replace([pod('db-0', '1')]);
  cache.set('Pod', 'synced');
  assert.equal(rec.flush(), 0);
  assert.equal(rec.pending, 1);
  cache.set('Secret', 'forbidden');
  assert.equal(rec.flush(), 1, 'a kind that cannot be listed does not hold the others back');
  rec.stop();
  store.close();
});

test('a restart reconciles: changes and deletions made while down are recorded as unobserved, in their window', () => {
  let cache = new Cache();
  let { store, rec } = open('restart.db', cache);
  cache.stores.Pod.replace([pod('db-0', '1'), pod('db-1', '1')]);
  cache.set('Pod', 'synced');
  rec.flush();
  const aliveAt = store.meta('recorder.alive');
  // kill -9: nothing more is flushed or marked.
  store.close();
  cache = new Cache();
  ({ store, rec } = open('restart.db', cache));
  cache.stores.Pod.replace([pod('db-0', '7', { image: 'postgres:17' }), pod('db-2', '8')]);
  cache.set('Pod', 'synced');
  rec.flush();
  const { entries } = store.reader(WHOLE_FILE).query({ limit: 10, since: '2026-11-01T10:00:00.000Z' });
  const byName = new Map(entries.slice(0, 3).map((e) => [e.name, e]));
  assert.equal(byName.get('db-0')?.type, 'MODIFIED');
  assert.equal(byName.get('db-1')?.type, 'DELETED');
  assert.equal(byName.get('db-2')?.type, 'ADDED');
  for (const e of byName.values()) {
    assert.equal(e.observed, false);
    assert.equal(e.window?.from, aliveAt, `${e.name}: the window starts when the last run was last alive`);
  }
  rec.flush();
  cache.stores.Pod.replace([pod('db-0', '7', { image: 'postgres:17' }), pod('db-2', '8')]);
  rec.flush();
  assert.equal(
    store.reader(WHOLE_FILE).query({ limit: 100 }).entries.length,
    5,
    'a relist of the same versions adds nothing',
  );
  rec.stop();
  store.close();
});

test('a 403 hides a kind without deleting it; what went while hidden is an unobserved deletion', () => {
  const cache = new Cache();
  const { store, rec } = open('forbidden.db', cache);
  cache.stores.Pod.replace([pod('db-0', '1'), pod('db-1', '1')]);
  cache.set('Pod', 'synced');
  rec.flush();
  cache.stores.Pod.forget();
  cache.set('Pod', 'forbidden');
  rec.flush();
  assert.equal(store.reader(WHOLE_FILE).query({ limit: 10 }).entries.length, 2, 'forgetting is not deleting');
  cache.stores.Pod.replace([pod('db-0', '1')]);
  cache.set('Pod', 'synced');
  rec.flush();
  const [last] = store.reader(WHOLE_FILE).query({ limit: 1 }).entries;
  assert.equal(`${last.type} ${last.name} ${last.observed}`, 'DELETED db-1 false');
  assert.ok(
    store.marks(null).some((m) => m.kind === 'Pod' && m.state === 'forbidden'),
    'the blind span is marked',
  );
  rec.stop();
  store.close();
});

test('Secret values never reach the file; one edited byte is found by verify, at its entry', () => {
  const path = join(dir, 'tamper.db');
  const cache = new Cache();
  const { store, rec } = open('tamper.db', cache);
  const canary = 'canary-s3cr3t-value-9f2';
  cache.stores.Secret.replace([
    normalize('Secret', 'v1', {
      metadata: { name: 'creds', namespace: 'db', uid: 'uid-creds', resourceVersion: '1' },
      data: { password: Buffer.from(canary).toString('base64') },
      stringData: { token: canary },
    }) as SecretLite,
  ]);
  cache.set('Secret', 'synced');
  cache.stores.Pod.replace(['a', 'b', 'c'].map((n) => pod(`marker-${n}`, '1')));
  cache.set('Pod', 'synced');
  rec.flush();
  rec.stop();
  const target = store.reader(WHOLE_FILE).query({ limit: 10, name: 'marker-b' }).entries[0];
  store.close();
  const bytes = readFileSync(path);
  assert.equal(bytes.includes(canary), false);
  assert.equal(bytes.includes(Buffer.from(canary).toString('base64')), false);
  const at = bytes.indexOf('marker-b');
  assert.ok(at > 0);
  bytes[at + 7] = 'x'.charCodeAt(0);
  writeFileSync(path, bytes);
  const reopened = new HistoryStore(path);
  const verdict = reopened.verifyAll();
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken?.id, target.id);
  reopened.close();
});

test('one writer per file: a second store on a file being recorded is refused, not forked', () => {
  const path = join(dir, 'exclusive.db');
  const first = new HistoryStore(path, { exclusive: true });
  assert.throws(() => new HistoryStore(path, { exclusive: true }), /locked|busy/i);
  const writer = historyWriter(path);
  assert.equal(writer?.pid, process.pid);
  assert.equal(writer?.host, hostname());
  assert.ok(Math.abs(Date.parse(writer?.since ?? '') - Date.now()) < 60_000, writer?.since);
  const second = openHistoryFile(parseSettings({ ORDINAL_HISTORY: path }));
  assert.equal(second.on, false);
  assert.match(
    second.on ? '' : second.reason,
    new RegExp(`being recorded by another process \\(pid ${process.pid} on `),
  );
  first.close();
  const again = new HistoryStore(path, { exclusive: true });
  again.close();
});

test('recording waits for readiness (the graph built), so a first list is written after it, not in its way', () => {
  const cache = new Cache();
  let ready = false;
  const store = new HistoryStore(join(dir, 'ready.db'));
  const rec = new Recorder(store, cache, {
    cluster: 'test',
    kinds: ['Pod', 'Secret'],
    flushMs: 60_000,
    now,
    ready: () => ready,
  });
  rec.start();
  cache.stores.Pod.replace([pod('db-0', '1')]);
  cache.set('Pod', 'synced');
  assert.equal(rec.flush(), 0, 'listed, not ready');
  ready = true;
  assert.equal(rec.flush(), 1);
  ready = false;
  cache.stores.Pod.upsert(pod('db-0', '2', { image: 'postgres:17' }));
  assert.equal(rec.flush(), 1, 'once begun, it does not pause again');
  rec.stop();
  store.close();
});

test('a file that cannot be written keeps the changes queued, never crashes, and stop still returns', () => {
  const cache = new Cache();
  const { store, rec } = open('unwritable.db', cache);
  cache.stores.Pod.replace([pod('db-0', '1')]);
  cache.set('Pod', 'synced');
  store.close();
  const log = console.error;
  console.error = () => undefined;
  try {
    assert.equal(rec.flush(), 0);
    assert.equal(rec.pending, 1, 'kept for the next try');
    assert.throws(() => rec.stop(), /finalized|not open/, 'its stop marks cannot be written either: said, not hung');
  } finally {
    console.error = log;
  }
});

test('who: a spec change is its writer’s, a change of status alone its status writer’s (not the last spec writer)', () => {
  const store = new HistoryStore(':memory:');
  const cache = new Cache();
  const rec = new Recorder(store, cache, { cluster: 'c', kinds: ['Pod'], flushMs: 60_000, now });
  rec.start();
  cache.set('Pod', 'synced');
  const managed = (specAt: string, statusAt: string) => [
    { manager: 'kubectl-edit', operation: 'Update', time: specAt, fieldsV1: { 'f:spec': {} } },
    { manager: 'kubelet', operation: 'Update', subresource: 'status', time: statusAt, fieldsV1: { 'f:status': {} } },
  ];
  const version = (rv: string, image: string, ready: string, m: ReturnType<typeof managed>) =>
    normalize('Pod', 'v1', {
      metadata: { name: 'w', namespace: 'db', uid: 'uid-w', resourceVersion: rv, managedFields: m },
      spec: { containers: [{ name: 'main', image }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready }] },
    }) as Pod;
  cache.stores.Pod.upsert(version('1', 'postgres:16', 'True', managed('2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z')));
  cache.stores.Pod.upsert(version('2', 'postgres:17', 'True', managed('2026-11-01T10:01:00Z', '2026-11-01T10:00:00Z')));
  cache.stores.Pod.upsert(
    version('3', 'postgres:17', 'False', managed('2026-11-01T10:01:00Z', '2026-11-01T10:02:00Z')),
  );
  rec.flush();
  rec.stop();
  const byRv = new Map(
    store
      .reader(WHOLE_FILE)
      .query({ limit: 10 })
      .entries.map((e) => [e.resourceVersion, e.manager]),
  );
  assert.equal(byRv.get('2'), 'kubectl-edit');
  assert.equal(byRv.get('3'), 'kubelet');
  store.close();
});

test('a backlog is written a batch per transaction; each change of an object patches the one before, in or across batches', () => {
  const cache = new Cache();
  cache.status = { Pod: { state: 'synced' }, Secret: { state: 'synced' } };
  const { store, rec } = open('batches.db', cache, 4);
  for (let rv = 1; rv <= 5; rv++)
    for (const name of ['db-0', 'db-1']) cache.stores.Pod.upsert(pod(name, String(rv), { image: `postgres:${rv}` }));
  assert.equal(rec.flush(true), 4, 'one batch');
  assert.equal(rec.pending, 6);
  while (rec.pending) rec.flush(true);
  const { entries } = store.reader(WHOLE_FILE).query({ limit: 20 });
  assert.equal(entries.length, 10);
  for (const e of entries.filter((x) => x.type === 'MODIFIED')) {
    const rv = Number(e.resourceVersion);
    assert.match(e.summary, new RegExp(`image: postgres:${rv - 1} → postgres:${rv}$`), e.summary);
    const image = (store.reader(WHOLE_FILE).contentAt(e.id) as { spec: { containers: Array<{ image: string }> } }).spec
      .containers[0].image;
    assert.equal(image, `postgres:${rv}`);
  }
  assert.deepEqual(store.reader(WHOLE_FILE).verify(), { ok: true, checked: 10 });
  rec.stop();
  store.close();
});

test('an object changed again after more than PARSED_KEPT others in one batch is patched from its text', () => {
  const cache = new Cache();
  cache.status = { Pod: { state: 'synced' }, Secret: { state: 'synced' } };
  const { store, rec } = open('wide-batch.db', cache, 5_000);
  cache.stores.Pod.upsert(pod('db-0', '1', { image: 'postgres:15' }));
  for (let i = 1; i <= PARSED_KEPT + 10; i++) cache.stores.Pod.upsert(pod(`other-${i}`, '1'));
  cache.stores.Pod.upsert(pod('db-0', '2', { image: 'postgres:16' }));
  assert.equal(rec.flush(true), PARSED_KEPT + 12, 'one batch');
  const { entries } = store.reader(WHOLE_FILE).query({ limit: 1 });
  assert.equal(entries[0].type, 'MODIFIED');
  assert.match(entries[0].summary, /image: postgres:15 → postgres:16$/);
  assert.deepEqual(store.reader(WHOLE_FILE).verify(), { ok: true, checked: PARSED_KEPT + 12 });
  rec.stop();
  store.close();
});
