/**
 * The history store's tables (node:sqlite). `entries` is the chained, append-only record;
 * `objects` is each object's latest recorded state (the base for the next patch and for
 * reconciling a fresh list); `coverage` marks when each kind was watched; `baseline` is every
 * object's state at the boundary of the last cleanup (retention.ts); `meta` holds the chain's
 * head and base, and the last time the recorder was alive. `problems` notes, per entry id, the
 * object's own problem after it and its turn (problems.ts): derived from the entry's content,
 * an index for the timeline and the status filter, not part of the chained record.
 */

import type { DatabaseSync } from 'node:sqlite';
import type { ChainedFields } from './chain';

export const SCHEMA_VERSION = '1';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  cluster TEXT NOT NULL,
  type TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT,
  name TEXT NOT NULL,
  uid TEXT NOT NULL,
  rv TEXT NOT NULL,
  observed INTEGER NOT NULL,
  window_from TEXT,
  window_to TEXT,
  manager TEXT,
  summary TEXT NOT NULL,
  keyframe INTEGER NOT NULL,
  content TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS entries_version ON entries (cluster, uid, rv, type);
CREATE INDEX IF NOT EXISTS entries_object ON entries (kind, namespace, name, id);
CREATE INDEX IF NOT EXISTS entries_uid ON entries (uid, id);
CREATE INDEX IF NOT EXISTS entries_time ON entries (time, id);
CREATE TABLE IF NOT EXISTS objects (
  cluster TEXT NOT NULL,
  uid TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT,
  name TEXT NOT NULL,
  rv TEXT NOT NULL,
  content TEXT NOT NULL,
  core TEXT NOT NULL,
  since_keyframe INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  time TEXT NOT NULL,
  problem TEXT,
  PRIMARY KEY (cluster, uid)
);
CREATE INDEX IF NOT EXISTS objects_live ON objects (cluster, kind, deleted);
CREATE TABLE IF NOT EXISTS coverage (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  cluster TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT,
  state TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS coverage_time ON coverage (time);
CREATE TABLE IF NOT EXISTS baseline (
  cluster TEXT NOT NULL,
  uid TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (cluster, uid)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS problems (
  id INTEGER PRIMARY KEY,
  code TEXT,
  health TEXT,
  turn TEXT
);
CREATE INDEX IF NOT EXISTS problems_turn ON problems (turn, id);
`;

/**
 * Columns and tables added after a file's schema was made, for files written by an older
 * Ordinal (CREATE TABLE IF NOT EXISTS covers new tables; columns need ALTER).
 */
export const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; type: string }> = [
  { table: 'objects', column: 'problem', type: 'TEXT' },
];

/** An entries row as stored. */
export interface EntryRow {
  id: number;
  time: string;
  cluster: string;
  type: string;
  kind: string;
  namespace: string | null;
  name: string;
  uid: string;
  rv: string;
  observed: number;
  window_from: string | null;
  window_to: string | null;
  manager: string | null;
  summary: string;
  keyframe: number;
  content: string | null;
  prev_hash: string;
  hash: string;
}

/** An objects row: the latest recorded state of one object. */
export interface ObjectRow {
  uid: string;
  kind: string;
  namespace: string | null;
  name: string;
  rv: string;
  content: string;
  core: string;
  since_keyframe: number;
  deleted: number;
  time: string;
  problem: string | null;
}

/** An entries row as the chain sees it. */
export function fieldsOf(r: EntryRow): ChainedFields {
  return {
    id: r.id,
    time: r.time,
    cluster: r.cluster,
    type: r.type,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    resourceVersion: r.rv,
    observed: r.observed === 1,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    manager: r.manager,
    summary: r.summary,
    keyframe: r.keyframe === 1,
    content: r.content,
  };
}

/**
 * Which entries one viewer may read, by today's access (server/access): kinds seen everywhere
 * (cluster-scoped ones included), and per namespace the kinds seen there. Deleted objects are
 * judged the same way: by where they were, against what the viewer may list now.
 */
export interface HistoryVisibility {
  everywhere: readonly string[];
  inNamespace: ReadonlyArray<readonly [string, readonly string[]]>;
}

/** What the store's readers (reads.ts, rebuild.ts, verify.ts) need of it: the connection and its meta values. */
export interface HistoryDb {
  readonly db: DatabaseSync;
  /** The file has the problems table (false: written before it, opened read-only). */
  readonly problems: boolean;
  meta(key: string): string | undefined;
}
