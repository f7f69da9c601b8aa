import type { GraphEdge, GraphNode } from '@/lib/wire/topology';
import type { ObjectStore } from '../cache/store';
import type { KObject } from '../cache/types';
import type { LiveStores, Stores } from '../cache/indexes';
import { createStores } from '../cache/view';
import { isWatchedKind } from '../kube/kinds';
import { buildGraph, type Graph } from '../topology/graph';
import { filterGraph } from '@/lib/wire/filter';
import { groupLarge, GROUP_LIMITS } from '@/lib/wire/group';
import type { NodeKind } from '@/lib/wire/kinds';
import { filterTopology } from '@/lib/wire/scope';
import { restrictStores, type Sees } from '../cache/restrict';
import type { HistoryVisibility } from './schema';
import { isVisible } from './scope';
import type { Content } from './content';
import type { Reuse } from './rebuild';
import type { HistoryReader } from './reader';

/**
 * The cluster as the history recorded it at time `at`: every object whose newest entry up to
 * `at` is not a deletion, rebuilt from its keyframe and patches, in fresh indexed stores —
 * so the past is derived by the same pure derivations as the present.
 */
export function storesAt(
  history: HistoryReader,
  at: string,
  namespace?: string,
  live?: Stores,
): { stores: LiveStores; objects: number } {
  // Whole: the past cluster lives for one request, and reducing 69,000 objects to facts was a sixth of it.
  const stores = createStores({ whole: true });
  let objects = 0;
  for (const { kind, content } of history.objectsAt(at, namespace, live && fromLive(live))) {
    if (!isWatchedKind(kind)) continue;
    (stores[kind] as ObjectStore).upsert(content as unknown as KObject);
    objects++;
  }
  return { stores, objects };
}

/**
 * The graph as the history recorded it at `at`, by the live derivations, for the reader's scope:
 * a viewer's past restricted as their present is (what they may not list is hidden, not missing).
 * Run in the history worker (offthread.ts), or inline where it cannot run.
 */
export function pastGraph(
  reader: HistoryReader,
  at: string,
  namespace?: string,
  live?: Stores,
): Graph & { objects: number } {
  const past = storesAt(reader, at, namespace, live);
  const v = reader.scope.visible;
  const stores = v === null ? past.stores : restrictStores(past.stores, seesOf(v));
  return { ...buildGraph(stores, { namespace }, Date.parse(at)), objects: past.objects };
}

/** What `/api/v1/topology?at=` asks: a namespace or the cluster, some kinds, grouped (with problems only) or not. */
export interface PastAsk {
  namespace?: string;
  kinds?: NodeKind[];
  grouped?: { problems: boolean };
}

/** The body of `/api/v1/topology?at=`: today's answer for that time, with `at` and how many objects it was built from. */
export function pastTopology(reader: HistoryReader, at: string, ask: PastAsk, live?: Stores): object {
  const g = pastGraph(reader, at, ask.namespace, live);
  const t = filterTopology({ revision: 0, nodes: g.nodes, edges: g.edges }, ask.kinds);
  if (!ask.grouped) return { ...t, at, objects: g.objects };
  const shown = ask.grouped.problems ? filterGraph(t, { problemsOnly: true }) : t;
  return { revision: 0, ...groupLarge(shown.nodes, shown.edges, GROUP_LIMITS), at, objects: g.objects };
}

/** The body of `/api/v1/topology/diff`: what differs between the graph at `from` and at `to`. */
export function pastDiff(reader: HistoryReader, from: string, to: string, namespace?: string, live?: Stores): object {
  return { from, to, ...diffGraphs(pastGraph(reader, from, namespace, live), pastGraph(reader, to, namespace, live)) };
}

/** A viewer's visibility as the restricted stores ask it (server/access/scope.ts `sees`, from its wire form). */
export function seesOf(v: HistoryVisibility): Sees {
  return (kind, namespace) => isVisible(v, kind, namespace);
}

/**
 * An object unchanged since `at` as the live cache holds it, when that is the very version the
 * history last recorded (same uid and resourceVersion): no parse. (A version the history skipped
 * as noise — a heartbeat — has another resourceVersion, and is read from the history instead.)
 */
function fromLive(live: Stores): Reuse {
  return (ref) => {
    if (!isWatchedKind(ref.kind)) return undefined;
    const o = (live[ref.kind] as ObjectStore).get(ref.namespace ?? undefined, ref.name);
    return o && o.metadata.uid === ref.uid && o.metadata.resourceVersion === ref.rv
      ? (o as unknown as Content)
      : undefined;
  };
}

export interface TopologyDiff {
  added: GraphNode[];
  removed: GraphNode[];
  /** Nodes in both whose status differs: from → to. */
  changed: Array<{ id: string; from: GraphNode['status']; to: GraphNode['status']; node: GraphNode }>;
  edgesAdded: GraphEdge[];
  edgesRemoved: GraphEdge[];
}

/** What differs between two graphs: nodes and edges added and removed, nodes whose status changed. */
export function diffGraphs(a: Graph, b: Graph): TopologyDiff {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const beforeEdges = new Set(a.edges.map((e) => e.id));
  const afterEdges = new Set(b.edges.map((e) => e.id));
  return {
    added: b.nodes.filter((n) => !before.has(n.id)),
    removed: a.nodes.filter((n) => !after.has(n.id)),
    changed: b.nodes.flatMap((n) => {
      const old = before.get(n.id);
      return old && old.status !== n.status ? [{ id: n.id, from: old.status, to: n.status, node: n }] : [];
    }),
    edgesAdded: b.edges.filter((e) => !beforeEdges.has(e.id)),
    edgesRemoved: a.edges.filter((e) => !afterEdges.has(e.id)),
  };
}
