import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { ChangeType, CoverageMark, HistoryEntry, HistoryPage, HistoryVerdict, TimelineBucket } from '@/lib/wire/history';
import { entryHash, firstBroken, GENESIS, type ChainedFields } from './chain';
import type { Content } from './content';
import { BASELINE_TIME, contentAt, objectsAt } from './rebuild';
import { fieldsOf, SCHEMA, SCHEMA_VERSION, type EntryRow, type ObjectRow } from './schema';

/** An entry to append; the store numbers and chains it. `state` and `core`: the object's content after it (its last, once deleted). */
export interface NewEntry extends Omit<ChainedFields, 'id'> {
  /** The object's content after it; null keeps the last (a deletion). */
  state: string | null;
  core: string;
  /** Revisions since the object's last keyframe, this one included (0 for a keyframe). */
  sinceKeyframe: number;
}

export interface HistoryQuery {
  namespace?: string;
  kind?: string;
  name?: string;
  uid?: string;
  since?: string;
  until?: string;
  q?: string;
  limit: number;
  /** Entries past this id in the query's order (from a page's `next`). */
  before?: number;
  /** Newest first (default), or oldest first. */
  order?: 'asc' | 'desc';
}

/** Every this many revisions of an object, its full content is stored again: a past version costs at most this many patches. */
export const KEYFRAME_EVERY = 16;

/**
 * The durable history: one SQLite file in WAL mode (a crash loses no committed
 * transaction), written in batches by the recorder. Reads never block the writer.
 */
export class HistoryStore {
  /** The connection, for the store's siblings (rebuild.ts, retention.ts) only. */
  readonly db: DatabaseSync;
  private readonly stmt = new Map<string, StatementSync>();
  private headCache?: { id: number; hash: string };

  /**
   * `exclusive`: hold the file's lock for the store's life (one writer per file); throws
   * "database is locked" if another has it. `readOnly`: a file handed over, opened without
   * a single write (the audit CLI).
   */
  constructor(readonly path: string, o: { exclusive?: boolean; readOnly?: boolean } = {}) {
    if (o.readOnly) {
      this.db = new DatabaseSync(path, { readOnly: true });
      return;
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    try {
      if (o.exclusive) this.db.exec('PRAGMA locking_mode = EXCLUSIVE;');
      // Pages of 16 KiB: an object's content (a few KB) fits in one instead of an overflow chain.
      this.db.exec('PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;');
      // Takes the lock now (a write), not at the first batch.
      this.db.exec('BEGIN IMMEDIATE; COMMIT;');
      this.db.exec('PRAGMA busy_timeout = 5000;');
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.db.exec(SCHEMA);
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
  }

  close(): void {
    this.db.close();
  }

  private sql(text: string): StatementSync {
    let s = this.stmt.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.stmt.set(text, s);
    }
    return s;
  }

  meta(key: string): string | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  head(): { id: number; hash: string } {
    if (!this.headCache) {
      const row = this.sql('SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
      // Every entry cleaned up: the chain goes on from its base.
      const base = this.meta('chain.base')?.split(':');
      this.headCache = row ?? (base ? { id: Number(base[0]), hash: base[1] } : { id: 0, hash: GENESIS });
    }
    return this.headCache;
  }

  /** What the recorder compares with: the object's last recorded version, without its content. */
  object(cluster: string, uid: string): Omit<ObjectRow, 'content'> | undefined {
    return this.sql('SELECT uid, kind, namespace, name, rv, core, since_keyframe, deleted, time FROM objects WHERE cluster = ? AND uid = ?')
      .get(cluster, uid) as Omit<ObjectRow, 'content'> | undefined;
  }

  /** The object's last recorded content (the base of its next patch). */
  objectContent(cluster: string, uid: string): string | undefined {
    return (this.sql('SELECT content FROM objects WHERE cluster = ? AND uid = ?').get(cluster, uid) as { content: string } | undefined)?.content;
  }

  /** Objects of a kind whose latest record is not a deletion: what a fresh list must still contain. */
  liveObjects(cluster: string, kind: string): ObjectRow[] {
    return this.sql('SELECT * FROM objects WHERE cluster = ? AND kind = ? AND deleted = 0').all(cluster, kind) as unknown as ObjectRow[];
  }

  /** Appends in one transaction; an entry already recorded (same cluster, uid, resourceVersion, type) is skipped. */
  append(entries: readonly NewEntry[]): number {
    if (!entries.length) return 0;
    const exists = this.sql('SELECT 1 FROM entries WHERE cluster = ? AND uid = ? AND rv = ? AND type = ?');
    const insert = this.sql(`INSERT INTO entries (id, time, cluster, type, kind, namespace, name, uid, rv, observed,
      window_from, window_to, manager, summary, keyframe, content, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const upsert = this.sql(`INSERT INTO objects (cluster, uid, kind, namespace, name, rv, content, core, since_keyframe, deleted, time)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cluster, uid) DO UPDATE SET kind = excluded.kind,
      namespace = excluded.namespace, name = excluded.name, rv = excluded.rv, content = excluded.content, core = excluded.core,
      since_keyframe = excluded.since_keyframe, deleted = excluded.deleted, time = excluded.time`);
    // A deletion marks the object gone and keeps its last content.
    const gone = this.sql('UPDATE objects SET rv = ?, since_keyframe = ?, deleted = 1, time = ? WHERE cluster = ? AND uid = ?');
    let head = this.head();
    let written = 0;
    this.db.exec('BEGIN');
    try {
      for (const e of entries) {
        if (exists.get(e.cluster, e.uid, e.resourceVersion, e.type)) continue;
        const f: ChainedFields = { ...e, id: head.id + 1 };
        const hash = entryHash(head.hash, f);
        insert.run(f.id, f.time, f.cluster, f.type, f.kind, f.namespace, f.name, f.uid, f.resourceVersion, f.observed ? 1 : 0,
          f.windowFrom, f.windowTo, f.manager, f.summary, f.keyframe ? 1 : 0, f.content, head.hash, hash);
        if (e.state === null) gone.run(e.resourceVersion, e.sinceKeyframe, e.time, e.cluster, e.uid);
        else upsert.run(e.cluster, e.uid, e.kind, e.namespace, e.name, e.resourceVersion, e.state, e.core, e.sinceKeyframe, e.type === 'DELETED' ? 1 : 0, e.time);
        head = { id: f.id, hash };
        written++;
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      this.headCache = undefined;
      throw err;
    }
    this.headCache = head;
    return written;
  }

  mark(cluster: string, m: CoverageMark): void {
    this.sql('INSERT INTO coverage (time, cluster, kind, namespace, state, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(m.time, cluster, m.kind, m.namespace ?? null, m.state, m.detail ?? null);
  }

  marks(since?: string, until?: string): CoverageMark[] {
    const rows = this.sql('SELECT * FROM coverage WHERE time >= ? AND time <= ? ORDER BY id').all(since ?? '', until ?? '~') as unknown as
      Array<{ time: string; kind: string; namespace: string | null; state: CoverageMark['state']; detail: string | null }>;
    return rows.map((r) => ({ time: r.time, kind: r.kind, state: r.state, ...(r.namespace ? { namespace: r.namespace } : {}), ...(r.detail ? { detail: r.detail } : {}) }));
  }

  /** Per kind, the state of its newest coverage mark. */
  lastMarks(cluster: string): Map<string, CoverageMark['state']> {
    const rows = this.sql(`SELECT kind, state FROM coverage WHERE id IN (SELECT MAX(id) FROM coverage WHERE cluster = ? GROUP BY kind)`)
      .all(cluster) as Array<{ kind: string; state: CoverageMark['state'] }>;
    return new Map(rows.map((r) => [r.kind, r.state]));
  }

  /** Changes per time bucket (by type, and unobserved) over [from, to) for a query's filters. */
  density(q: Omit<HistoryQuery, 'limit' | 'before' | 'order'>, from: string, to: string, buckets: number): TimelineBucket[] {
    const start = Date.parse(from);
    const bucketMs = Math.max(1, Math.ceil((Date.parse(to) - start) / buckets));
    const { where, args } = whereOf({ ...q, since: from, until: to });
    const rows = this.db.prepare(`SELECT CAST((julianday(time) - julianday(?)) * 86400000 / ? AS INTEGER) AS b, type, observed, COUNT(*) AS n
      FROM entries WHERE ${where.join(' AND ')} GROUP BY b, type, observed`).all(from, bucketMs, ...args) as Array<{ b: number; type: ChangeType; observed: number; n: number }>;
    const out: TimelineBucket[] = Array.from({ length: buckets }, (_, i) => ({
      t: new Date(start + i * bucketMs).toISOString(), added: 0, modified: 0, deleted: 0, unobserved: 0,
    }));
    for (const r of rows) {
      const bucket = out[Math.min(buckets - 1, Math.max(0, r.b))];
      if (r.type === 'ADDED') bucket.added += r.n;
      else if (r.type === 'MODIFIED') bucket.modified += r.n;
      else bucket.deleted += r.n;
      if (!r.observed) bucket.unobserved += r.n;
    }
    return out;
  }

  query(q: HistoryQuery): HistoryPage {
    const { where, args } = whereOf(q);
    const asc = q.order === 'asc';
    if (q.before !== undefined) {
      where.push(asc ? 'id > ?' : 'id < ?');
      args.push(q.before);
    }
    const sql = `SELECT * FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${asc ? 'ASC' : 'DESC'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit + 1) as unknown as EntryRow[];
    const entries = rows.slice(0, q.limit).map(toEntry);
    return rows.length > q.limit ? { entries, next: String(entries[entries.length - 1].id) } : { entries };
  }

  /** Every entry matching, oldest first, a page at a time (exports: memory flat however many). */
  *scan(q: Omit<HistoryQuery, 'limit' | 'before' | 'order'>): Generator<HistoryEntry> {
    const { where, args } = whereOf(q);
    const stmt = this.db.prepare(`SELECT * FROM entries WHERE ${[...where, 'id > ?'].join(' AND ')} ORDER BY id LIMIT 1000`);
    let after = 0;
    for (;;) {
      const rows = stmt.all(...args, after) as unknown as EntryRow[];
      if (!rows.length) return;
      for (const r of rows) yield toEntry(r);
      after = rows[rows.length - 1].id;
    }
  }

  /** The first and last matching entries (their links) and how many match: an audit bundle's span. */
  span(q: Omit<HistoryQuery, 'limit' | 'before' | 'order'>): { first?: { id: number; prevHash: string }; last?: { id: number; hash: string }; count: number } {
    const { where, args } = whereOf(q);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const first = this.db.prepare(`SELECT id, prev_hash AS prevHash FROM entries ${w} ORDER BY id LIMIT 1`).get(...args) as { id: number; prevHash: string } | undefined;
    const last = this.db.prepare(`SELECT id, hash FROM entries ${w} ORDER BY id DESC LIMIT 1`).get(...args) as { id: number; hash: string } | undefined;
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM entries ${w}`).get(...args) as { n: number };
    return { first, last, count: n };
  }

  entry(id: number): HistoryEntry | undefined {
    const row = this.sql('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
    return row && toEntry(row);
  }

  /** The object's content as of entry `id` (rebuild.ts); null for a deletion. */
  contentAt(id: number): Content | null | undefined {
    return contentAt(this, id);
  }

  /** Every object alive at `at` (of one namespace, and the cluster-scoped ones), rebuilt (rebuild.ts). */
  objectsAt(cluster: string, at: string, namespace?: string): Generator<{ kind: string; content: Content }> {
    return objectsAt(this, cluster, at, namespace);
  }

  /** The oldest time the history can rebuild (after a cleanup, the time of the last removed entry), or null: from its start. */
  retainedFrom(): string | null {
    return this.meta(BASELINE_TIME) ?? null;
  }

  /** Walks the chain from the first entry; the first broken link stops it (an unreadable file is one). */
  verify(): HistoryVerdict {
    let checked = 0;
    try {
      return this.walk((n) => (checked = n));
    } catch (e) {
      return { ok: false, checked, firstBroken: { id: checked + 1, reason: `the file cannot be read past here: ${(e as Error).message}` } };
    }
  }

  private walk(progress: (checked: number) => void): HistoryVerdict {
    let prev = { id: 0, hash: GENESIS };
    let checked = 0;
    // After a cleanup the chain starts at its base: the last entry removed.
    const base = this.meta('chain.base');
    if (base) {
      const [id, hash] = base.split(':');
      prev = { id: Number(id), hash };
    }
    for (const row of this.sql('SELECT * FROM entries ORDER BY id').iterate() as Iterable<EntryRow>) {
      const reason = firstBroken(prev, { ...fieldsOf(row), prevHash: row.prev_hash, hash: row.hash });
      if (reason) return { ok: false, checked, firstBroken: { id: row.id, reason } };
      prev = { id: row.id, hash: row.hash };
      progress(++checked);
    }
    const head = this.meta('chain.head');
    if (head && head !== `${prev.id}:${prev.hash}`) {
      return { ok: false, checked, firstBroken: { id: prev.id + 1, reason: `entries after ${prev.id} were removed (the recorded head is ${head.split(':')[0]})` } };
    }
    return { ok: true, checked };
  }

  /** Records the chain head beside the chain, so entries cut from the end are detected. */
  sealHead(): void {
    const h = this.head();
    if (h.id) this.setMeta('chain.head', `${h.id}:${h.hash}`);
  }

  /** The clusters the file records (one, unless several dashboards shared it over time). */
  clusters(): string[] {
    return (this.sql('SELECT DISTINCT cluster FROM objects ORDER BY cluster').all() as Array<{ cluster: string }>).map((r) => r.cluster);
  }

  stats(): { entries: number; oldest: string | null; newest: string | null; bytes: number } {
    const row = this.sql('SELECT COUNT(*) AS n, MIN(time) AS oldest, MAX(time) AS newest FROM entries').get() as { n: number; oldest: string | null; newest: string | null };
    return { entries: row.n, oldest: row.oldest, newest: row.newest, bytes: fileBytes(this.path) };
  }
}

function fileBytes(path: string): number {
  let total = 0;
  for (const p of [path, `${path}-wal`]) {
    try {
      total += statSync(/*turbopackIgnore: true*/ p).size;
    } catch {
      // absent (in memory, or no WAL yet)
    }
  }
  return total;
}

function whereOf(q: Omit<HistoryQuery, 'limit' | 'before' | 'order'>): { where: string[]; args: SQLInputValue[] } {
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
