/**
 * The change history as the API serves it (server/audit records it). One entry per recorded
 * change of one object; entries form a hash chain in id order.
 */

import type { GraphNode, Health } from './topology';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export const CHANGE_TYPES: readonly ChangeType[] = ['ADDED', 'MODIFIED', 'DELETED'];

export interface HistoryEntry {
  id: number;
  /** When Ordinal recorded it (RFC 3339). For an unobserved change, the end of `window`. */
  time: string;
  cluster: string;
  type: ChangeType;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /** false: found by a list after a gap (start, relist, outage); it happened somewhen in `window`. */
  observed: boolean;
  /** For an unobserved change: the span it happened in; `from` is null before recording began. */
  window?: { from: string | null; to: string };
  /** Who wrote the change, from managedFields, when the API server said. */
  manager?: string;
  /** The changed paths, e.g. `spec.replicas: 3 → 5`; `created`/`deleted` for the others. */
  summary: string;
  /** The object's own problem after the change (a finding code of the graph's), and whether it turned into or out of one. */
  problem?: EntryProblem;
  hash: string;
  prevHash: string;
}

/** Turned into a problem (it was fine), or recovered from one. */
export type ProblemTurn = 'turned' | 'recovered';

export interface EntryProblem {
  /** Absent after a recovery. */
  code?: string;
  health?: Health;
  turn?: ProblemTurn;
}

/** The history's status filter: changes after which the object has a problem, or that turned it into or out of one. */
export type HistoryStatusFilter = 'problem' | ProblemTurn;

export const HISTORY_STATUS_FILTERS: readonly HistoryStatusFilter[] = ['problem', 'turned', 'recovered'];

/** A problem transition on the timeline. */
export interface TimelineTurn {
  id: number;
  time: string;
  kind: string;
  namespace?: string;
  name: string;
  turn: ProblemTurn;
  code?: string;
  health?: Health;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Present when older entries remain: pass it back as `cursor`. */
  next?: string;
}

export interface HistoryVerdict {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
}

export interface HistoryStatus {
  enabled: boolean;
  path?: string;
  bytes?: number;
  entries?: number;
  oldest?: string | null;
  newest?: string | null;
  /** Entries queued but not yet committed (group commit, at most a second). */
  pending?: number;
  /** The oldest time the history can rebuild, after a cleanup; null: from its first entry. */
  retainedFrom?: string | null;
  lastCleanup?: string | null;
  /** Entries removed by cleanups, in all. */
  removed?: number;
  /** A file handed over and served with no cluster (`npm run audit -- serve`): nothing is recorded. */
  handedOver?: boolean;
  /**
   * ORDINAL_HISTORY_URL: the history is PostgreSQL's, shared by every replica, and `path` this
   * replica's mirror of it; whether the database answers, the mirror has caught up, and how many
   * entries wait to be written.
   */
  database?: { connected: boolean; caughtUp: boolean; waiting: number; error?: string };
  /** Served from an audit bundle: what it holds, and its chain's verdict. */
  bundle?: {
    exportedAt: string;
    scope: { namespace?: string; kind?: string; since?: string; until?: string };
    entries: number;
    verdict: HistoryVerdict;
  };
}

/** A recorded watch-coverage mark: spans between `synced` and the next other mark are watched. */
export interface CoverageMark {
  time: string;
  kind: string;
  namespace?: string;
  state: 'start' | 'synced' | 'syncing' | 'error' | 'forbidden' | 'stop';
  detail?: string;
}

export interface CoverageSpan {
  from: string;
  to: string;
  watched: boolean;
  detail?: string;
}

/** A span of the timeline: how many changes of each type, and how many of them were unobserved. */
export interface TimelineBucket {
  t: string;
  added: number;
  modified: number;
  deleted: number;
  unobserved: number;
  /** Changes that turned an object into a problem, and out of one. */
  turned: number;
  recovered: number;
}

export interface HistoryTimeline {
  from: string;
  to: string;
  bucketMs: number;
  buckets: TimelineBucket[];
  /** Where a kind of the query was not watched (Ordinal down, listing, 403, errors). */
  blind: Array<{ from: string; to: string; kinds: string[] }>;
  /** The newest problem transitions of the window (at most TIMELINE_TURNS), oldest first. */
  turns: TimelineTurn[];
}

export const TIMELINE_TURNS = 300;

/** "What changed before this": an object and its neighbours at `at`, their changes in the hour before, newest first. */
export interface RelatedChanges {
  at: string;
  since: string;
  object: GraphNode | null;
  neighbours: GraphNode[];
  changes: HistoryEntry[];
}

/** The object routes' answer: revisions newest first. */
export interface ObjectRevisions {
  kind: string;
  namespace?: string;
  name: string;
  revisions: HistoryEntry[];
}

export interface RevisionSide {
  entry: HistoryEntry;
  /** The object at that revision; null for a deletion. */
  object: Record<string, unknown> | null;
  yaml: string;
}

export interface RevisionDiff extends Omit<ObjectRevisions, 'revisions'> {
  from: RevisionSide;
  to: RevisionSide;
  patch: Array<{ op: string; path: string; value?: unknown; from?: string }>;
}
