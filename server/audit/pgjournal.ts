import pg from 'pg';
import type { HistoryVerdict } from '@/lib/wire/history';
import { CHAINED, entryHash, firstBroken, GENESIS, type ChainedFields } from './chain';
import type { NewEntry } from './store';

/** The advisory lock key of the chain (any constant the app owns). */
const CHAIN_LOCK = 7_021_141;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS journal (
  id BIGINT PRIMARY KEY,
  time TEXT NOT NULL,
  cluster TEXT NOT NULL,
  type TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT,
  name TEXT NOT NULL,
  uid TEXT NOT NULL,
  rv TEXT NOT NULL,
  observed BOOLEAN NOT NULL,
  window_from TEXT,
  window_to TEXT,
  manager TEXT,
  summary TEXT NOT NULL,
  keyframe BOOLEAN NOT NULL,
  content TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  problem_code TEXT,
  problem_health TEXT,
  turn TEXT,
  state TEXT,
  core TEXT NOT NULL,
  kept TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS journal_change ON journal (cluster, uid, rv, (type = 'DELETED'));
`;

/** A journal row as mirrors read it: the chained fields, the links, and the derived problem. */
export interface JournalEntry extends ChainedFields {
  prevHash: string;
  hash: string;
  problem?: { code?: string; health?: string };
  turn?: string;
  /** What a replica's store keeps of the object after it (not chained: derived from the content). */
  state: string | null;
  core: string;
  kept: string | null;
}

/** A row as selected: the columns under the entry's field names (`SELECTED`), problem columns apart. */
type Row = Omit<JournalEntry, 'id' | 'problem' | 'turn'> & {
  id: string;
  problemCode: string | null;
  problemHealth: string | null;
  turn: string | null;
};

function entryOf({ id, problemCode, problemHealth, turn, ...fields }: Row): JournalEntry {
  const problem = {
    ...(problemCode ? { code: problemCode } : {}),
    ...(problemHealth ? { health: problemHealth } : {}),
  };
  return { ...fields, id: Number(id), ...(problemCode || problemHealth ? { problem } : {}), ...(turn ? { turn } : {}) };
}

const COLUMNS = [
  'id',
  'time',
  'cluster',
  'type',
  'kind',
  'namespace',
  'name',
  'uid',
  'rv',
  'observed',
  'window_from',
  'window_to',
  'manager',
  'summary',
  'keyframe',
  'content',
  'prev_hash',
  'hash',
  'problem_code',
  'problem_health',
  'turn',
  'state',
  'core',
  'kept',
] as const;

/** Each column under its field's name: `rv` as resourceVersion, snake_case as camelCase (quoted, so kept). */
const SELECTED = COLUMNS.map((c) => {
  const field = c === 'rv' ? 'resourceVersion' : c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase());
  return `${c} AS "${field}"`;
}).join(', ');

/**
 * The history's shared journal in PostgreSQL (ORDINAL_HISTORY_URL), for more than one replica
 * recording the same clusters. Every replica appends what it saw; an entry already there — the
 * same version of the same object (cluster, uid, resourceVersion; a deletion is its own), written by
 * another replica, perhaps as a creation where this one saw a modification — is skipped, so a
 * change is one entry however many recorded it. Each append holds a transaction-scoped advisory
 * lock while it numbers and chains its entries after the journal's head, so ids and the hash
 * chain run on unbroken whichever replica writes. Entries are whole (every one a keyframe): two
 * writers cannot share a patch base without diffing inside the lock.
 */
export class PgJournal {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and makes the table (concurrent replicas starting together are fine). */
  static async open(url: string, o: { max?: number } = {}): Promise<PgJournal> {
    const pool = new pg.Pool({ connectionString: url, max: o.max ?? 4 });
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [CHAIN_LOCK]);
      await client.query(SCHEMA);
      await client.query('SELECT pg_advisory_unlock($1)', [CHAIN_LOCK]);
    } finally {
      client.release();
    }
    return new PgJournal(pool);
  }

  /**
   * Appends in one transaction under the chain's lock: entries another replica wrote already are
   * skipped; the rest are numbered and chained after the head. Returns how many were written.
   */
  async append(entries: readonly NewEntry[]): Promise<number> {
    if (!entries.length) return 0;
    if (entries.some((e) => !e.keyframe && e.content !== null))
      throw new Error('the journal takes whole entries (keyframes), not patches');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const present = await client.query<{ cluster: string; uid: string; rv: string; type: string }>(
        `SELECT j.cluster, j.uid, j.rv, j.type FROM journal j
         JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS w(cluster, uid, rv, type)
           ON j.cluster = w.cluster AND j.uid = w.uid AND j.rv = w.rv AND (j.type = 'DELETED') = (w.type = 'DELETED')`,
        [
          entries.map((e) => e.cluster),
          entries.map((e) => e.uid),
          entries.map((e) => e.resourceVersion),
          entries.map((e) => e.type),
        ],
      );
      // One change per version of an object: its creation or modification (which a replica that saw
      // it late may call the other), and its deletion (which carries the last version's number).
      const key = (e: { cluster: string; uid: string; rv: string; type: string }) =>
        JSON.stringify([e.cluster, e.uid, e.rv, e.type === 'DELETED']);
      const seen = new Set(present.rows.map(key));
      const head = await client.query<{ id: string; hash: string }>(
        'SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1',
      );
      let prev = head.rows[0] ? { id: Number(head.rows[0].id), hash: head.rows[0].hash } : { id: 0, hash: GENESIS };
      const rows: unknown[][] = [];
      for (const e of entries) {
        const k = key({ cluster: e.cluster, uid: e.uid, rv: e.resourceVersion, type: e.type });
        if (seen.has(k)) continue;
        seen.add(k);
        const f: ChainedFields = { ...pick(e), id: prev.id + 1 };
        const hash = entryHash(prev.hash, f);
        const derived = [
          e.problem?.code ?? null,
          e.problem?.health ?? null,
          e.turn ?? null,
          e.state,
          e.core,
          e.kept ?? null,
        ];
        rows.push([...CHAINED.map((c) => f[c]), f.content, prev.hash, hash, ...derived]);
        prev = { id: f.id, hash };
      }
      if (rows.length) {
        // One INSERT per column array: unnest keeps it to one round trip for the batch.
        const casts = COLUMNS.map((c) =>
          c === 'id' ? 'bigint' : c === 'observed' || c === 'keyframe' ? 'boolean' : 'text',
        );
        const params = COLUMNS.map((_, i) => rows.map((r) => r[i]));
        await client.query(
          `INSERT INTO journal (${COLUMNS.join(', ')}) SELECT * FROM unnest(${casts.map((c, i) => `$${i + 1}::${c}[]`).join(', ')})`,
          params,
        );
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** Entries after `id`, in id order, at most `limit`: what a replica's mirror reads. */
  async after(id: number, limit = 5_000): Promise<JournalEntry[]> {
    const r = await this.pool.query<Row>(`SELECT ${SELECTED} FROM journal WHERE id > $1 ORDER BY id LIMIT $2`, [
      id,
      limit,
    ]);
    return r.rows.map(entryOf);
  }

  /** The entry numbered `id`, or undefined. */
  async at(id: number): Promise<JournalEntry | undefined> {
    return (await this.after(id - 1, 1)).find((e) => e.id === id);
  }

  async count(): Promise<number> {
    const r = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM journal');
    return Number(r.rows[0].n);
  }

  /** Walks the chain from the first entry, a page at a time; the first broken link stops it. */
  async verify(): Promise<HistoryVerdict> {
    let prev = { id: 0, hash: GENESIS };
    let checked = 0;
    for (;;) {
      const page = await this.after(prev.id);
      if (!page.length) return { ok: true, checked };
      for (const link of page) {
        const reason = firstBroken(prev, link);
        if (reason) return { ok: false, checked, firstBroken: { id: link.id, reason } };
        prev = { id: link.id, hash: link.hash };
        checked++;
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The chained fields of a new entry (all but its id). */
function pick(e: NewEntry): Omit<ChainedFields, 'id'> {
  return {
    time: e.time,
    cluster: e.cluster,
    type: e.type,
    kind: e.kind,
    namespace: e.namespace,
    name: e.name,
    uid: e.uid,
    resourceVersion: e.resourceVersion,
    observed: e.observed,
    windowFrom: e.windowFrom,
    windowTo: e.windowTo,
    manager: e.manager,
    summary: e.summary,
    keyframe: e.keyframe,
    content: e.content,
  };
}
