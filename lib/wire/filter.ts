import { NODE_KIND_LIST, type NodeKind } from './kinds';
import type { GraphEdge, GraphNode, Health } from './topology';
import type { DrawnNode } from './group';

/** The kind filter's choices, in the kinds table's order. */
export const GRAPH_KINDS: readonly NodeKind[] = NODE_KIND_LIST;

const PROBLEM: ReadonlySet<Health> = new Set(['error', 'warning', 'progressing']);

export interface GraphFilter {
  /** Absent: every kind. */
  kinds?: ReadonlySet<string>;
  problemsOnly: boolean;
}

/**
 * What the topology view draws of a graph: the chosen kinds, and with "problems only" the
 * nodes not ok plus their direct neighbours (so a problem keeps its context, and nothing
 * further: the neighbours are taken from the problems alone, whatever the edge order).
 * Edges are kept when both ends are.
 */
export function filterGraph(
  g: { nodes: GraphNode[]; edges: GraphEdge[] },
  f: GraphFilter,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const kinds = f.kinds;
  let nodes = kinds ? g.nodes.filter((n) => kinds.has(n.kind)) : g.nodes;
  if (f.problemsOnly) {
    const visible = new Set(nodes.map((n) => n.id));
    const problems = new Set(nodes.filter((n) => PROBLEM.has(n.status)).map((n) => n.id));
    const keep = new Set(problems);
    for (const e of g.edges) {
      if (!visible.has(e.source) || !visible.has(e.target)) continue;
      if (problems.has(e.source)) keep.add(e.target);
      if (problems.has(e.target)) keep.add(e.source);
    }
    nodes = nodes.filter((n) => keep.has(n.id));
  }
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** Ids of the drawn nodes whose `namespace/name kind` contains the query (any case); null for no query. */
export function searchGraph(nodes: readonly DrawnNode[], query: string): Set<string> | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  return new Set(
    nodes.filter((n) => `${n.namespace ?? ''}/${n.name} ${n.kind}`.toLowerCase().includes(q)).map((n) => n.id),
  );
}

/** The kinds in a `kinds=` URL value; empty means all. */
export function parseKinds(param: string): Set<string> {
  return new Set(param ? param.split(',') : GRAPH_KINDS);
}
