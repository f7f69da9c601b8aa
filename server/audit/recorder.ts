import type { CoverageMark } from '@/lib/wire/history';
import type { SyncState } from '@/lib/wire/topology';
import type { StoreChange } from '../cache/store';
import type { KObject } from '../cache/types';
import { patchBetween, summarize, versionOf, type Content } from './content';
import { problemOf, turnOf } from './problems';
import { BatchPriors, type Prior } from './priors';
import { KEYFRAME_EVERY, type HistoryStore, type NewEntry } from './store';

/** What the recorder reads of the cache (ClusterCache has it; tests give a small fake). */
export interface RecordedCache {
  onChange(fn: (c: StoreChange) => void): () => void;
  onState(fn: () => void): () => void;
  syncStatus(): Record<string, SyncState>;
  /** Whether this object (kind, namespace, name and uid) is in the cache now. */
  has(kind: string, namespace: string | undefined, name: string, uid: string): boolean;
}

export interface RecorderOptions {
  cluster: string;
  /** Kinds recorded; others (Events: their own record, and most of the volume) are not. */
  kinds: readonly string[];
  /**
   * Whether the dashboard is ready (every kind listed and the graph built from it): recording
   * waits for it, so the first lists of a large cluster are written after readiness, not in its
   * way. Absent: once every kind has been listed.
   */
  ready?: () => boolean;
  /**
   * Whether writing waits until every kind has been listed once and `ready` (default true). False
   * in the recorder's thread: its owner (recordthread.ts) holds the changes until readiness, and
   * the kinds' first sync states come behind their lists in the stream, so waiting for them there
   * would hold the whole backlog the thread is given.
   */
  waitForLists?: boolean;
  /** ORDINAL_NAMESPACES: namespaced objects elsewhere are out of sight, not deleted. */
  namespaces?: readonly string[];
  /** Group commit: queued changes are written at most this far apart. */
  flushMs?: number;
  /**
   * Changes per transaction (default BATCH, for the event loop: a backlog never holds the server
   * long); the recorder's thread takes THREAD_BATCH.
   */
  batch?: number;
  /**
   * Where entries go instead of the store (the PostgreSQL journal every replica shares: the store
   * then mirrors it, a little behind — so what was appended is remembered for `rememberMs` as the
   * next change's base); returns how many were taken.
   */
  append?: (entries: NewEntry[]) => number;
  rememberMs?: number;
  /** A keyframe every this many revisions of an object (1: every entry whole, as the journal takes them). */
  keyframeEvery?: number;
  now?: () => Date;
}

/** A recording as its owner holds it: the Recorder here, or its thread (recordthread.ts). */
export type Recording = Pick<Recorder, 'pending' | 'start' | 'stop'>;

/** A change waiting for its batch, with when the recorder heard of it. */
interface Queued {
  change: StoreChange;
  at: string;
}

const ALIVE = 'recorder.alive';
const BATCH = 500;
/**
 * Changes per transaction in the recorder's own thread, where a longer one holds nobody up. A
 * transaction's cost is mostly the pages it dirties — an index leaf per object changed, whatever
 * its entries there — so a batch of a churn with several changes per object writes each such page
 * once for all of them: 500 → 2,000 took the append rate from ~4,600 to ~6,000 changes/s on a
 * 300,000-entry file. At 10,000 changes/s a 500 ms flush holds 5,000.
 */
export const THREAD_BATCH = 5_000;
const READY_WAIT_MS = 60_000;
const MAX_QUEUED = 100_000;

const STATUS_ONLY = /^\/(status|statusChange|lastChange|dataChange)(\/|$)/;

/**
 * Who wrote a change, from the managedFields summary: whoever wrote the data wrote a data change
 * (writes in the same second tie in managedFields); a change of status alone is its status
 * writer's (a controller, the kubelet), not the last writer of the spec.
 */
function writerOf(ops: ReturnType<typeof patchBetween>, o: KObject): string | undefined {
  if (ops.some((op) => op.path.startsWith('/dataChange/'))) return o.dataChange?.manager;
  const statusOnly = ops.every((op) => STATUS_ONLY.test(op.path)) && ops.some((op) => /^\/status(\/|$)/.test(op.path));
  return statusOnly ? o.statusChange?.manager : undefined;
}

/**
 * Appends every change the shared cache applies to the history, from the same watches:
 * watched changes as observed; changes found by a list (start, relist after 410 or an
 * outage) as unobserved, with the window they happened in; objects gone while nobody
 * watched as unobserved deletions. Coverage marks record when each kind was watched.
 */
export class Recorder {
  private queue: Queued[] = [];
  private readonly offs: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private readonly states = new Map<string, SyncState['state']>();
  /** Per kind: the last time it was known watched (the start of a blind window). */
  private readonly watchedUntil = new Map<string, string | null>();
  private readonly reconciled = new Set<string>();
  private readonly recorded: Set<string>;
  private flushing = false;
  /** Recording has begun (after the first lists and readiness); it does not pause again. */
  private started = false;
  private listedAt?: number;
  private lastFailureLog = 0;
  private more?: NodeJS.Timeout;
  /** Kinds synced at least once in this process. */
  private readonly reconciledOnce = new Set<string>();
  /** With `append`: what was appended lately, per uid, until the store's mirror surely has it. */
  private readonly appended = new Map<string, { prior: Prior; at: number }>();

  private remember(latest: BatchPriors): void {
    if (!this.o.append) return;
    const now = Date.now();
    // Without the parsed content: a minute of changes held as values would be a second copy of them.
    for (const [uid, { parsed: _parsed, ...prior }] of latest) this.appended.set(uid, { prior, at: now });
    const keep = this.o.rememberMs ?? 60_000;
    for (const [uid, a] of this.appended) if (now - a.at > keep) this.appended.delete(uid);
  }

  constructor(
    private readonly store: HistoryStore,
    private readonly cache: RecordedCache,
    private readonly o: RecorderOptions,
  ) {
    this.recorded = new Set(o.kinds);
  }

  private now(): string {
    return (this.o.now?.() ?? new Date()).toISOString();
  }

  start(): void {
    const lastAlive = this.store.meta(ALIVE) ?? null;
    const last = this.store.lastMarks(this.o.cluster);
    for (const kind of this.o.kinds) {
      this.watchedUntil.set(kind, lastAlive);
      // A run that ended without its stop marks (kill -9, a lost node) was watching until it was last alive.
      const unstopped = last.has(kind) && last.get(kind) !== 'stop';
      if (unstopped && lastAlive)
        this.store.mark(this.o.cluster, {
          time: lastAlive,
          kind,
          state: 'stop',
          detail: 'stopped without a clean shutdown',
        });
      this.store.mark(this.o.cluster, { time: this.now(), kind, state: 'start' });
    }
    this.offs.push(
      this.cache.onChange((change) => {
        if (!this.recorded.has(change.kind) || change.cause === 'forget') return;
        // The whole object, not the facts the cache keeps of it (server/cache/facts.ts).
        this.queue.push({ change: change.whole ? { ...change, obj: change.whole } : change, at: this.now() });
      }),
    );
    this.offs.push(this.cache.onState(() => this.observeStates()));
    this.observeStates();
    this.timer = setInterval(() => this.flush(), this.o.flushMs ?? 500);
    this.timer.unref();
  }

  /** Writes what is queued, then marks the recorder stopped; the store stays open for its owner. */
  stop(): void {
    for (const off of this.offs.splice(0)) off();
    clearInterval(this.timer);
    // Until the queue is empty, or stops shrinking (the file cannot be written).
    let left: number;
    do {
      left = this.queue.length;
      this.flush(true);
    } while (this.queue.length && this.queue.length < left);
    if (this.more) clearTimeout(this.more);
    this.more = undefined;
    for (const kind of this.o.kinds) this.store.mark(this.o.cluster, { time: this.now(), kind, state: 'stop' });
  }

  get pending(): number {
    return this.queue.length;
  }

  private observeStates(): void {
    const status = this.cache.syncStatus();
    for (const kind of this.o.kinds) {
      const state = status[kind]?.state ?? 'syncing';
      const before = this.states.get(kind);
      if (state === before) continue;
      this.states.set(kind, state);
      const mark: CoverageMark = {
        time: this.now(),
        kind,
        state,
        ...(status[kind]?.message ? { detail: status[kind]?.message } : {}),
      };
      this.store.mark(this.o.cluster, mark);
      if (before === 'synced') this.watchedUntil.set(kind, mark.time);
      if (state !== 'synced') this.reconciled.delete(kind);
    }
  }

  /**
   * Recording waits until every kind has been listed once (synced, forbidden or failed): the
   * first lists of a large cluster are recorded after readiness, never in its way.
   */
  private get listedOnce(): boolean {
    if (this.started || this.o.waitForLists === false) return true;
    const listed = this.o.kinds.every(
      (k) => (this.states.get(k) ?? 'syncing') !== 'syncing' || this.reconciledOnce.has(k),
    );
    if (!listed) return false;
    this.listedAt ??= Date.now();
    // Never ready (a kind forbidden keeps readiness away): record anyway, a minute after the lists.
    this.started = (this.o.ready?.() ?? true) || Date.now() - this.listedAt > READY_WAIT_MS;
    return this.started;
  }

  /**
   * One batch, one transaction (node:sqlite is synchronous): at most BATCH changes, the rest
   * after the event loop has had a turn, so a backlog of many objects never holds the server
   * for long. `force` writes even before the first lists are done (stop).
   */
  flush(force = false): number {
    if (this.flushing || (!force && !this.listedOnce)) return 0;
    this.flushing = true;
    try {
      const batch = this.queue.splice(0, this.o.batch ?? BATCH);
      if (this.queue.length && !this.more)
        this.more = setTimeout(() => {
          this.more = undefined;
          this.flush();
        }, 0);
      const reconciledBefore = new Set(this.reconciled);
      let written: number;
      try {
        const entries: NewEntry[] = [];
        const latest = new BatchPriors();
        for (const q of batch) {
          const e = this.entryFor(q, latest);
          if (e) entries.push(e);
        }
        entries.push(...this.reconcile());
        written = this.o.append ? this.o.append(entries) : this.store.append(entries);
        this.remember(latest);
      } catch (e) {
        this.failed(batch, reconciledBefore, e);
        return 0;
      }
      const now = this.now();
      for (const kind of this.o.kinds) if (this.states.get(kind) === 'synced') this.watchedUntil.set(kind, now);
      this.store.setMeta(ALIVE, now);
      return written;
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A batch that could not be written (disk full, an unreadable file) goes back to the queue to
   * be tried again, up to MAX_QUEUED changes; beyond, the oldest are dropped — the next start's
   * reconciliation still records every net change. Never a crash.
   */
  private failed(batch: Queued[], reconciledBefore: Set<string>, e: unknown): void {
    for (const kind of this.reconciled) if (!reconciledBefore.has(kind)) this.reconciled.delete(kind);
    this.queue.unshift(...batch);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
    const now = Date.now();
    if (now - this.lastFailureLog > 60_000) {
      this.lastFailureLog = now;
      console.error(`ordinal: history: cannot write (${(e as Error).message}); ${this.queue.length} changes wait`);
    }
  }

  private windowOf(kind: string, to: string): { windowFrom: string | null; windowTo: string } {
    return { windowFrom: this.watchedUntil.get(kind) ?? null, windowTo: to };
  }

  private entryFor(q: Queued, latest: BatchPriors): NewEntry | undefined {
    const { change, at } = q;
    const obj = (change.obj ?? change.old) as KObject;
    const uid = obj.metadata.uid;
    const prior = latest.get(uid) ?? this.appended.get(uid)?.prior ?? this.priorOf(uid);
    const observed = change.cause === 'watch';
    const base = {
      time: at,
      cluster: this.o.cluster,
      kind: change.kind,
      namespace: obj.metadata.namespace ?? null,
      name: obj.metadata.name,
      uid,
      observed,
      ...(observed ? { windowFrom: null, windowTo: null } : this.windowOf(change.kind, at)),
    };
    if (!change.obj) {
      if (!prior || prior.deleted) return undefined;
      latest.set(uid, { ...prior, deleted: true, problem: null });
      return {
        ...base,
        type: 'DELETED',
        resourceVersion: prior.rv,
        manager: null,
        summary: 'deleted',
        keyframe: false,
        content: null,
        state: null,
        core: prior.core,
        sinceKeyframe: prior.sinceKeyframe + 1,
      };
    }
    const rv = change.obj.metadata.resourceVersion ?? '';
    const { text, core, content } = versionOf(change.obj);
    const manager = change.obj.lastChange?.manager ?? null;
    if (prior && !prior.deleted && (prior.rv === rv || prior.core === core)) return undefined;
    const problem = problemOf(change.kind, change.obj, Date.parse(at));
    const created = !prior || prior.deleted;
    const { turn, keep } = turnOf({ created, observed }, created ? null : prior.problem, problem);
    if (created) {
      latest.set(uid, { rv, content: text, parsed: content, core, deleted: false, sinceKeyframe: 0, problem: keep });
      return {
        ...base,
        type: 'ADDED',
        resourceVersion: rv,
        manager,
        summary: 'created',
        keyframe: true,
        content: text,
        state: text,
        core,
        sinceKeyframe: 0,
        problem,
        turn,
        kept: keep,
      };
    }
    const before = prior.parsed ?? (JSON.parse(prior.content ?? '{}') as Content);
    const ops = patchBetween(before, content);
    const keyframe = prior.sinceKeyframe + 1 >= (this.o.keyframeEvery ?? KEYFRAME_EVERY);
    const sinceKeyframe = keyframe ? 0 : prior.sinceKeyframe + 1;
    latest.set(uid, { rv, content: text, parsed: content, core, deleted: false, sinceKeyframe, problem: keep });
    return {
      ...base,
      type: 'MODIFIED',
      resourceVersion: rv,
      manager: writerOf(ops, change.obj) ?? manager,
      summary: summarize(ops, before),
      keyframe,
      content: keyframe ? text : JSON.stringify(ops),
      state: text,
      core,
      sinceKeyframe,
      problem,
      turn,
      kept: keep,
    };
  }

  private priorOf(uid: string): Prior | undefined {
    const row = this.store.object(this.o.cluster, uid);
    return (
      row && {
        rv: row.rv,
        content: row.content,
        core: row.core,
        deleted: row.deleted === 1,
        sinceKeyframe: row.since_keyframe,
        problem: row.problem,
      }
    );
  }

  /**
   * Each time a kind becomes synced (start, after an error or a 403): what the history holds
   * as live but the cache does not was deleted while nobody watched. (A relist while synced
   * reports its deletions through the store.)
   */
  private reconcile(): NewEntry[] {
    const out: NewEntry[] = [];
    const at = this.now();
    for (const kind of this.o.kinds) {
      if (this.reconciled.has(kind) || this.states.get(kind) !== 'synced') continue;
      this.reconciled.add(kind);
      this.reconciledOnce.add(kind);
      for (const row of this.store.liveObjects(this.o.cluster, kind)) {
        const ns = row.namespace ?? undefined;
        if (ns && this.o.namespaces?.length && !this.o.namespaces.includes(ns)) continue;
        if (this.cache.has(kind, ns, row.name, row.uid)) continue;
        out.push({
          time: at,
          cluster: this.o.cluster,
          type: 'DELETED',
          kind,
          namespace: row.namespace,
          name: row.name,
          uid: row.uid,
          resourceVersion: row.rv,
          observed: false,
          ...this.windowOf(kind, at),
          manager: null,
          summary: 'deleted',
          keyframe: false,
          content: null,
          state: null,
          core: row.core,
          sinceKeyframe: row.since_keyframe + 1,
        });
      }
    }
    return out;
  }
}
