import type { GraphEdge, GraphNode, Topology, TopologyChange } from '@/lib/wire/topology';
import type { ClusterCache } from '../cache/cache';
import type { Stores } from '../cache/indexes';
import type { StoreChange } from '../cache/store';
import { isEmptyChange as isEmpty } from '@/lib/wire/apply';
import type { NodeKind } from '@/lib/wire/kinds';
import type { StoragePage } from '@/lib/wire/storage';
import type { ClusterSummary } from '@/lib/wire/summary';
import type { Problem } from '@/lib/wire/problems';
import { clusterGraph, namespaceGraph, namespacesOf, type Graph } from '../topology/graph';
import { changeShows } from '../topology/reads';
import { withWakeup } from '../topology/time';
import { DerivedViews } from './derived';
import { GroupedViews } from './grouped';
import { ReplayLog, type ChangeEvent } from './replay';
import { sameJson } from './samejson';
import { observeLag } from './published';
import { GraphUnion } from './union';

export type { ChangeEvent } from './replay';

/** One part of the graph: a namespace's (with the volumes and classes it reaches), or the cluster-scoped rest. */
interface Part {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

const CLUSTER = '';

function toPart(g: Graph): Part {
  return { nodes: new Map(g.nodes.map((n) => [n.id, n])), edges: new Map(g.edges.map((e) => [e.id, e])) };
}

function diff(prev: Part | undefined, next: Part, revision: number): TopologyChange {
  const c: TopologyChange = { revision, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] };
  for (const [id, n] of next.nodes) if (!prev || !sameJson(prev.nodes.get(id), n)) c.upsertNodes.push(n);
  for (const id of prev?.nodes.keys() ?? []) if (!next.nodes.has(id)) c.removeNodes.push(id);
  for (const [id, e] of next.edges) if (!prev || !sameJson(prev.edges.get(id), e)) c.upsertEdges.push(e);
  for (const id of prev?.edges.keys() ?? []) if (!next.edges.has(id)) c.removeEdges.push(id);
  return c;
}


/** What the engine reads: the stores, the config versions seen while watching, and each store change. */
export type EngineSource = Pick<ClusterCache, 'history' | 'onChange'> & { stores: Stores };

/**
 * Keeps the topology current incrementally: a store change marks its namespace (or,
 * for volumes and classes, the namespaces they touch) dirty; within `coalesceMs` the
 * dirty parts are rebuilt and diffed, and one change event per batch goes out.
 * The cluster view is the union of the parts (union.ts); changes are kept for resuming
 * viewers (replay.ts); snapshots, problems and the summary are made once per revision
 * (derived.ts); the grouped views regroup from them (grouped.ts).
 */
export class TopologyEngine {
  private readonly parts = new Map<string, Part>();
  private readonly union = new GraphUnion();
  private readonly dirty = new Set<string>();
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
  /** When each part's first threshold will be crossed (time.ts `withWakeup`): it is rebuilt then. */
  private readonly wakeAt = new Map<string, number>();
  private waker?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  /** What rebuilding has cost so far: flushes, parts rebuilt, total and slowest flush (ms). */
  readonly stats = { flushes: 0, partsRebuilt: 0, totalMs: 0, maxMs: 0 };
  /** Starts at the wall clock (ms) so ids keep increasing across server restarts; +1 per change. */
  revision: number;

  constructor(
    private readonly cache: EngineSource,
    private readonly opts: { coalesceMs?: number; sliceMs?: number; replay?: number; replayItems?: number; now?: () => number; initialRevision?: number } = {},
  ) {
    this.revision = opts.initialRevision ?? Date.now();
    this.replay = new ReplayLog({ replay: opts.replay, replayItems: opts.replayItems });
    this.derived = new DerivedViews({
      revision: () => this.revision,
      nodes: this.union.nodes,
      edges: this.union.edges,
      part: (ns) => this.parts.get(ns),
    });
  }

  start(): void {
    this.unsubscribe = this.cache.onChange((c) => this.mark(c));
    this.rebuildAll();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
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

  private mark(c: StoreChange): void {
    const s = this.cache.stores;
    // A change no node reads (a revision; an event about a healthy object) rebuilds nothing.
    if (!changeShows(c, (id) => this.union.nodes.get(id))) return;
    if (c.kind === 'StorageClass') {
      for (const ns of this.parts.keys()) this.dirty.add(ns);
      this.dirty.add(CLUSTER);
    } else if (c.kind === 'PersistentVolume') {
      this.dirty.add(CLUSTER);
      for (const o of [c.old, c.obj]) {
        const ns = (o as { spec?: { claimRef?: { namespace?: string } } } | undefined)?.spec?.claimRef?.namespace;
        if (ns) this.dirty.add(ns);
      }
      for (const claim of s.PersistentVolumeClaim.byIndex('volume', c.key)) this.dirty.add(claim.metadata.namespace ?? '');
    } else if (c.namespace) this.dirty.add(c.namespace);
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
    }, this.opts.coalesceMs ?? 100);
  }

  /**
   * Rebuilds dirty parts a slice at a time (about `sliceMs` of work, at least one part), one
   * change event per slice, yielding to the event loop between slices: at 20,000 pods a
   * namespace costs ~75 ms, and rebuilding twenty in one go held every request for seconds.
   */
  private drain(): void {
    this.draining = undefined;
    if (this.stopped || this.dirty.size === 0) return;
    const deadline = performance.now() + (this.opts.sliceMs ?? 50);
    this.rebuild(() => performance.now() < deadline);
    if (this.dirty.size) this.draining = setImmediate(() => this.drain());
  }

  /**
   * Marks dirty every part whose threshold has been crossed by `now` (a pod not Ready past 5
   * minutes becomes stuck): time as data — durations travel as `since` times and are worded by
   * the reader, so nothing else about a part changes while the clock runs.
   */
  wake(now: number = this.now()): void {
    for (const [part, at] of this.wakeAt) {
      if (at > now) continue;
      this.wakeAt.delete(part);
      this.dirty.add(part);
    }
    if (this.dirty.size) this.schedule();
    this.armWaker();
  }

  /** One timer, for the earliest threshold of any part. */
  private armWaker(): void {
    clearTimeout(this.waker);
    this.waker = undefined;
    if (this.stopped || this.wakeAt.size === 0) return;
    const next = Math.min(...this.wakeAt.values());
    this.waker = setTimeout(() => this.wake(), Math.min(2 ** 31 - 1, Math.max(0, next - this.now())));
    this.waker.unref();
  }

  private rebuildAll(): void {
    for (const ns of namespacesOf(this.cache.stores)) this.dirty.add(ns);
    this.dirty.add(CLUSTER);
    this.flush();
  }

  /**
   * Whether the graph has caught up with the cache since it synced: every part dirty when
   * first asked with `synced` has been rebuilt once since (parts dirtied again later do not
   * hold readiness back, so a busy cluster still becomes ready). Latches true.
   */
  caughtUp(synced: boolean): boolean {
    if (this.readyOnce || !synced) return this.readyOnce;
    this.catchingUp ??= new Set(this.dirty);
    if (this.catchingUp.size === 0) this.readyOnce = true;
    return this.readyOnce;
  }

  /** Rebuilds every dirty part now and emits the change. */
  flush(): void {
    this.rebuild(() => true);
  }

  /**
   * What a request does before answering from the parts: pending work that fits in a slice
   * (by what a part has cost so far) is done now, and the answer is current; more is left to
   * the slices under way, and the answer is the last consistent revision, whose later
   * changes the streams deliver.
   */
  private settle(): void {
    const perPart = this.stats.partsRebuilt ? this.stats.totalMs / this.stats.partsRebuilt : 0;
    if (this.dirty.size > 0 && this.dirty.size * perPart <= (this.opts.sliceMs ?? 50)) this.flush();
  }

  private rebuild(more: () => boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return;
    const started = performance.now();
    const parts: string[] = [];
    for (const ns of this.dirty) {
      if (parts.length > 0 && !more()) break;
      parts.push(ns);
      this.dirty.delete(ns);
      this.rebuildPart(ns, parts.length === 1);
    }
    this.stats.flushes++;
    this.stats.partsRebuilt += parts.length;
    this.armWaker();
    this.emitPending();
    if (this.dirty.size === 0 && this.changedSince !== undefined) {
      // Every change so far is in an emitted revision: the oldest waited this long.
      observeLag(performance.now() - this.changedSince);
      this.changedSince = undefined;
    }
    const ms = performance.now() - started;
    this.stats.totalMs += ms;
    this.stats.maxMs = Math.max(this.stats.maxMs, ms);
  }

  /** The change being gathered by a rebuild: started by its first part, emitted once at its end. */
  private pending?: ChangeEvent;

  private rebuildPart(ns: string, first: boolean): void {
    if (first || !this.pending) {
      const revision = this.revision + 1;
      this.pending = { revision, cluster: { revision, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] }, namespaces: new Map() };
    }
    const { revision, cluster, namespaces } = this.pending;
    this.catchingUp?.delete(ns);
    const { value: graph, wakeAt } = withWakeup(() =>
      ns === CLUSTER ? clusterGraph(this.cache.stores) : namespaceGraph(this.cache.stores, ns, this.now(), this.cache.history),
    );
    if (wakeAt === undefined) this.wakeAt.delete(ns);
    else this.wakeAt.set(ns, wakeAt);
    const next = toPart(graph);
    const change = diff(this.parts.get(ns), next, revision);
    if (next.nodes.size === 0 && next.edges.size === 0) this.parts.delete(ns);
    else this.parts.set(ns, next);
    if (isEmpty(change)) return;
    if (ns !== CLUSTER) namespaces.set(ns, change);
    this.union.apply(ns, change, cluster);
  }

  private emitPending(): void {
    const event = this.pending;
    this.pending = undefined;
    if (!event || (isEmpty(event.cluster) && event.namespaces.size === 0)) return;
    this.revision = event.revision;
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

  private cached(namespace?: string, kinds?: NodeKind[]): { revision: number; topology: Topology; json?: Uint8Array<ArrayBuffer> } {
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
