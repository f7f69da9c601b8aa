import type { Settings } from '../settings/table';
import { applyStep, BASELINE_TIME } from './rebuild';
import type { HistoryStore } from './store';
import type { Content } from './content';

/** How much history is kept: entries older than `maxAgeMs` go, and the oldest go while the file holds more than `maxBytes`. */
export interface Retention {
  maxAgeMs: number;
  maxBytes: number;
}

/** ORDINAL_HISTORY_RETENTION and ORDINAL_HISTORY_MAX_MB, as the settings read them. */
export function retentionOf(s: Pick<Settings, 'historyRetentionMs' | 'historyMaxMb'>): Retention {
  return { maxAgeMs: s.historyRetentionMs, maxBytes: s.historyMaxMb * 1024 * 1024 };
}

/** Entries removed per transaction: a cleanup of millions never holds the server for long. */
export const CLEANUP_STEP = 20_000;

/** Bytes the store's pages hold (freed pages are reused, not counted). */
export function usedBytes(store: HistoryStore): number {
  const p = (pragma: string) => (store.db.prepare(`PRAGMA ${pragma}`).get() as Record<string, number>)[pragma];
  return (p('page_count') - p('freelist_count')) * p('page_size');
}

/** The newest entry id a cleanup removes now (age, then size down to 80% of the limit), or undefined. */
export function cutoff(store: HistoryStore, r: Retention, now: number): number | undefined {
  const byAge = store.db
    .prepare('SELECT MAX(id) AS id FROM entries WHERE time < ?')
    .get(new Date(now - r.maxAgeMs).toISOString()) as { id: number | null };
  let id = byAge.id ?? undefined;
  const used = usedBytes(store);
  if (used > r.maxBytes) {
    const { n, first } = store.db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first FROM entries').get() as {
      n: number;
      first: number | null;
    };
    const remove = Math.ceil(n * (1 - (0.8 * r.maxBytes) / used));
    if (first !== null && remove > 0) id = Math.max(id ?? 0, first + remove - 1);
  }
  return id;
}

/**
 * One step: removes the entries up to `upTo` (at most CLEANUP_STEP of them) in one
 * transaction, folding each removed object's state at the boundary into `baseline` (deleted
 * ones leave it), and moving the chain's base to the last removed entry — so the oldest
 * retained time can still be rebuilt and the chain still verifies. Returns how many went.
 */
export function compactStep(store: HistoryStore, upTo: number): number {
  const first = store.db.prepare('SELECT MIN(id) AS id FROM entries').get() as { id: number | null };
  if (first.id === null || first.id > upTo) return 0;
  const last = Math.min(upTo, first.id + CLEANUP_STEP - 1);
  const boundary = store.db
    .prepare('SELECT id, hash, time FROM entries WHERE id <= ? ORDER BY id DESC LIMIT 1')
    .get(last) as { id: number; hash: string; time: string };
  const rows = store.db
    .prepare(
      `SELECT cluster, uid, kind, namespace, name, type, keyframe, content FROM entries WHERE id <= ? ORDER BY cluster, uid, id`,
    )
    .iterate(last) as Iterable<{
    cluster: string;
    uid: string;
    kind: string;
    namespace: string | null;
    name: string;
    type: string;
    keyframe: number;
    content: string | null;
  }>;
  const getBase = store.db.prepare('SELECT content FROM baseline WHERE cluster = ? AND uid = ?');
  const put = store.db
    .prepare(`INSERT INTO baseline (cluster, uid, kind, namespace, name, content) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (cluster, uid) DO UPDATE SET kind = excluded.kind, namespace = excluded.namespace, name = excluded.name, content = excluded.content`);
  const drop = store.db.prepare('DELETE FROM baseline WHERE cluster = ? AND uid = ?');
  store.db.exec('BEGIN IMMEDIATE');
  try {
    const states: Array<{
      cluster: string;
      uid: string;
      kind: string;
      namespace: string | null;
      name: string;
      doc?: Content;
      deleted: boolean;
    }> = [];
    let cur: (typeof states)[number] | undefined;
    for (const r of rows) {
      if (!cur || cur.uid !== r.uid || cur.cluster !== r.cluster) {
        const base = getBase.get(r.cluster, r.uid) as { content: string } | undefined;
        cur = { ...r, doc: base ? (JSON.parse(base.content) as Content) : undefined, deleted: false };
        states.push(cur);
      }
      cur.deleted = r.type === 'DELETED';
      if (!cur.deleted) cur.doc = applyStep(cur.doc, r);
    }
    for (const s of states) {
      if (s.deleted || !s.doc) drop.run(s.cluster, s.uid);
      else put.run(s.cluster, s.uid, s.kind, s.namespace, s.name, JSON.stringify(s.doc));
    }
    const removed = Number(store.db.prepare('DELETE FROM entries WHERE id <= ?').run(last).changes);
    store.db.prepare('DELETE FROM problems WHERE id <= ?').run(last);
    store.setMeta('chain.base', `${boundary.id}:${boundary.hash}`);
    store.setMeta(BASELINE_TIME, boundary.time);
    store.setMeta('retention.removed', String(Number(store.meta('retention.removed') ?? '0') + removed));
    store.db.exec('COMMIT');
    return removed;
  } catch (e) {
    store.db.exec('ROLLBACK');
    throw e;
  }
}

const FIRST_CLEANUP_MS = 30_000;
const CLEANUP_EVERY_MS = 10 * 60_000;

/**
 * Cleans up in the background: half a minute after start (a large store never delays start-up
 * or readiness), then every ten minutes, a step at a time with the event loop turning between.
 */
export function startRetention(
  store: HistoryStore,
  r: Retention,
  now: () => number = Date.now,
): { stop(): void; run(): Promise<number> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async (): Promise<number> => {
    const upTo = cutoff(store, r, now());
    let total = 0;
    while (upTo !== undefined && !stopped) {
      const n = compactStep(store, upTo);
      total += n;
      if (n === 0) break;
      await new Promise((res) => setTimeout(res, 0));
    }
    if (!stopped) store.setMeta('retention.lastCleanup', new Date(now()).toISOString());
    return total;
  };
  const schedule = (ms: number) => {
    timer = setTimeout(
      () =>
        void run()
          .catch((e: unknown) => console.error('ordinal: history cleanup failed', e))
          .finally(() => !stopped && schedule(CLEANUP_EVERY_MS)),
      ms,
    );
    timer.unref();
  };
  schedule(FIRST_CLEANUP_MS);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    run,
  };
}
