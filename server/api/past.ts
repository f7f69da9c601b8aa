import 'server-only';
import { filterGraph } from '@/lib/wire/filter';
import { groupLarge, GROUP_LIMITS } from '@/lib/wire/group';
import type { RelatedChanges } from '@/lib/wire/history';
import type { TopologyScope } from '@/lib/wire/scope';
import { filterTopology } from '@/lib/wire/scope';
import type { HistoryReader } from '../audit/reader';
import { BadInput } from './http';
import { diffGraphs, storesAt, type TopologyDiff } from '../audit/travel';
import type { Runtime } from '../runtime';
import { buildGraph, type Graph } from '../topology/graph';
import { restrictStores } from '../cache/restrict';

/**
 * The most objects rebuilt for one past view: every one is parsed and derived in this process,
 * and a 100k-pod cluster's 350,000 on top of its live cache would exhaust the heap.
 */
export const MAX_PAST_OBJECTS = 150_000;

/** The graph as the history recorded the cluster at `at`, by the live derivations (revision 0: not a live revision). */
export function graphAt(rt: Runtime, store: HistoryReader, at: string, namespace?: string): Graph & { objects: number } {
  const floor = store.retainedFrom();
  if (floor && at < floor) throw new BadInput(`${at} is before the oldest time the history keeps (${floor})`);
  const size = store.objectCount(namespace);
  if (size > MAX_PAST_OBJECTS) {
    const scope = namespace ? `namespace ${namespace} (with the cluster-scoped objects)` : 'the whole cluster';
    throw new BadInput(
      `${scope} at a past time is ${size.toLocaleString('en')} objects, more than ${MAX_PAST_OBJECTS.toLocaleString('en')} rebuilt at once: choose a namespace`,
    );
  }
  // Unchanged objects are taken from the live cache when it holds the same version (no parse).
  const live = rt.mode === 'live' ? rt.cache.stores : undefined;
  const past = storesAt(store, at, namespace, live);
  // A viewer sees the past by today's access, as the live view.
  const stores = rt.viewer && !rt.viewer.all ? restrictStores(past.stores, rt.viewer.sees) : past.stores;
  return { ...buildGraph(stores, { namespace }, Date.parse(at)), objects: past.objects };
}

/** `/api/v1/topology?at=`: the answer of today's route for that time, with `at` and how many objects it was built from. */
export function topologyAt(
  rt: Runtime,
  store: HistoryReader,
  at: string,
  scope: TopologyScope,
  grouped: { problems: boolean } | undefined,
) {
  const g = graphAt(rt, store, at, scope.namespace);
  const t = filterTopology({ revision: 0, nodes: g.nodes, edges: g.edges }, scope.kinds);
  if (!grouped) return { ...t, at, objects: g.objects };
  const shown = grouped.problems ? filterGraph(t, { problemsOnly: true }) : t;
  return { revision: 0, ...groupLarge(shown.nodes, shown.edges, GROUP_LIMITS), at, objects: g.objects };
}

export function topologyDiffBetween(
  rt: Runtime,
  store: HistoryReader,
  from: string,
  to: string,
  namespace?: string,
): TopologyDiff & { from: string; to: string } {
  return { from, to, ...diffGraphs(graphAt(rt, store, from, namespace), graphAt(rt, store, to, namespace)) };
}

/** How far back "what changed before this" looks. */
export const RELATED_WINDOW_MS = 60 * 60 * 1000;

/**
 * `/history/related`: the object and its topology neighbours at `at` (the live graph when
 * absent), with their recorded changes in the hour before, newest first.
 */
export function relatedChanges(
  rt: Runtime,
  store: HistoryReader,
  ref: { kind: string; namespace?: string; name: string },
  at?: string,
): RelatedChanges {
  const when = at ?? new Date().toISOString();
  const graph = at ? graphAt(rt, store, at, ref.namespace) : rt.engine.snapshot(ref.namespace);
  const id = ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const neighbourIds = new Set(
    graph.edges.flatMap((e) => (e.source === id ? [e.target] : e.target === id ? [e.source] : [])),
  );
  const neighbours = [...neighbourIds].flatMap((n) => byId.get(n) ?? []);
  const since = new Date(Date.parse(when) - RELATED_WINDOW_MS).toISOString();
  const subjects = [
    { kind: ref.kind, namespace: ref.namespace, name: ref.name },
    ...neighbours.map((n) => ({ kind: n.kind, namespace: n.namespace, name: n.name })),
  ];
  const changes = subjects
    .flatMap(
      (o) =>
        store.query({ kind: o.kind, namespace: o.namespace, name: o.name, since, until: when, limit: 200 }).entries,
    )
    .sort((a, b) => b.id - a.id);
  return { at: when, since, object: byId.get(id) ?? null, neighbours, changes };
}
