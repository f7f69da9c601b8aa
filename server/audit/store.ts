import { mkdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { CoverageMark, HistoryVerdict } from '@/lib/wire/history';
import { CHAINED, entryHash, GENESIS, type ChainedFields } from './chain';
import { HistoryReader } from './reader';
import type { HistoryScope } from './scope';
import { verifyChain } from './verify';
import { BASELINE_TIME } from './rebuild';
import type { JournalEntry } from './pgjournal';
import { ADDED_COLUMNS, SCHEMA, SCHEMA_VERSION, type ObjectRow } from './schema';
import type { ProblemTurn } from '@/lib/wire/history';
import type { ProblemState } from './problems';

/** An entry to append; the store numbers and chains it. `state` and `core`: the object's content after it (its last, once deleted). */
export interface NewEntry extends Omit<ChainedFields, 'id'> {
  /** The object's content after it; null keeps the last (a deletion). */
  state: string | null;
  core: string;
  /** Revisions since the object's last keyframe, this one included (0 for a keyframe). */
  sinceKeyframe: number;
  /** The object's own problem after it, and its turn into or out of one (problems.ts). */
  problem?: ProblemState | null;
  turn?: ProblemTurn | null;
  /** What the object's next change compares with (problems.ts turnOf). */
  kept?: string | null;
}

/** What a transaction writes per entry: its fields, links, and what the store keeps of the object after it. */
type EntryWriter = (
  f: ChainedFields,
  prevHash: string,
  hash: string,
  e: Pick<NewEntry, 'state' | 'core' | 'sinceKeyframe' | 'problem' | 'turn' | 'kept'>,
) => { id: number; hash: string };

/** Every this many revisions of an object, its full content is stored again: a past version costs at most this many patches. */
export const KEYFRAME_EVERY = 16;

/**
 * The durable history: one SQLite file in WAL mode (a crash loses no committed
 * transaction), written in batches by the recorder. Reads never block the writer.
 */
export class HistoryStore {
  /** The connection, for the store's siblings (rebuild.ts, retention.ts) only. */
  readonly db: DatabaseSync;
  readonly problems: boolean = true;
  private readonly stmt = new Map<string, StatementSync>();

  /** The writer's lock (`exclusive`): a companion file held for the store's life. */
  private readonly lock?: DatabaseSync;

  /**
   * `exclusive`: one writer per file — the store holds `PATH.lock` (an SQLite file in exclusive
   * locking mode, released by the OS when the process ends) for its life, and throws "database is
   * locked" if another holds it. The history itself stays in WAL's normal mode, so readers — the
   * worker that verifies and rebuilds the past (offthread.ts), the audit CLI — read it beside the
   * writer. `readOnly`: a file handed over, opened without a single write (the audit CLI).
   */
  constructor(
    readonly path: string,
    o: { exclusive?: boolean; readOnly?: boolean } = {},
  ) {
    if (o.readOnly) {
      this.db = new DatabaseSync(path, { readOnly: true });
      this.problems = !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'problems'").get();
      return;
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    if (o.exclusive && path !== ':memory:') this.lock = writerLock(`${path}.lock`);
    this.db = new DatabaseSync(path);
    try {
      // Pages of 16 KiB: an object's content (a few KB) fits in one instead of an overflow chain.
      this.db.exec(
        'PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;',
      );
      this.db.exec('PRAGMA busy_timeout = 5000;');
    } catch (e) {
      this.db.close();
      this.lock?.close();
      throw e;
    }
    this.db.exec(SCHEMA);
    for (const c of ADDED_COLUMNS) {
      const has = (this.db.prepare(`PRAGMA table_info(${c.table})`).all() as Array<{ name: string }>).some(
        (r) => r.name === c.column,
      );
      if (!has) this.db.exec(`ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${c.type}`);
    }
    this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
    if (this.lock)
      this.setMeta(WRITER_KEY, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  }

  close(): void {
    this.db.close();
    this.lock?.close();
  }

  /** A reader of this file with its scope (reader.ts): the one way to read entries, exports and the past. */
  reader(scope: HistoryScope): HistoryReader {
    return new HistoryReader(this, scope);
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
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      key,
      value,
    );
  }

  /**
   * The chain's newest entry, read each time: the file may have another writer connection (the
   * recorder's thread, recordthread.ts) than this one, which then only reads.
   */
  head(): { id: number; hash: string } {
    const row = this.sql('SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string } | undefined;
    // Every entry cleaned up: the chain goes on from its base.
    const base = row ? undefined : this.meta('chain.base')?.split(':');
    return row ?? (base ? { id: Number(base[0]), hash: base[1] } : { id: 0, hash: GENESIS });
  }

  /** What the recorder compares with: the object's last recorded version, with its content (the next patch's base). */
  object(cluster: string, uid: string): ObjectRow | undefined {
    return this.sql(
      `SELECT uid, kind, namespace, name, rv, content, core, since_keyframe, deleted, time, problem FROM objects
      WHERE cluster = ? AND uid = ?`,
    ).get(cluster, uid) as ObjectRow | undefined;
  }

  /** How many objects the history holds as live (of one namespace and the cluster-scoped ones): a past view's size. */
  objectCount(cluster: string, namespace?: string): number {
    const ns = namespace ?? null;
    const row = this.sql(
      'SELECT COUNT(*) AS n FROM objects WHERE cluster = ? AND deleted = 0 AND (? IS NULL OR namespace = ? OR namespace IS NULL)',
    ).get(cluster, ns, ns) as { n: number };
    return row.n;
  }

  /** Objects of a kind whose latest record is not a deletion: what a fresh list must still contain. */
  liveObjects(cluster: string, kind: string): ObjectRow[] {
    return this.sql('SELECT * FROM objects WHERE cluster = ? AND kind = ? AND deleted = 0').all(
      cluster,
      kind,
    ) as unknown as ObjectRow[];
  }

  /** Appends in one transaction; an entry already recorded (same cluster, uid, resourceVersion, type) is skipped. */
  append(entries: readonly NewEntry[]): number {
    if (!entries.length) return 0;
    const exists = this.sql('SELECT 1 FROM entries WHERE cluster = ? AND uid = ? AND rv = ? AND type = ?');
    return this.transaction((write) => {
      let head = this.head();
      for (const e of entries) {
        if (exists.get(e.cluster, e.uid, e.resourceVersion, e.type)) continue;
        const f: ChainedFields = { ...e, id: head.id + 1 };
        head = write(f, head.hash, entryHash(head.hash, f), e);
      }
      return head;
    });
  }

  /**
   * Takes entries numbered and chained elsewhere (the PostgreSQL journal every replica shares,
   * pgjournal.ts) as they are — same ids, links and hashes — so this store verifies, exports and
   * rebuilds what the journal holds. An entry that does not follow the head is refused (throws).
   */
  ingest(entries: readonly JournalEntry[]): number {
    if (!entries.length) return 0;
    return this.transaction((write) => {
      let head = this.head();
      for (const e of entries) {
        if (e.id <= head.id) continue;
        if (e.id !== head.id + 1 || e.prevHash !== head.hash)
          throw new Error(`journal entry ${e.id} does not follow ${head.id}`);
        const problem = e.problem ? { code: e.problem.code, health: e.problem.health } : undefined;
        head = write(e, e.prevHash, e.hash, {
          ...e,
          sinceKeyframe: 0,
          problem: problem as NewEntry['problem'],
          turn: e.turn as NewEntry['turn'],
        });
      }
      return head;
    });
  }

  /**
   * Forgets every entry and what was derived from them (objects, problems, baseline, the chain's
   * head and base), coverage kept: a mirror whose journal is not the one it copied starts over.
   */
  clearEntries(): void {
    this.db.exec(`BEGIN; DELETE FROM entries; DELETE FROM objects; DELETE FROM problems; DELETE FROM baseline;
      DELETE FROM meta WHERE key IN ('chain.head', 'chain.base'); COMMIT;`);
  }

  /** One transaction of written entries, the chain's head sealed beside them; `run` returns the new head. */
  private transaction(run: (write: EntryWriter) => { id: number; hash: string }): number {
    const insert = this.sql(`INSERT INTO entries (id, time, cluster, type, kind, namespace, name, uid, rv, observed,
      window_from, window_to, manager, summary, keyframe, content, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const upsert = this.sql(`INSERT INTO objects (cluster, uid, kind, namespace, name, rv, content, core,
      since_keyframe, deleted, time, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (cluster, uid) DO UPDATE SET kind = excluded.kind, namespace = excluded.namespace,
      name = excluded.name, rv = excluded.rv, content = excluded.content, core = excluded.core,
      since_keyframe = excluded.since_keyframe, deleted = excluded.deleted, time = excluded.time,
      problem = excluded.problem`);
    // A deletion marks the object gone and keeps its last content.
    const gone = this.sql(
      'UPDATE objects SET rv = ?, since_keyframe = ?, deleted = 1, time = ?, problem = NULL WHERE cluster = ? AND uid = ?',
    );
    const problem = this.sql('INSERT INTO problems (id, code, health, turn) VALUES (?, ?, ?, ?)');
    let written = 0;
    const write: EntryWriter = (f, prevHash, hash, e) => {
      // Columns in CHAINED's order (SQLite has no booleans), then the content and the links.
      const values = CHAINED.map((k) => (typeof f[k] === 'boolean' ? Number(f[k]) : f[k]));
      insert.run(...values, f.content, prevHash, hash);
      if (e.problem || e.turn) problem.run(f.id, e.problem?.code ?? null, e.problem?.health ?? null, e.turn ?? null);
      if (e.state === null) gone.run(f.resourceVersion, e.sinceKeyframe, f.time, f.cluster, f.uid);
      else {
        const deleted = f.type === 'DELETED' ? 1 : 0;
        upsert.run(
          f.cluster,
          f.uid,
          f.kind,
          f.namespace,
          f.name,
          f.resourceVersion,
          e.state,
          e.core,
          e.sinceKeyframe,
          deleted,
          f.time,
          e.kept ?? null,
        );
      }
      written++;
      return { id: f.id, hash };
    };
    // IMMEDIATE: the write lock from the start, so a second connection (retention beside the
    // recorder's thread) waits its turn (busy_timeout) instead of failing to upgrade a read.
    this.db.exec('BEGIN IMMEDIATE');
    let head: { id: number; hash: string };
    try {
      head = run(write);
      // The chain's head sealed beside it in the same transaction (entries cut from the end are detected).
      if (written) this.setMeta('chain.head', `${head.id}:${head.hash}`);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
    return written;
  }

  mark(cluster: string, m: CoverageMark): void {
    this.sql('INSERT INTO coverage (time, cluster, kind, namespace, state, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      m.time,
      cluster,
      m.kind,
      m.namespace ?? null,
      m.state,
      m.detail ?? null,
    );
  }

  /** Coverage marks of one cluster (null: every cluster's), oldest first; readers filter them by their scope. */
  marks(cluster: string | null, since?: string, until?: string): CoverageMark[] {
    const mine = cluster === null ? '' : ' AND cluster = ?';
    const rows = this.sql(`SELECT * FROM coverage WHERE time >= ? AND time <= ?${mine} ORDER BY id`).all(
      since ?? '',
      until ?? '~',
      ...(cluster === null ? [] : [cluster]),
    ) as unknown as Array<{
      time: string;
      kind: string;
      namespace: string | null;
      state: CoverageMark['state'];
      detail: string | null;
    }>;
    return rows.map((r) => ({
      time: r.time,
      kind: r.kind,
      state: r.state,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.detail ? { detail: r.detail } : {}),
    }));
  }

  /** Per kind, the state of its newest coverage mark. */
  lastMarks(cluster: string): Map<string, CoverageMark['state']> {
    const rows = this.sql(
      `SELECT kind, state FROM coverage WHERE id IN (SELECT MAX(id) FROM coverage WHERE cluster = ? GROUP BY kind)`,
    ).all(cluster) as Array<{ kind: string; state: CoverageMark['state'] }>;
    return new Map(rows.map((r) => [r.kind, r.state]));
  }

  /** The oldest time the history can rebuild (after a cleanup, the time of the last removed entry), or null: from its start. */
  retainedFrom(): string | null {
    return this.meta(BASELINE_TIME) ?? null;
  }

  /** The clusters the file records (one, unless several dashboards shared it over time). */
  clusters(): string[] {
    return (this.sql('SELECT DISTINCT cluster FROM objects ORDER BY cluster').all() as Array<{ cluster: string }>).map(
      (r) => r.cluster,
    );
  }

  /** The file's size on disk, its WAL included. */
  bytes(): number {
    return fileBytes(this.path);
  }

  /** The whole chain walked (the audit CLI's check of a file; a reader's verify counts its scope). */
  verifyAll(): HistoryVerdict {
    return verifyChain(this);
  }
}

/** Who holds a file's writer lock, as the holder wrote it in the file when it took the lock. */
export interface HistoryWriter {
  pid: number;
  host: string;
  /** When it took the lock (RFC 3339). */
  since: string;
}

const WRITER_KEY = 'writer';

/**
 * The process that took `path`'s writer lock last, read beside it (WAL readers do not wait for the
 * writer): what a second dashboard on the file names. Undefined when the file cannot be read or
 * names none (an older file).
 */
export function historyWriter(path: string): HistoryWriter | undefined {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(WRITER_KEY) as { value: string } | undefined;
    const w = row ? (JSON.parse(row.value) as Partial<HistoryWriter>) : undefined;
    if (!w || typeof w.pid !== 'number' || typeof w.host !== 'string' || typeof w.since !== 'string') return undefined;
    return { pid: w.pid, host: w.host, since: w.since };
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

/** Takes the writer's lock file: held while the returned connection is open; throws if another holds it. */
function writerLock(path: string): DatabaseSync {
  const lock = new DatabaseSync(path);
  try {
    lock.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;');
    return lock;
  } catch (e) {
    lock.close();
    throw e;
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
