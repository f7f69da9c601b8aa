/**
 * The history's queries: pages, exports, bundle spans and the timeline, all from `entries` by its
 * indexes. Each takes the reader's scope (scope.ts) and adds it to its condition: none reads without one.
 */

import type { SQLInputValue } from 'node:sqlite';
import type {
  ChangeType,
  HistoryEntry,
  HistoryPage,
  HistoryStatusFilter,
  ProblemTurn,
  TimelineBucket,
  TimelineTurn,
} from '@/lib/wire/history';
import type { Health } from '@/lib/wire/topology';
import type { EntryRow, HistoryDb, HistoryVisibility } from './schema';
import { scopeHas, type HistoryScope } from './scope';

export interface HistoryQuery {
  namespace?: string;
  kind?: string;
  name?: string;
  uid?: string;
  since?: string;
  until?: string;
  q?: string;
  /** Only changes after which the object has a problem, or that turned it into or out of one. */
  status?: HistoryStatusFilter;
  limit: number;
  /** Entries past this id in the query's order (from a page's `next`). */
  before?: number;
  /** Newest first (default), or oldest first. */
  order?: 'asc' | 'desc';
}

/** What selects entries (a query without its paging). */
export type EntryFilter = Omit<HistoryQuery, 'limit' | 'before' | 'order'>;

/** Changes per time bucket (by type, and unobserved) over [from, to) for a query's filters. */
export function density(
  store: HistoryDb,
  scope: HistoryScope,
  q: EntryFilter,
  from: string,
  to: string,
  buckets: number,
): TimelineBucket[] {
  const start = Date.parse(from);
  const bucketMs = Math.max(1, Math.ceil((Date.parse(to) - start) / buckets));
  const { where, args } = whereOf(store, scope, { ...q, since: from, until: to });
  // Whole milliseconds since the epoch, then integer division: a change at a bucket's start is in it.
  // (node:sqlite binds numbers as REAL: the division is made integer by the casts.)
  const bucketOf = `(CAST(ROUND((julianday(time) - 2440587.5) * 86400000) AS INTEGER) - CAST(? AS INTEGER)) / CAST(? AS INTEGER)`;
  const rows = store.db
    .prepare(
      `SELECT ${bucketOf} AS b, type, observed, COUNT(*) AS n FROM entries WHERE ${where.join(' AND ')}
      GROUP BY b, type, observed`,
    )
    .all(start, bucketMs, ...args) as Array<{ b: number; type: ChangeType; observed: number; n: number }>;
  const out: TimelineBucket[] = Array.from({ length: buckets }, (_, i) => ({
    t: new Date(start + i * bucketMs).toISOString(),
    added: 0,
    modified: 0,
    deleted: 0,
    unobserved: 0,
    turned: 0,
    recovered: 0,
  }));
  const at = (b: number) => out[Math.min(buckets - 1, Math.max(0, b))];
  for (const r of rows) {
    const bucket = at(r.b);
    if (r.type === 'ADDED') bucket.added += r.n;
    else if (r.type === 'MODIFIED') bucket.modified += r.n;
    else bucket.deleted += r.n;
    if (!r.observed) bucket.unobserved += r.n;
  }
  if (!store.problems) return out;
  const turns = store.db
    .prepare(
      `SELECT ${bucketOf} AS b, turn, COUNT(*) AS n FROM entries JOIN problems ON problems.id = entries.id
      WHERE ${[...where, 'turn IS NOT NULL'].join(' AND ')} GROUP BY b, turn`,
    )
    .all(start, bucketMs, ...args) as Array<{ b: number; turn: ProblemTurn; n: number }>;
  for (const r of turns) at(r.b)[r.turn] += r.n;
  return out;
}

/** The newest problem transitions matching a query in [from, to], oldest first. */
export function turns(
  store: HistoryDb,
  scope: HistoryScope,
  q: EntryFilter,
  from: string,
  to: string,
  limit: number,
): TimelineTurn[] {
  if (!store.problems) return [];
  const { where, args } = whereOf(store, scope, { ...q, since: from, until: to });
  const rows = store.db
    .prepare(
      `SELECT entries.id, time, kind, namespace, name, turn, code, health FROM entries
      JOIN problems ON problems.id = entries.id WHERE ${[...where, 'turn IS NOT NULL'].join(' AND ')}
      ORDER BY entries.id DESC LIMIT ?`,
    )
    .all(...args, limit) as unknown as Array<Omit<TimelineTurn, 'namespace' | 'code' | 'health'> & ProblemRow>;
  return rows.reverse().map((r) => ({
    id: r.id,
    time: r.time,
    kind: r.kind,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    name: r.name,
    turn: r.turn as ProblemTurn,
    ...(r.code ? { code: r.code } : {}),
    ...(r.health ? { health: r.health as Health } : {}),
  }));
}

interface ProblemRow {
  id: number;
  namespace: string | null;
  code: string | null;
  health: string | null;
  turn: string | null;
}

/** Entries with their problem rows (one query for a page). */
function withProblems(store: HistoryDb, rows: EntryRow[]): HistoryEntry[] {
  const entries = rows.map(toEntry);
  if (!store.problems || !rows.length) return entries;
  const found = store.db
    .prepare('SELECT id, code, health, turn FROM problems WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rows.map((r) => r.id))) as unknown as ProblemRow[];
  const byId = new Map(found.map((p) => [p.id, p]));
  for (const e of entries) {
    const p = byId.get(e.id);
    if (!p) continue;
    e.problem = {
      ...(p.code ? { code: p.code } : {}),
      ...(p.health ? { health: p.health as Health } : {}),
      ...(p.turn ? { turn: p.turn as ProblemTurn } : {}),
    };
  }
  return entries;
}

/** A page of entries, newest first unless `order` says; `next` when more remain. */
export function query(store: HistoryDb, scope: HistoryScope, q: HistoryQuery): HistoryPage {
  const { where, args } = whereOf(store, scope, q);
  const asc = q.order === 'asc';
  if (q.before !== undefined) {
    where.push(asc ? 'id > ?' : 'id < ?');
    args.push(q.before);
  }
  const sql = `SELECT * FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${asc ? 'ASC' : 'DESC'} LIMIT ?`;
  const rows = store.db.prepare(sql).all(...args, q.limit + 1) as unknown as EntryRow[];
  const entries = withProblems(store, rows.slice(0, q.limit));
  return rows.length > q.limit ? { entries, next: String(entries[entries.length - 1].id) } : { entries };
}

/** Every entry matching, oldest first, a page at a time (exports: memory flat however many). */
export function* scan(store: HistoryDb, scope: HistoryScope, q: EntryFilter): Generator<HistoryEntry> {
  const { where, args } = whereOf(store, scope, q);
  const stmt = store.db.prepare(
    `SELECT * FROM entries WHERE ${[...where, 'id > ?'].join(' AND ')} ORDER BY id LIMIT 1000`,
  );
  let after = 0;
  for (;;) {
    const rows = stmt.all(...args, after) as unknown as EntryRow[];
    if (!rows.length) return;
    yield* withProblems(store, rows);
    after = rows[rows.length - 1].id;
  }
}

/** The first and last matching entries (their links) and how many match: an audit bundle's span. */
export function span(
  store: HistoryDb,
  scope: HistoryScope,
  q: EntryFilter,
): {
  first?: { id: number; prevHash: string; time: string };
  last?: { id: number; hash: string };
  count: number;
} {
  const { where, args } = whereOf(store, scope, q);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const first = store.db
    .prepare(`SELECT id, prev_hash AS prevHash, time FROM entries ${w} ORDER BY id LIMIT 1`)
    .get(...args) as { id: number; prevHash: string; time: string } | undefined;
  const last = store.db.prepare(`SELECT id, hash FROM entries ${w} ORDER BY id DESC LIMIT 1`).get(...args) as
    { id: number; hash: string } | undefined;
  const { n } = store.db.prepare(`SELECT COUNT(*) AS n FROM entries ${w}`).get(...args) as { n: number };
  return { first, last, count: n };
}

/** One entry by id, when the scope holds it; another cluster's, or one the viewer may not list, is not found. */
export function entry(store: HistoryDb, scope: HistoryScope, id: number): HistoryEntry | undefined {
  const row = store.db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
  if (!row || !scopeHas(scope, row)) return undefined;
  return withProblems(store, [row])[0];
}

/** The SQL condition of a visibility: a kind seen everywhere, or a namespace and a kind seen there. */
function visibleWhere(v: HistoryVisibility): { clause: string; args: SQLInputValue[] } {
  const terms: string[] = [];
  const args: SQLInputValue[] = [];
  const list = (kinds: readonly string[]) => kinds.map(() => '?').join(', ');
  if (v.everywhere.length) {
    terms.push(`kind IN (${list(v.everywhere)})`);
    args.push(...v.everywhere);
  }
  for (const [ns, kinds] of v.inNamespace) {
    if (!kinds.length) continue;
    terms.push(`(namespace = ? AND kind IN (${list(kinds)}))`);
    args.push(ns, ...kinds);
  }
  return { clause: terms.length ? `(${terms.join(' OR ')})` : '0', args };
}

/** The status filter's rows of `problems`. */
const STATUS_WHERE: Record<HistoryStatusFilter, string> = {
  problem: 'code IS NOT NULL',
  turned: "turn = 'turned'",
  recovered: "turn = 'recovered'",
};

/** A query's condition: its filters, then the scope's cluster and visibility, always. */
export function whereOf(
  store: HistoryDb,
  scope: HistoryScope,
  q: EntryFilter,
): { where: string[]; args: SQLInputValue[] } {
  const where: string[] = [];
  const args: SQLInputValue[] = [];
  const add = (clause: string, ...values: SQLInputValue[]) => {
    where.push(clause);
    args.push(...values);
  };
  if (q.namespace !== undefined) add('namespace = ?', q.namespace);
  if (q.kind !== undefined) add('kind = ?', q.kind);
  if (q.name !== undefined) add('name = ?', q.name);
  if (q.uid !== undefined) add('uid = ?', q.uid);
  if (q.since !== undefined) add('time >= ?', q.since);
  if (q.until !== undefined) add('time <= ?', q.until);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add("(name LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')", like, like);
  }
  if (q.status) add(store.problems ? `entries.id IN (SELECT id FROM problems WHERE ${STATUS_WHERE[q.status]})` : '0');
  if (scope.cluster !== null) add('cluster = ?', scope.cluster);
  if (scope.visible !== null) {
    const v = visibleWhere(scope.visible);
    add(v.clause, ...v.args);
  }
  return { where, args };
}

function toEntry(r: EntryRow): HistoryEntry {
  return {
    id: r.id,
    time: r.time,
    cluster: r.cluster,
    type: r.type as ChangeType,
    kind: r.kind,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    name: r.name,
    uid: r.uid,
    resourceVersion: r.rv,
    observed: r.observed === 1,
    ...(r.observed === 1 ? {} : { window: { from: r.window_from, to: r.window_to ?? r.time } }),
    ...(r.manager ? { manager: r.manager } : {}),
    summary: r.summary,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}
