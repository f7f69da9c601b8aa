import 'server-only';
import { filterGraph } from '@/lib/wire/filter';
import { groupLarge, GROUP_LIMITS } from '@/lib/wire/group';
import type { TopologyScope } from '@/lib/wire/scope';
import { filterTopology } from '@/lib/wire/scope';
import type { HistoryStore } from '../audit/store';
import { diffGraphs, storesAt, type TopologyDiff } from '../audit/travel';
import type { Runtime } from '../runtime';
import { buildGraph, type Graph } from '../topology/graph';

/** The graph as the history recorded the cluster at `at`, by the live derivations (revision 0: not a live revision). */
export function graphAt(rt: Runtime, store: HistoryStore, at: string, namespace?: string): Graph & { objects: number } {
  const { stores, objects } = storesAt(store, rt.context, at);
  return { ...buildGraph(stores, { namespace }, Date.parse(at)), objects };
}

/** `/api/v1/topology?at=`: the answer of today's route for that time, with `at` and how many objects it was built from. */
export function topologyAt(rt: Runtime, store: HistoryStore, at: string, scope: TopologyScope, grouped: { problems: boolean } | undefined) {
  const g = graphAt(rt, store, at, scope.namespace);
  const t = filterTopology({ revision: 0, nodes: g.nodes, edges: g.edges }, scope.kinds);
  if (!grouped) return { ...t, at, objects: g.objects };
  const shown = grouped.problems ? filterGraph(t, { problemsOnly: true }) : t;
  return { revision: 0, ...groupLarge(shown.nodes, shown.edges, GROUP_LIMITS), at, objects: g.objects };
}

export function topologyDiffBetween(rt: Runtime, store: HistoryStore, from: string, to: string, namespace?: string): TopologyDiff & { from: string; to: string } {
  return { from, to, ...diffGraphs(graphAt(rt, store, from, namespace), graphAt(rt, store, to, namespace)) };
}
