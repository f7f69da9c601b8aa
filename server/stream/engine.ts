import type { GraphEdge, GraphNode, Topology, TopologyChange } from '@/lib/wire/topology';
import type { ClusterCache } from '../cache/cache';
import type { Stores } from '../cache/indexes';
import type { StoreChange } from '../cache/store';
import { isEmptyChange as isEmpty } from '@/lib/wire/apply';
import type { NodeKind } from '@/lib/wire/kinds';
import { filterTopology, scopeKey } from '@/lib/wire/scope';
import { STORAGE_KINDS, storageChains, storagePage, type StorageChains, type StoragePage } from '@/lib/wire/storage';
import { summarize, type ClusterSummary } from '@/lib/wire/summary';
import type { Problem } from '@/lib/wire/problems';
import { problemsOf } from '../topology/problems';
import { clusterGraph, namespaceGraph, namespacesOf, type Graph } from '../topology/graph';
import { GroupedViews } from './grouped';
import { sameJson } from './samejson';
import { observeLag } from './published';

/**
 * Keeps the topology current incrementally: a store change marks its namespace (or,
 * for volumes and classes, the namespaces they touch) dirty; within `coalesceMs` the
 * dirty parts are rebuilt and diffed, and one change event per batch goes out.
 * The cluster view is the union of the parts, nodes shared between parts
 * (volumes, classes) reference-counted.
 */
interface Part {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

export interface ChangeEvent {
  revision: number;
  cluster: TopologyChange;
  namespaces: Map<string, TopologyChange>;
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

export class TopologyEngine {
  private readonly parts = new Map<string, Part>();
  private readonly nodeRefs = new Map<string, Set<string>>();
  private readonly edgeRefs = new Map<string, Set<string>>();
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  private readonly recent: ChangeEvent[] = [];
  private recentItems = 0;
  /** The last snapshot of each scope and its JSON, reused until the revision moves: viewers joining together share one. */
  private readonly snapshots = new Map<string, { revision: number; topology: Topology; json?: Uint8Array<ArrayBuffer> }>();
  /** The grouped graphs the topology view draws, per scope, regrouped as changes come. */
  readonly grouped: GroupedViews = new GroupedViews(this);
  private draining?: NodeJS.Immediate;
  private catchingUp?: Set<string>;
  private readyOnce = false;
  private readonly chains = new WeakMap<Topology, StorageChains>();
  private stopped = false;
  private summaryCache?: { summary: ClusterSummary; json: Uint8Array<ArrayBuffer> };
  private problemsCache?: { revision: number; problems: Problem[] };
  /** When each standing problem was first seen (ms), so `since` holds across revisions; gone ones are forgotten. */
  private readonly problemSince = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private refresher?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  /** What rebuilding has cost so far: flushes, parts rebuilt, total and slowest flush (ms). */
  readonly stats = { flushes: 0, partsRebuilt: 0, totalMs: 0, maxMs: 0 };
  /** Starts at the wall clock (ms) so ids keep increasing across server restarts; +1 per change. */
  revision: number;

  constructor(
    private readonly cache: EngineSource,
    private readonly opts: { coalesceMs?: number; sliceMs?: number; refreshMs?: number; replay?: number; replayItems?: number; now?: () => number; initialRevision?: number } = {},
  ) {
    this.revision = opts.initialRevision ?? Date.now();
  }

  start(): void {
    this.unsubscribe = this.cache.onChange((c) => this.mark(c));
    // Durations in reasons ("not Ready for 5m") age: unhealthy parts are refreshed on a timer.
    this.refresher = setInterval(() => this.refreshUnhealthy(), this.opts.refreshMs ?? 30_000);
    this.refresher.unref();
    this.rebuildAll();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    if (this.draining) clearImmediate(this.draining);
    clearInterval(this.refresher);
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

  /** Unhealthy parts are rebuilt every `refreshMs`, so durations in their reasons age. */
  private refreshUnhealthy(): void {
    for (const [ns, part] of this.parts) if ([...part.nodes.values()].some((n) => n.status !== 'ok')) this.dirty.add(ns);
    if (this.dirty.size) this.schedule();
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
    const graph = ns === CLUSTER ? clusterGraph(this.cache.stores) : namespaceGraph(this.cache.stores, ns, this.now(), this.cache.history);
    const next = toPart(graph);
    const change = diff(this.parts.get(ns), next, revision);
    if (next.nodes.size === 0 && next.edges.size === 0) this.parts.delete(ns);
    else this.parts.set(ns, next);
    if (isEmpty(change)) return;
    if (ns !== CLUSTER) namespaces.set(ns, change);
    this.applyToUnion(ns, change, cluster);
  }

  private emitPending(): void {
    const event = this.pending;
    this.pending = undefined;
    if (!event || (isEmpty(event.cluster) && event.namespaces.size === 0)) return;
    this.revision = event.revision;
    this.keep(event);
    for (const fn of this.listeners) fn(event);
  }

  /**
   * Keeps a change for viewers resuming with Last-Event-ID: the last `replay` changes, and no
   * more than `replayItems` nodes and edges in all (under steady churn at 20,000 pods, 500
   * changes held every rebuilt namespace's nodes several times over: ~400 MB). A viewer
   * beyond what is kept gets a snapshot instead.
   */
  private keep(event: ChangeEvent): void {
    const size = (e: ChangeEvent) => e.cluster.upsertNodes.length + e.cluster.upsertEdges.length;
    this.recent.push(event);
    this.recentItems += size(event);
    while (this.recent.length > 1 && (this.recent.length > (this.opts.replay ?? 500) || this.recentItems > (this.opts.replayItems ?? 50_000))) {
      const dropped = this.recent.shift();
      if (dropped) this.recentItems -= size(dropped);
    }
  }

  private applyToUnion(part: string, c: TopologyChange, out: TopologyChange): void {
    union(part, this.nodeRefs, this.nodes, c.upsertNodes, c.removeNodes, out.upsertNodes, out.removeNodes);
    union(part, this.edgeRefs, this.edges, c.upsertEdges, c.removeEdges, out.upsertEdges, out.removeEdges);
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
    const key = scopeKey({ namespace, kinds });
    const hit = this.snapshots.get(key);
    if (hit?.revision === this.revision) return hit;
    const entry = { revision: this.revision, topology: this.sortedPart(namespace, kinds) };
    // Scopes not asked for since the last change are dropped rather than kept stale.
    for (const [k, v] of this.snapshots) if (v.revision !== this.revision) this.snapshots.delete(k);
    this.snapshots.set(key, entry);
    return entry;
  }

  /** Problems by root cause, worst first, computed once per revision from the whole topology. */
  problems(): { revision: number; problems: Problem[] } {
    this.settle();
    if (this.problemsCache?.revision !== this.revision) {
      const now = Date.now();
      const problems = problemsOf(this.nodes.values(), this.edges.values(), {
        firstSeen: (id) => this.problemSince.get(id) ?? this.problemSince.set(id, now).get(id) ?? now,
      });
      const standing = new Set(problems.map((p) => p.id));
      for (const id of this.problemSince.keys()) if (!standing.has(id)) this.problemSince.delete(id);
      this.problemsCache = { revision: this.revision, problems };
    }
    return this.problemsCache;
  }

  /** The overview's counts and worst problems, computed once per revision from the whole topology. */
  summary(): { summary: ClusterSummary; json: Uint8Array<ArrayBuffer> } {
    this.settle();
    if (this.summaryCache?.summary.revision !== this.revision) {
      const summary = summarize(this.revision, this.nodes.values(), this.edges.values(), this.problems().problems);
      this.summaryCache = { summary, json: Buffer.from(JSON.stringify(summary)) };
    }
    return this.summaryCache;
  }

  /** A page of the storage chains of a scope (problems first), computed once per revision. */
  storagePage(namespace: string | undefined, limit: number, select?: string): StoragePage {
    const t = this.snapshot(namespace, STORAGE_KINDS);
    let c = this.chains.get(t);
    if (!c) this.chains.set(t, (c = storageChains(t)));
    return storagePage(t.revision, c, limit, select);
  }

  /** Filtered before sorting: a list page's few kinds are a fraction of the cluster. */
  private sortedPart(namespace?: string, kinds?: NodeKind[]): Topology {
    const p = namespace !== undefined ? this.parts.get(namespace) : { nodes: this.nodes, edges: this.edges };
    const t = filterTopology({ revision: this.revision, nodes: [...(p?.nodes.values() ?? [])], edges: [...(p?.edges.values() ?? [])] }, kinds);
    return { revision: this.revision, nodes: sorted(t.nodes), edges: sorted(t.edges) };
  }

  /** Change events after `revision` for a scope, or undefined when they are no longer kept. */
  since(revision: number, namespace?: string): TopologyChange[] | undefined {
    if (revision === this.revision) return [];
    const first = this.recent[0];
    if (!first || revision < first.revision - 1 || revision > this.revision) return undefined;
    return this.recent
      .filter((e) => e.revision > revision)
      .map((e) => (namespace === undefined ? e.cluster : e.namespaces.get(namespace)))
      .filter((c): c is TopologyChange => !!c && !isEmpty(c));
  }
}

/** Applies one part's upserts and removals to the union, counting which parts hold each item. */
function union<T extends { id: string }>(part: string, refs: Map<string, Set<string>>, items: Map<string, T>, upserts: T[], removes: string[], outUpserts: T[], outRemoves: string[]): void {
  for (const item of upserts) {
    ref(refs, item.id).add(part);
    if (!sameJson(items.get(item.id), item)) {
      items.set(item.id, item);
      outUpserts.push(item);
    }
  }
  for (const id of removes) {
    const held = ref(refs, id);
    held.delete(part);
    if (held.size === 0) {
      refs.delete(id);
      items.delete(id);
      outRemoves.push(id);
    }
  }
}

function ref(m: Map<string, Set<string>>, id: string): Set<string> {
  let s = m.get(id);
  if (!s) {
    s = new Set();
    m.set(id, s);
  }
  return s;
}

/** By id in code-unit order: stable across locales, and several times faster than localeCompare at 100k ids. */
function sorted<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
