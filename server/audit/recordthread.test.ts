import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import type { SyncState } from '@/lib/wire/topology';
import { recordedCache } from '@/test/support/history';
import { normalize } from '../cache/normalize';
import type { Pod } from '../cache/types';
import { createStores } from '../cache/view';
import type { WorkerSpec } from './offthread';
import type { RecordedCache } from './recorder';
import { RecorderThread } from './recordthread';
import { WHOLE_FILE } from './scope';
import { HistoryStore } from './store';

const SOURCE: WorkerSpec = { file: resolve(import.meta.dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
const dir = mkdtempSync(join(tmpdir(), 'ordinal-recordthread-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function pod(name: string, rv: string, image = 'postgres:16'): Pod {
  return normalize('Pod', 'v1', {
    metadata: { name, namespace: 'db', uid: `uid-${name}`, resourceVersion: rv },
    spec: { containers: [{ name: 'main', image, ports: [{ containerPort: 5432 }] }] },
  }) as Pod;
}

/** Real stores; Pods' sync state set by the test, with the cache's onState. */
function cacheOver(stores: ReturnType<typeof createStores>): RecordedCache & { synced(): void } {
  const base = recordedCache(stores);
  let status: Record<string, SyncState> = { Pod: { state: 'syncing' } };
  const fns = new Set<() => void>();
  return {
    ...base,
    syncStatus: () => status,
    onState: (fn) => {
      fns.add(fn);
      return () => fns.delete(fn);
    },
    synced: () => {
      status = { Pod: { state: 'synced' } };
      for (const fn of fns) fn();
    },
  };
}

async function until<T>(what: string, fn: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('the recorder thread writes what the cache changed, after readiness, while this side reads the file', async () => {
  const path = join(dir, 'live.db');
  const store = new HistoryStore(path, { exclusive: true });
  const stores = createStores();
  const cache = cacheOver(stores);
  let ready = false;
  const thread = new RecorderThread(cache, { cluster: 'c', kinds: ['Pod'], path, worker: SOURCE, ready: () => ready });
  thread.start();
  stores.Pod.replace([pod('db-0', '1'), pod('db-1', '1')]);
  cache.synced();
  const reader = store.reader(WHOLE_FILE);
  assert.equal(reader.query({ limit: 10 }).entries.length, 0, 'nothing before the dashboard is ready');
  assert.ok(thread.pending >= 2);
  ready = true;
  await until('the first lists written', () => reader.query({ limit: 10 }).entries.length === 2);
  stores.Pod.upsert(pod('db-0', '2', 'postgres:17'));
  const modified = await until('the edit written', () =>
    reader.query({ limit: 10 }).entries.find((e) => e.type === 'MODIFIED'),
  );
  assert.match(modified.summary, /image: postgres:16 → postgres:17/);
  const content = reader.contentAt(modified.id) as { spec: { containers: Array<{ ports?: unknown[] }> } };
  assert.deepEqual(
    content.spec.containers[0].ports,
    [{ containerPort: 5432 }],
    'the object whole, not the facts the cache keeps',
  );
  assert.equal('ports' in (stores.Pod.get('db', 'db-0')?.spec.containers[0] ?? {}), false);
  assert.deepEqual(reader.verify(), { ok: true, checked: 3 }, "the reading side sees the writer's head");
  // Synchronous, as at a shutdown: the last change and the stop marks are in the file when it returns.
  stores.Pod.remove('db', 'db-1');
  thread.stop();
  const { entries } = reader.query({ limit: 10 });
  assert.equal(entries[0].type, 'DELETED');
  assert.equal(entries[0].name, 'db-1');
  assert.equal(store.lastMarks('c').get('Pod'), 'stop');
  assert.equal(thread.pending, 0);
  store.close();
});

test('a restart reconciles in the thread: what the cache no longer has was deleted while nobody watched', async () => {
  const path = join(dir, 'restart.db');
  const store = new HistoryStore(path, { exclusive: true });
  const run = async (pods: Pod[], expect: number) => {
    const stores = createStores();
    const cache = cacheOver(stores);
    const thread = new RecorderThread(cache, { cluster: 'c', kinds: ['Pod'], path, worker: SOURCE });
    thread.start();
    stores.Pod.replace(pods);
    cache.synced();
    await until(`${expect} entries`, () => store.reader(WHOLE_FILE).query({ limit: 20 }).entries.length === expect);
    thread.stop();
  };
  await run([pod('db-0', '1'), pod('db-1', '1')], 2);
  await run([pod('db-0', '1')], 3);
  assert.equal(
    ((e) => `${e.type} ${e.name} ${e.observed}`)(store.reader(WHOLE_FILE).query({ limit: 1 }).entries[0]),
    'DELETED db-1 false',
  );
  await run([pod('db-2', '3')], 5);
  const { entries } = store.reader(WHOLE_FILE).query({ limit: 20 });
  const last = entries
    .slice(0, 2)
    .map((e) => `${e.type} ${e.name} ${e.observed}`)
    .sort();
  assert.deepEqual(last, ['ADDED db-2 false', 'DELETED db-0 false']);
  assert.deepEqual(store.reader(WHOLE_FILE).verify(), { ok: true, checked: 5 });
  store.close();
});

test('a first list larger than the worker may hold is written whole: its sync states, behind it, are not waited for', async () => {
  const path = join(dir, 'large.db');
  const store = new HistoryStore(path, { exclusive: true });
  const stores = createStores();
  const cache = cacheOver(stores);
  const thread = new RecorderThread(cache, { cluster: 'c', kinds: ['Pod'], path, worker: SOURCE });
  thread.start();
  // More than the 10,000 changes the worker may hold unwritten, listed before the kind is synced.
  const pods = Array.from({ length: 12_500 }, (_, i) => pod(`db-${i}`, '1'));
  stores.Pod.replace(pods);
  cache.synced();
  const reader = store.reader(WHOLE_FILE);
  await until(
    'every pod recorded',
    () => thread.pending === 0 && reader.query({ limit: 1 }).entries.length > 0,
    120_000,
  );
  assert.equal(reader.verify().checked, 12_500);
  thread.stop();
  store.close();
});
