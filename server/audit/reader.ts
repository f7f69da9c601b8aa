import type {
  CoverageMark,
  HistoryEntry,
  HistoryPage,
  HistoryVerdict,
  TimelineBucket,
  TimelineTurn,
} from '@/lib/wire/history';
import type { Content } from './content';
import { density, entry, query, scan, span, turns, whereOf, type EntryFilter, type HistoryQuery } from './reads';
import { contentAt, objectsAt, type Reuse } from './rebuild';
import type { EntryRow, HistoryVisibility } from './schema';
import { isVisible, scopeHas, seesKind, type HistoryScope } from './scope';
import type { HistoryStore } from './store';
import { verifyChain } from './verify';

/** An entry of the chain with its problem row (null columns: none). */
export type ChainRow = EntryRow & { p_code: string | null; p_health: string | null; p_turn: string | null };

/** A step of the chain between two ids: an entry of the reader's cluster, or only the place of another's. */
export type ChainStep = { row: ChainRow } | { id: number; prevHash: string; hash: string };

/** What a reader tells of its scope's share of the file. */
export interface HistoryStats {
  entries: number;
  oldest: string | null;
  newest: string | null;
  bytes: number;
}

/**
 * The history as one reader may read it: every read of the routes, exports, bundles, time travel
 * and the audit CLI goes through a reader, made with its scope (scope.ts) — one cluster, and the
 * viewer's kinds and namespaces — which every query takes. The store's own methods only write and
 * reconcile (the recorder's); a route is handed a reader, never the store, so no read can forget
 * whose it is.
 */
export class HistoryReader {
  constructor(
    private readonly store: HistoryStore,
    readonly scope: HistoryScope,
  ) {}

  /** The same file for a viewer who may list less: the scope's cluster with their visibility. */
  narrowed(visible: HistoryVisibility): HistoryReader {
    if (this.scope.visible !== null) throw new Error('a reader already narrowed to a viewer cannot be narrowed again');
    return new HistoryReader(this.store, { cluster: this.scope.cluster, visible });
  }

  get path(): string {
    return this.store.path;
  }

  /** The file keeps problem rows (false: an old file opened read-only). */
  get problems(): boolean {
    return this.store.problems;
  }

  query(q: HistoryQuery): HistoryPage {
    return query(this.store, this.scope, q);
  }

  /** Every entry matching, oldest first, a page at a time. */
  scan(q: EntryFilter): Generator<HistoryEntry> {
    return scan(this.store, this.scope, q);
  }

  /** The first and last matching entries and how many match (an audit bundle's span). */
  span(q: EntryFilter): ReturnType<typeof span> {
    return span(this.store, this.scope, q);
  }

  entry(id: number): HistoryEntry | undefined {
    return entry(this.store, this.scope, id);
  }

  /** The object's content as of entry `id`, when the scope holds that entry; null for a deletion. */
  contentAt(id: number): Content | null | undefined {
    if (!this.entry(id)) return undefined;
    return contentAt(this.store, id);
  }

  density(q: EntryFilter, from: string, to: string, buckets: number): TimelineBucket[] {
    return density(this.store, this.scope, q, from, to, buckets);
  }

  turns(q: EntryFilter, from: string, to: string, limit: number): TimelineTurn[] {
    return turns(this.store, this.scope, q, from, to, limit);
  }

  /** The cluster a past view rebuilds: the scope's, or a whole file's first (the audit CLI's). */
  pastCluster(): string {
    return this.scope.cluster ?? this.clusters()[0] ?? 'unknown';
  }

  /** How many objects a past view of the scope's cluster rebuilds (one namespace and the cluster-scoped ones). */
  objectCount(namespace?: string): number {
    return this.store.objectCount(this.pastCluster(), namespace);
  }

  /** Every object of the scope alive at `at` (of one namespace, and the cluster-scoped ones), rebuilt. */
  *objectsAt(at: string, namespace?: string, reuse?: Reuse): Generator<{ kind: string; content: Content }> {
    const v = this.scope.visible;
    for (const o of objectsAt(this.store, this.pastCluster(), at, namespace, reuse)) {
      if (v === null || isVisible(v, o.kind, metadataNamespace(o.content))) yield o;
    }
  }

  /** Coverage marks of the scope's cluster, of the kinds the viewer sees. */
  marks(since?: string, until?: string): CoverageMark[] {
    return this.store.marks(this.scope.cluster, since, until).filter((m) => seesKind(this.scope, m.kind));
  }

  /** The clusters the scope reads: its one, or every one a whole file records. */
  clusters(): string[] {
    return this.scope.cluster !== null ? [this.scope.cluster] : this.store.clusters();
  }

  /** The scope's entries: how many, the oldest and newest times; and the file's size. */
  stats(): HistoryStats {
    const { where, args } = whereOf(this.store, this.scope, {});
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const row = this.store.db
      .prepare(`SELECT COUNT(*) AS n, MIN(time) AS oldest, MAX(time) AS newest FROM entries ${w}`)
      .get(...args) as { n: number; oldest: string | null; newest: string | null };
    return { entries: row.n, oldest: row.oldest, newest: row.newest, bytes: this.store.bytes() };
  }

  /** The oldest time the history can rebuild, or null: from its start. */
  retainedFrom(): string | null {
    return this.store.retainedFrom();
  }

  /** The last cleanup's time and how many entries cleanups removed (the file's, not any one cluster's). */
  retention(): { lastCleanup: string | null; removed: number } {
    return {
      lastCleanup: this.store.meta('retention.lastCleanup') ?? null,
      removed: Number(this.store.meta('retention.removed') ?? 0),
    };
  }

  /**
   * Every entry with an id in [first, last], in order, for an audit bundle: the reader's cluster's
   * whole, another cluster's as its place in the chain only (id and hashes). Readers of a viewer
   * who may list less get nothing here (a link names its entry).
   */
  *chain(first: number, last: number): Generator<ChainStep> {
    if (this.scope.visible !== null) throw new Error('the chain is read only by who sees every kind of its cluster');
    const cluster = this.scope.cluster;
    const page = this.store.db.prepare(
      this.store.problems
        ? `SELECT entries.*, code AS p_code, health AS p_health, turn AS p_turn FROM entries
          LEFT JOIN problems ON problems.id = entries.id WHERE entries.id > ? AND entries.id <= ? ORDER BY entries.id LIMIT 1000`
        : 'SELECT *, NULL AS p_code, NULL AS p_health, NULL AS p_turn FROM entries WHERE id > ? AND id <= ? ORDER BY id LIMIT 1000',
    );
    for (let after = first - 1; after < last;) {
      const rows = page.all(after, last) as unknown as ChainRow[];
      if (!rows.length) return;
      for (const r of rows) {
        yield cluster === null || r.cluster === cluster
          ? { row: r }
          : { id: r.id, prevHash: r.prev_hash, hash: r.hash };
      }
      after = rows[rows.length - 1].id;
    }
  }

  /** How many entries of other clusters than the reader's lie in [first, last]. */
  othersBetween(first: number, last: number): number {
    if (this.scope.cluster === null) return 0;
    const row = this.store.db
      .prepare('SELECT COUNT(*) AS n FROM entries WHERE id >= ? AND id <= ? AND cluster != ?')
      .get(first, last, this.scope.cluster) as { n: number };
    return row.n;
  }

  /**
   * Walks the file's one chain (every cluster's entries link it); `checked` counts the scope's
   * entries only, so a viewer learns nothing of how much the others hold.
   */
  verify(): HistoryVerdict {
    let mine = 0;
    const v = verifyChain(this.store, (row) => {
      if (scopeHas(this.scope, row)) mine++;
    });
    return { ...v, checked: mine };
  }
}

function metadataNamespace(c: Content): string | undefined {
  const ns = (c.metadata as { namespace?: unknown } | undefined)?.namespace;
  return typeof ns === 'string' ? ns : undefined;
}
