/**
 * An audit bundle (bundle.ts) loaded into a history store in memory, so the read-only views —
 * the list, revisions and diffs, the graph at a time — answer from it as from a store file.
 * The store holds the scope's entries (ids and hashes as exported) and its opening objects as
 * the baseline; links out of scope are left out, so its chain has gaps by design: the bundle's
 * verdict, taken from the file as it was loaded, stands for it.
 */

import type { HistoryVerdict } from '@/lib/wire/history';
import {
  BUNDLE_FORMATS,
  linesOf,
  verifyBundle,
  type BaselineLine,
  type BundledProblem,
  type BundleManifest,
} from './bundle';
import { CHAINED, type ChainedFields } from './chain';
import type { Content } from './content';
import { BASELINE_TIME, contentAt, DamagedHistory } from './rebuild';
import { HistoryStore } from './store';

export interface LoadedBundle {
  store: HistoryStore;
  manifest: BundleManifest;
  verdict: HistoryVerdict;
}

export class BundleError extends Error {}

type Whole = ChainedFields & BundledProblem & { prevHash: string; hash: string };

export function loadBundle(path: string): LoadedBundle {
  const verdict = verifyBundle(linesOf(path));
  const store = new HistoryStore(':memory:');
  try {
    const manifest = fill(store, linesOf(path));
    if (manifest.baseline) store.setMeta(BASELINE_TIME, manifest.baseline.at);
    liveObjects(store, manifest.baseline?.at);
    return { store, manifest, verdict };
  } catch (e) {
    store.close();
    throw e;
  }
}

/**
 * Entries and baseline rows from the bundle's lines. A line that is not JSON, or whose fields do
 * not fit the store, is skipped: the verdict, taken from the file, names the first such entry.
 */
function fill(store: HistoryStore, lines: Iterable<string>): BundleManifest {
  const put = writers(store);
  let manifest: BundleManifest | undefined;
  store.db.exec('BEGIN');
  for (const text of lines) {
    if (!text.trim()) continue;
    const line = parsed(text);
    if (!manifest) {
      if (!BUNDLE_FORMATS.includes(String((line as Partial<BundleManifest> | undefined)?.format)))
        throw new BundleError('not an audit bundle: its first line is not a manifest');
      manifest = line as BundleManifest;
      continue;
    }
    try {
      if (isLine<Whole>(line, 'e')) put.entry(line.e);
      else if (isLine<BaselineLine>(line, 'b')) put.baseline(line.b);
    } catch {
      // A value SQLite cannot bind (an object for a name): not loaded.
    }
  }
  store.db.exec('COMMIT');
  if (!manifest) throw new BundleError('not an audit bundle: it is empty');
  return manifest;
}

function writers(store: HistoryStore) {
  const entry = store.db.prepare(`INSERT OR IGNORE INTO entries (id, time, cluster, type, kind, namespace, name, uid,
    rv, observed, window_from, window_to, manager, summary, keyframe, content, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const problem = store.db.prepare('INSERT OR IGNORE INTO problems (id, code, health, turn) VALUES (?, ?, ?, ?)');
  const base = store.db.prepare(`INSERT OR REPLACE INTO baseline (cluster, uid, kind, namespace, name, content)
    VALUES (?, ?, ?, ?, ?, ?)`);
  return {
    entry(f: Whole): void {
      const values = CHAINED.map((k) => (typeof f[k] === 'boolean' ? Number(f[k]) : f[k]));
      entry.run(...values, f.content, f.prevHash, f.hash);
      const p = f.problem;
      if (p) problem.run(f.id, p.code ?? null, p.health ?? null, p.turn ?? null);
    },
    baseline({ cluster, kind, content }: BaselineLine): void {
      const m = metaOf(content);
      if (m) base.run(cluster, m.uid, kind, m.namespace, m.name, JSON.stringify(content));
    },
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isLine<T>(line: unknown, key: 'e' | 'b'): line is Record<typeof key, T> {
  const v = (line as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'object' && v !== null;
}

/**
 * The objects table as a recording store keeps it — each object's state after its last entry,
 * with that entry's time — which the views count, list clusters from and read unchanged objects
 * from; objects of the opening state that no entry touched are as the baseline holds them.
 */
function liveObjects(store: HistoryStore, openedAt: string | undefined): void {
  const upsert = store.db.prepare(`INSERT OR REPLACE INTO objects (cluster, uid, kind, namespace, name, rv, content,
    core, since_keyframe, deleted, time) VALUES (?, ?, ?, ?, ?, ?, ?, '', 0, ?, ?)`);
  const lasts = store.db
    .prepare(
      `SELECT e.id, e.cluster, e.uid, e.kind, e.namespace, e.name, e.rv, e.type, e.time FROM entries e
      JOIN (SELECT MAX(id) AS id FROM entries GROUP BY cluster, uid) l ON l.id = e.id`,
    )
    .all() as Array<{
    id: number;
    cluster: string;
    uid: string;
    kind: string;
    namespace: string | null;
    name: string;
    rv: string;
    type: string;
    time: string;
  }>;
  store.db.exec('BEGIN');
  for (const e of lasts) {
    let content: Content | null | undefined = null;
    try {
      content = e.type === 'DELETED' ? null : contentAt(store, e.id);
    } catch (err) {
      // Content that cannot be rebuilt (an edited bundle): the object is listed, its past views answer 422.
      if (!(err instanceof DamagedHistory)) throw err;
    }
    const gone = e.type === 'DELETED' ? 1 : 0;
    upsert.run(e.cluster, e.uid, e.kind, e.namespace, e.name, e.rv, JSON.stringify(content ?? {}), gone, e.time);
  }
  const untouched = store.db
    .prepare('SELECT * FROM baseline b WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.uid = b.uid)')
    .all() as Array<{
    cluster: string;
    uid: string;
    kind: string;
    namespace: string | null;
    name: string;
    content: string;
  }>;
  for (const b of untouched) {
    const rv = metaOf(JSON.parse(b.content) as Content)?.rv ?? '';
    upsert.run(b.cluster, b.uid, b.kind, b.namespace, b.name, rv, b.content, 0, openedAt ?? '');
  }
  store.db.exec('COMMIT');
}

function metaOf(c: Content): { uid: string; name: string; namespace: string | null; rv: string; time: string } | null {
  const m = c.metadata as
    | { uid?: string; name?: string; namespace?: string; resourceVersion?: string; creationTimestamp?: string }
    | undefined;
  if (!m?.uid || !m.name) return null;
  return {
    uid: m.uid,
    name: m.name,
    namespace: m.namespace ?? null,
    rv: m.resourceVersion ?? '',
    time: m.creationTimestamp ?? '',
  };
}
