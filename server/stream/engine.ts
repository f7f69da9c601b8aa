import type { Topology, TopologyChange } from '@/lib/wire/topology';
import type { ClusterCache } from '../cache/cache';
import type { Stores } from '../cache/indexes';
import type { StoreChange } from '../cache/store';
import { isEmptyChange as isEmpty } from '@/lib/wire/apply';
import type { NodeKind } from '@/lib/wire/kinds';
import type { StoragePage } from '@/lib/wire/storage';
import type { ClusterSummary } from '@/lib/wire/summary';
import type { Problem } from '@/lib/wire/problems';
import { nodeId } from '@/lib/wire/topology';
import { isNodeKind } from '@/lib/wire/kinds';
import { buildEntry, CLUSTER_PART, entriesOf, isReachedEntry, namespacesOf } from '../topology/graph';
import { InternPool } from '../cache/intern';
import { MultiMap } from '../cache/multimap';
import { GraphPart } from '../topology/part';
import { ReadRecorder, readsChanged, type Read } from '../topology/reads';
import { withWakeup } from '../topology/time';
import { DerivedViews } from './derived';
import { GroupedViews } from './grouped';
import { ReplayLog, type ChangeEvent } from './replay';
import { observeLag } from './published';
import { GraphUnion } from './union';

export type { ChangeEvent } from './replay';

/** An entry of a part, as one key: `part` NUL `node id` (neither holds a NUL). */
const entryKey = (part: string, entry: string): string => `${part}\u0000${entry}`;
const splitKey = (key: string): [string, string] => {
  const at = key.indexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
};

/** What the engine reads: the stores, the config versions seen while watching, each store change, and when the first lists are in. */
export type EngineSource = Pick<ClusterCache, 'history' | 'onChange' | 'onState' | 'listed'> & { stores: Stores };

/**
 * Keeps the topology current incrementally, as a controller does: every entry of the graph (an
 * object's node and the edges it derives, part.ts) records what it read of the stores
 * (reads.ts); a store change maps to the entries that read what it changed, plus its own, and
 * only those are rebuilt — within `coalesceMs`, a slice at a time, one change event per slice.
 * The cluster view is the union of the parts (union.ts); changes are kept for resuming viewers
 * (replay.ts); snapshots, problems and the summary are made once per revision (derived.ts); the
 * grouped views regroup from the changes (grouped.ts).
 */
export class TopologyEngine {
  private readonly parts = new Map<string, GraphPart>();
  private readonly union = new GraphUnion();
  /** Entries to rebuild (`entryKey`), in the order they were marked. */
  private readonly dirty = new Set<string>();
  /** Which entries read what: the reverse index a change is looked up in. */
  private readonly readers = new MultiMap<Read, string>();
  private readonly readsOf = new Map<string, Read[]>();
  /** One copy of each read an entry keeps: a volume's read is made anew by every claim and pod rebuilt. */
  private readonly readNames = new InternPool();
  private readonly recorder: ReadRecorder;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  private readonly replay: ReplayLog;
  private readonly derived: DerivedViews;
  /** The grouped graphs the topology view draws, per scope, regrouped as changes come. */
  readonly grouped: GroupedViews = new GroupedViews(this);
  private draining?: NodeJS.Immediate;
  private catchingUp?: Set<string>;
  private readyOnce = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  /** When each entry's first threshold will be crossed (time.ts `withWakeup`): it is rebuilt then. */
  private readonly wakeAt = new Map<string, number>();
  private waker?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private offState?: () => void;
  /** The first build has begun: changes mark entries from then on. */
  private building = false;
  /** What rebuilding has cost so far: flushes, entries rebuilt, total and slowest flush (ms), flushes over 100 ms. */
  readonly stats = { flushes: 0, entriesRebuilt: 0, totalMs: 0, maxMs: 0, slowFlushes: 0 };
  /** Starts at the wall clock (ms) so ids keep increasing across server restarts; +1 per change. */
  revision: number;

  constructor(
    private readonly cache: EngineSource,
    private readonly opts: {
      coalesceMs?: number;
      sliceMs?: number;
      replay?: number;
      replayItems?: number;
      now?: () => number;
      initialRevision?: number;
    } = {},
  ) {
    this.revision = opts.initialRevision ?? Date.now();
    this.recorder = new ReadRecorder(cache.stores);
    this.replay = new ReplayLog({ replay: opts.replay, replayItems: opts.replayItems });
    this.derived = new DerivedViews({
      revision: () => this.revision,
      nodes: this.union.nodes,
      edges: this.union.edges,
      part: (ns) => this.parts.get(ns),
    });
  }

  /**
   * Builds once the first lists are in, as client-go's controllers wait for their informers'
   * `HasSynced`: the lists arrive object by object, and an entry built meanwhile (a StatefulSet)
   * would be rebuilt with every pod of it that came after — at 20k pods, most of the sync's time.
   * A source already listed is built now, whole; one listing is built in slices, as changes are.
   */
  start(): void {
    this.unsubscribe = this.cache.onChange((c) => {
      if (this.building) this.mark(c);
    });
    if (this.cache.listed) return this.buildAll(() => this.flush());
    this.offState = this.cache.onState(() => {
      if (this.cache.listed) this.buildAll(() => this.schedule());
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.offState?.();
    clearTimeout(this.timer);
    if (this.draining) clearImmediate(this.draining);
    clearTimeout(this.waker);
  }

  onChange(fn: (e: ChangeEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** A change marks its own entry (a drawn kind's object) and every entry that read what it changed. */
  private mark(c: StoreChange): void {
    const name = (c.obj ?? c.old)?.metadata.name;
    if (name && isNodeKind(c.kind)) {
      const own = nodeId(c.kind, c.namespace || undefined, name);
      this.dirty.add(entryKey(c.namespace ? c.namespace : CLUSTER_PART, own));
    }
    for (const read of readsChanged(c)) for (const key of this.readers.get(read)) this.dirty.add(key);
    if (this.dirty.size === 0) return;
    this.changedSince ??= performance.now();
    this.schedule();
  }

  /** When the oldest change not yet in an emitted revision reached the engine (event lag). */
  private changedSince?: number;

  private schedule(): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, this.opts.coalesceMs ?? 25);
  }

  /**
   * Rebuilds dirty entries a slice at a time (about `sliceMs` of work), one change event per
   * slice, yielding to the event loop between slices, so a burst (a relist, a namespace
   * created whole) never holds every request.
   */
  private drain(): void {
    this.draining = undefined;
    if (this.stopped || this.dirty.size === 0) return;
    const deadline = performance.now() + (this.opts.sliceMs ?? 50);
    this.rebuild(() => performance.now() < deadline);
    if (this.dirty.size) this.draining = setImmediate(() => this.drain());
  }

  /**
   * Marks dirty every entry whose threshold has been crossed by `now` (a pod not Ready past 5
   * minutes becomes stuck): time as data — durations travel as `since` times and are worded by
   * the reader, so nothing else about an entry changes while the clock runs.
   */
  wake(now: number = this.now()): void {
    for (const [key, at] of this.wakeAt) {
      if (at > now) continue;
      this.wakeAt.delete(key);
      this.dirty.add(key);
    }
    if (this.dirty.size) this.schedule();
    this.armWaker();
  }

  /** One timer, for the earliest threshold of any entry. */
  private armWaker(): void {
    clearTimeout(this.waker);
    this.waker = undefined;
    if (this.stopped || this.wakeAt.size === 0) return;
    let next = Infinity;
    for (const at of this.wakeAt.values()) next = Math.min(next, at);
    this.waker = setTimeout(() => this.wake(), Math.min(2 ** 31 - 1, Math.max(0, next - this.now())));
    this.waker.unref();
  }

  private buildAll(run: () => void): void {
    if (this.building) return;
    this.building = true;
    this.offState?.();
    for (const part of [...namespacesOf(this.cache.stores), CLUSTER_PART]) {
      for (const entry of entriesOf(part, this.cache.stores)) this.dirty.add(entryKey(part, entry));
    }
    run();
  }

  /**
   * Whether the graph has caught up with the cache since it synced: every entry dirty when
   * first asked with `synced` has been rebuilt once since (entries dirtied again later do not
   * hold readiness back, so a busy cluster still becomes ready). Latches true.
   */
  caughtUp(synced: boolean): boolean {
    if (this.readyOnce || !synced || !this.building) return this.readyOnce;
    this.catchingUp ??= new Set(this.dirty);
    if (this.catchingUp.size === 0) {
      this.readyOnce = true;
      this.catchingUp = undefined;
    }
    return this.readyOnce;
  }

  /** Rebuilds every dirty entry now and emits the change. */
  flush(): void {
    this.rebuild(() => true);
  }

  /**
   * What a request does before answering from the parts: pending work that fits in a slice
   * (by what an entry has cost so far) is done now, and the answer is current; more is left to
   * the slices under way, and the answer is the last consistent revision, whose later
   * changes the streams deliver.
   */
  private settle(): void {
    const perEntry = this.stats.entriesRebuilt ? this.stats.totalMs / this.stats.entriesRebuilt : 0;
    if (this.dirty.size > 0 && this.dirty.size * perEntry <= (this.opts.sliceMs ?? 50)) this.flush();
  }

  private rebuild(more: () => boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return;
    const started = performance.now();
    const touched = new Set<string>();
    let rebuilt = 0;
    for (const key of this.dirty) {
      if (rebuilt > 0 && !more()) break;
      this.dirty.delete(key);
      this.rebuildEntry(key, touched);
      rebuilt++;
    }
    this.stats.flushes++;
    this.stats.entriesRebuilt += rebuilt;
    this.armWaker();
    this.emit(touched);
    if (this.dirty.size === 0 && this.changedSince !== undefined) {
      // Every change so far is in an emitted revision: the oldest waited this long.
      observeLag(performance.now() - this.changedSince);
      this.changedSince = undefined;
    }
    const ms = performance.now() - started;
    this.stats.totalMs += ms;
    this.stats.maxMs = Math.max(this.stats.maxMs, ms);
    if (ms > 100) this.stats.slowFlushes++;
  }

  /** Rebuilds one entry from the stores, noting what it read; reached entries it holds or lets go follow. */
  private rebuildEntry(key: string, touched: Set<string>): void {
    const [name, entry] = splitKey(key);
    this.catchingUp?.delete(key);
    let part = this.parts.get(name);
    if (!part) this.parts.set(name, (part = new GraphPart()));
    touched.add(name);
    if (isReachedEntry(name, entry) && !part.held(entry)) return this.drop(part, name, entry);
    const { value, wakeAt } = withWakeup(() =>
      this.recorder.collect(() => buildEntry(name, entry, this.recorder.stores, this.now(), this.cache.history)),
    );
    // An object gone is forgotten; a volume still reached but missing waits for its return.
    this.setReads(key, value.value || isReachedEntry(name, entry) ? value.reads : []);
    if (wakeAt === undefined) this.wakeAt.delete(key);
    else this.wakeAt.set(key, wakeAt);
    const reach = part.set(entry, value.value);
    for (const id of reach.held) this.dirty.add(entryKey(name, id));
    for (const id of reach.released) this.drop(part, name, id);
  }

  private drop(part: GraphPart, name: string, entry: string): void {
    part.set(entry, undefined);
    const key = entryKey(name, entry);
    this.setReads(key, []);
    this.wakeAt.delete(key);
  }

  private setReads(key: string, reads: Read[]): void {
    const had = this.readsOf.get(key);
    // Mostly an entry reads what it read last time: nothing to move in the index.
    if (had && had.length === reads.length && had.every((r, i) => r === reads[i])) return;
    for (const r of had ?? []) this.readers.delete(r, key);
    if (reads.length === 0) {
      this.readsOf.delete(key);
      return;
    }
    const kept = reads.map((r) => this.readNames.intern(r));
    this.readsOf.set(key, kept);
    for (const r of kept) this.readers.add(r, key);
  }

  /** One change event for the parts a rebuild touched: each part's own, and the union's. */
  private emit(touched: Set<string>): void {
    const revision = this.revision + 1;
    const event: ChangeEvent = {
      revision,
      cluster: { revision, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] },
      namespaces: new Map(),
    };
    for (const name of touched) {
      const part = this.parts.get(name);
      if (!part) continue;
      const change = part.takeChange(revision);
      if (part.empty) this.parts.delete(name);
      if (isEmpty(change)) continue;
      if (name !== CLUSTER_PART) event.namespaces.set(name, change);
      this.union.apply(name, change, event.cluster);
    }
    if (isEmpty(event.cluster) && event.namespaces.size === 0) return;
    this.revision = revision;
    this.replay.keep(event);
    for (const fn of this.listeners) fn(event);
  }

  /**
   * The current topology, whole or for one namespace (with the volumes and classes it
   * reaches), optionally only some kinds (edges kept when both ends are).
   */
  snapshot(namespace?: string, kinds?: NodeKind[]): Topology {
    return this.cached(namespace, kinds).topology;
  }

  /**
   * `snapshot(namespace, kinds)` as UTF-8 JSON, built once per revision and scope and shared by
   * the API and every viewer that joins meanwhile (bytes, not a string: half the memory of a
   * two-byte string, and nothing to encode per viewer).
   */
  snapshotBytes(namespace?: string, kinds?: NodeKind[]): { revision: number; json: Uint8Array<ArrayBuffer> } {
    const c = this.cached(namespace, kinds);
    c.json ??= Buffer.from(JSON.stringify(c.topology));
    return { revision: c.revision, json: c.json };
  }

  private cached(
    namespace?: string,
    kinds?: NodeKind[],
  ): { revision: number; topology: Topology; json?: Uint8Array<ArrayBuffer> } {
    this.settle();
    return this.derived.cached(namespace, kinds);
  }

  /** Problems by root cause, worst first, computed once per revision from the whole topology. */
  problems(): { revision: number; problems: Problem[] } {
    this.settle();
    return this.derived.problems();
  }

  /** The overview's counts and worst problems, computed once per revision from the whole topology. */
  summary(): { summary: ClusterSummary; json: Uint8Array<ArrayBuffer> } {
    this.settle();
    return this.derived.summary();
  }

  /** A page of the storage chains of a scope (problems first), computed once per revision. */
  storagePage(namespace: string | undefined, limit: number, select?: string): StoragePage {
    this.settle();
    return this.derived.storagePage(namespace, limit, select);
  }

  /** Change events after `revision` for a scope, or undefined when they are no longer kept. */
  since(revision: number, namespace?: string): TopologyChange[] | undefined {
    return this.replay.since(revision, this.revision, namespace);
  }
}
