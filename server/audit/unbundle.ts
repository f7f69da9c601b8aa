import type { HistoryVerdict } from '@/lib/wire/history';
import {
  BUNDLE_FORMAT,
  linesOf,
  verifyBundle,
  type BaselineLine,
  type BundledProblem,
  type BundleManifest,
} from './bundle';
import { CHAINED, type ChainedFields } from './chain';
import type { Content } from './content';
import { BASELINE_TIME, DamagedHistory } from './rebuild';
import { HistoryStore } from './store';

/**
 * An audit bundle (bundle.ts) loaded into a history store in memory, so the read-only views —
 * the list, revisions and diffs, the graph at a time — answer from it as from a store file.
 * The store holds the scope's entries (ids and hashes as exported) and its opening objects as
 * the baseline; links out of scope are left out, so its chain has gaps by design: the bundle's
 * verdict, taken from the file as it was loaded, stands for it.
 */
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
    liveObjects(store);
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
      if ((line as Partial<BundleManifest> | undefined)?.format !== BUNDLE_FORMAT)
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

/** The objects table (what the views count and list clusters from): each object's last state in the bundle. */
function liveObjects(store: HistoryStore): void {
  const clusters = store.db
    .prepare('SELECT DISTINCT cluster FROM entries UNION SELECT DISTINCT cluster FROM baseline')
    .all() as Array<{ cluster: string }>;
  const upsert = store.db.prepare(`INSERT OR REPLACE INTO objects (cluster, uid, kind, namespace, name, rv, content,
    core, since_keyframe, deleted, time) VALUES (?, ?, ?, ?, ?, ?, ?, '', 0, 0, ?)`);
  const end = '~';
  store.db.exec('BEGIN');
  for (const { cluster } of clusters) {
    try {
      for (const { kind, content } of store.objectsAt(cluster, end)) {
        const m = metaOf(content);
        if (m) upsert.run(cluster, m.uid, kind, m.namespace, m.name, m.rv, JSON.stringify(content), m.time);
      }
    } catch (e) {
      // Content that cannot be rebuilt (an edited bundle): its cluster's objects are counted as far as they went.
      if (!(e instanceof DamagedHistory)) throw e;
    }
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
