/**
 * Level of detail for large graphs: the pods, claims and volumes of a StatefulSet are
 * drawn as three group nodes carrying counts per status; edges to the members go to the
 * groups instead. Small graphs are drawn as they are.
 */

import { HEALTH_RANK, worstHealth } from './health';
import type { TopologyScope } from './scope';
import type { GraphEdge, GraphNode, Health, NodeBase, NodeKind } from './topology';

export interface GroupNode extends NodeBase {
  kind: 'Group';
  /** The kind of its members, which decides its column. */
  memberKind: NodeKind;
  members: number;
  counts: Partial<Record<Health, number>>;
}

export type DrawnNode = GraphNode | GroupNode;

type GroupPart = 'pods' | 'claims' | 'volumes';
const MEMBER_KIND = { pods: 'Pod', claims: 'PersistentVolumeClaim', volumes: 'PersistentVolume' } as const;

export interface Drawn {
  nodes: DrawnNode[];
  edges: GraphEdge[];
  grouped: number;
}

/**
 * What the topology view draws, as the server sends it (`view=grouped`): the scope's graph
 * with large StatefulSets collapsed, so a 20,000-pod cluster arrives as thousands of nodes.
 */
export interface DrawnTopology {
  revision: number;
  nodes: DrawnNode[];
  edges: GraphEdge[];
  /** How many nodes are inside groups. */
  grouped: number;
}

export interface DrawnChange {
  revision: number;
  upsertNodes: DrawnNode[];
  removeNodes: string[];
  upsertEdges: GraphEdge[];
  removeEdges: string[];
  grouped: number;
}

/** A grouped view's scope: `problems` keeps only the nodes not ok and their direct neighbours, before grouping. */
export interface GroupedScope extends TopologyScope {
  problems?: boolean;
}

/** Above this many nodes a graph is grouped; sets of at least `minGroup` pods always are. */
export const GROUP_LIMITS = { maxNodes: 3000, minGroup: 25 } as const;

/** Each StatefulSet's members: its pods, its claims (from its templates or its pods), their volumes. */
function setMembers(edges: GraphEdge[]): Map<string, Map<GroupPart, string[]>> {
  const setOf = new Map<string, string>();
  const sets = new Map<string, Map<GroupPart, string[]>>();
  const add = (sts: string, part: GroupPart, id: string) => {
    setOf.set(id, sts);
    const parts = sets.get(sts) ?? sets.set(sts, new Map()).get(sts);
    const ids = parts?.get(part) ?? parts?.set(part, []).get(part);
    ids?.push(id);
  };
  for (const e of edges)
    if (e.kind === 'owns' && e.source.startsWith('StatefulSet/') && e.target.startsWith('Pod/'))
      add(e.source, 'pods', e.target);
  // Claims of the templates (orphans included) come from the set itself, the rest through their pod.
  for (const [kind, from, part] of [
    ['claims', 'StatefulSet/', 'claims'],
    ['claims', 'Pod/', 'claims'],
    ['binds', 'PersistentVolumeClaim/', 'volumes'],
  ] as const) {
    for (const e of edges) {
      if (e.kind !== kind || !e.source.startsWith(from) || setOf.has(e.target)) continue;
      const sts = from === 'StatefulSet/' ? e.source : setOf.get(e.source);
      if (sts) add(sts, part, e.target);
    }
  }
  return sets;
}

/**
 * Which sets to collapse: every set of at least `minGroup` pods, then, while the graph is
 * still over `maxNodes`, smaller ones, biggest first (a cluster of many small sets needs
 * that as much as one of a few big ones). A set of one pod is never worth a group.
 */
function chooseSets(
  total: number,
  sets: Map<string, Map<GroupPart, string[]>>,
  opts: { maxNodes: number; minGroup: number },
): string[] {
  const size = (parts: Map<GroupPart, string[]>) => [...parts.values()].reduce((a, m) => a + m.length, 0);
  const bySize = [...sets]
    .map(([sts, parts]) => ({ sts, pods: parts.get('pods')?.length ?? 0, saves: size(parts) - parts.size }))
    .sort((a, b) => b.pods - a.pods || (a.sts < b.sts ? -1 : 1));
  const chosen: string[] = [];
  for (const s of bySize) {
    if (s.pods < 2 || (s.pods < opts.minGroup && total <= opts.maxNodes)) break;
    chosen.push(s.sts);
    total -= s.saves;
  }
  return chosen;
}

export function groupLarge(
  nodes: GraphNode[],
  edges: GraphEdge[],
  opts: { maxNodes: number; minGroup: number },
): Drawn {
  if (nodes.length <= opts.maxNodes) return { nodes, edges, grouped: 0 };
  const sets = setMembers(edges);
  const groupOf = new Map<string, string>();
  for (const sts of chooseSets(nodes.length, sets, opts)) {
    for (const [part, ids] of sets.get(sts) ?? [])
      for (const id of ids) groupOf.set(id, `Group/${sts.slice('StatefulSet/'.length)}/${part}`);
  }
  const groups = new Map<string, GroupNode>();
  const out: DrawnNode[] = [];
  for (const n of nodes) {
    const g = groupOf.get(n.id);
    if (!g) {
      out.push(n);
      continue;
    }
    let gn = groups.get(g);
    if (!gn) {
      const [, ns, sts, what] = g.split('/') as [string, string, string, GroupPart];
      gn = {
        id: g,
        kind: 'Group',
        memberKind: MEMBER_KIND[what],
        namespace: ns,
        name: `${sts} ${what}`,
        status: 'ok',
        members: 0,
        counts: {},
      };
      groups.set(g, gn);
      out.push(gn);
    }
    gn.members += 1;
    gn.counts = { ...gn.counts, [n.status]: (gn.counts[n.status] ?? 0) + 1 };
    gn.status = worstHealth([gn.status, n.status]);
  }
  for (const g of groups.values()) {
    const c = g.counts;
    g.reason = `${g.members} objects: ${(Object.keys(c) as Health[])
      .sort((a, b) => HEALTH_RANK[b] - HEALTH_RANK[a])
      .map((s) => `${c[s]} ${s}`)
      .join(', ')}`;
  }
  const seen = new Map<string, GraphEdge>();
  for (const e of edges) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    if (source === target) continue;
    const id = `${e.kind}:${source}->${target}`;
    const prev = seen.get(id);
    seen.set(id, { ...e, id, source, target, drift: (prev?.drift ?? false) || e.drift || undefined });
  }
  return { nodes: out, edges: [...seen.values()], grouped: groupOf.size };
}
