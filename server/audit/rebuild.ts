/**
 * Past versions from the stored entries: an object's content is its newest keyframe (or,
 * when a cleanup removed it, its row in `baseline` — its state at the cleanup's boundary)
 * with the patches after it applied in order.
 */

// fast-json-patch is CommonJS: its functions are on the default export under Node's ESM.
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { ChangeType } from '@/lib/wire/history';
import type { Content } from './content';
import type { HistoryDb } from './schema';

export const BASELINE_TIME = 'baseline.time';

interface Step {
  keyframe: number;
  content: string | null;
}

/** Stored content that cannot be rebuilt (a damaged or edited file): the API answers 422, verify names the entry. */
export class DamagedHistory extends Error {}

function damaged(e: unknown): DamagedHistory {
  return new DamagedHistory(
    `the history's stored content cannot be rebuilt (${(e as Error).message.slice(0, 120)}); verify the file`,
  );
}

function parse(text: string): Content {
  try {
    return JSON.parse(text) as Content;
  } catch (e) {
    throw damaged(e);
  }
}

/** One entry applied to a document: a keyframe replaces it, a patch changes it. */
export function applyStep(doc: Content | undefined, r: Step): Content | undefined {
  if (r.keyframe) return parse(r.content ?? 'null');
  if (!doc || !r.content) return doc;
  try {
    return jsonpatch.applyPatch(doc, parse(r.content) as unknown as Operation[], false, true).newDocument;
  } catch (e) {
    throw e instanceof DamagedHistory ? e : damaged(e);
  }
}

function baselineOf(store: HistoryDb, cluster: string, uid: string): Content | undefined {
  const row = store.db.prepare('SELECT content FROM baseline WHERE cluster = ? AND uid = ?').get(cluster, uid) as
    { content: string } | undefined;
  return row ? parse(row.content) : undefined;
}

export function contentAt(store: HistoryDb, id: number): Content | null | undefined {
  const target = store.db.prepare('SELECT uid, cluster, type FROM entries WHERE id = ?').get(id) as
    { uid: string; cluster: string; type: ChangeType } | undefined;
  if (!target) return undefined;
  if (target.type === 'DELETED') return null;
  const keyframe = store.db
    .prepare('SELECT MAX(id) AS id FROM entries WHERE cluster = ? AND uid = ? AND id <= ? AND keyframe = 1')
    .get(target.cluster, target.uid, id) as { id: number | null };
  const rows = store.db
    .prepare(
      `SELECT keyframe, content FROM entries WHERE cluster = ? AND uid = ? AND id >= ? AND id <= ?
    AND type != 'DELETED' ORDER BY id`,
    )
    .all(target.cluster, target.uid, keyframe.id ?? 0, id) as unknown as Step[];
  let doc = keyframe.id === null ? baselineOf(store, target.cluster, target.uid) : undefined;
  for (const r of rows) doc = applyStep(doc, r);
  return doc;
}

/** An object unchanged since `at`, as `objects` holds it: a caller may have it already (the live cache). */
export interface UnchangedRef {
  kind: string;
  namespace: string | null;
  name: string;
  uid: string;
  rv: string;
}

export type Reuse = (ref: UnchangedRef) => Content | undefined;

/**
 * Every object alive at `at`. An object whose last entry is at or before `at` is as `objects`
 * holds it now (or as `reuse` gives it — the live cache's copy of the same version — without
 * parsing); only those changed since are rebuilt from their newest keyframe (or baseline) up to
 * `at`, and those the baseline holds that had no entry by then come from it. A recent time
 * costs a read of `objects`, not a walk of the entries.
 */
export function* objectsAt(
  store: HistoryDb,
  cluster: string,
  at: string,
  namespace?: string,
  reuse?: Reuse,
): Generator<{ kind: string; content: Content }> {
  // One namespace: its objects and the cluster-scoped ones (volumes, classes) its derivations read.
  const ns = namespace ?? null;
  const unchanged = store.db.prepare(`SELECT kind, namespace, name, uid, rv, content FROM objects
    WHERE cluster = ? AND deleted = 0 AND time <= ? AND (? IS NULL OR namespace = ? OR namespace IS NULL)`);
  for (const r of unchanged.iterate(cluster, at, ns, ns) as Iterable<UnchangedRef & { content: string }>)
    yield { kind: r.kind, content: reuse?.(r) ?? parse(r.content) };
  yield* changedSince(store, cluster, at, ns);
  const floor = store.meta(BASELINE_TIME);
  if (!floor || at < floor) return;
  const untouched = store.db.prepare(`SELECT kind, content FROM baseline b WHERE b.cluster = ?
    AND (? IS NULL OR b.namespace = ? OR b.namespace IS NULL)
    AND EXISTS (SELECT 1 FROM objects o WHERE o.cluster = b.cluster AND o.uid = b.uid AND o.time > ?)
    AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.cluster = b.cluster AND e.uid = b.uid AND e.time <= ?)`);
  for (const r of untouched.iterate(cluster, ns, ns, at, at) as Iterable<{ kind: string; content: string }>)
    yield { kind: r.kind, content: parse(r.content) };
}

/** Objects changed after `at` that were alive at `at`: rebuilt from their newest keyframe (or baseline) on. */
function* changedSince(
  store: HistoryDb,
  cluster: string,
  at: string,
  ns: string | null,
): Generator<{ kind: string; content: Content }> {
  const rows = store.db.prepare(`
    WITH moved AS MATERIALIZED (SELECT uid FROM objects WHERE cluster = ? AND time > ?
      AND (? IS NULL OR namespace = ? OR namespace IS NULL)),
    last AS MATERIALIZED (SELECT e.uid, MAX(e.id) AS id FROM moved JOIN entries e ON e.uid = moved.uid
      WHERE e.cluster = ? AND e.time <= ? GROUP BY e.uid),
    alive AS MATERIALIZED (SELECT e.uid, e.id FROM entries e JOIN last ON e.id = last.id WHERE e.type != 'DELETED'),
    kf AS MATERIALIZED (SELECT alive.uid, alive.id AS aid,
           (SELECT MAX(k.id) FROM entries k WHERE k.uid = alive.uid AND k.cluster = ? AND k.keyframe = 1 AND k.id <= alive.id) AS kid
           FROM alive)
    SELECT e.uid, e.kind, e.keyframe, e.content, CASE WHEN kf.kid IS NULL THEN b.content END AS base
    FROM kf JOIN entries e ON e.uid = kf.uid AND e.cluster = ? AND e.id >= COALESCE(kf.kid, 0) AND e.id <= kf.aid AND e.type != 'DELETED'
    LEFT JOIN baseline b ON b.cluster = ? AND b.uid = kf.uid
    ORDER BY e.uid, e.id`);
  let uid = '';
  let kind = '';
  let doc: Content | undefined;
  for (const r of rows.iterate(cluster, at, ns, ns, cluster, at, cluster, cluster, cluster) as Iterable<
    Step & { uid: string; kind: string; base: string | null }
  >) {
    if (r.uid !== uid) {
      if (doc) yield { kind, content: doc };
      uid = r.uid;
      kind = r.kind;
      doc = r.base ? parse(r.base) : undefined;
    }
    doc = applyStep(doc, r);
  }
  if (doc) yield { kind, content: doc };
}
