import type { GraphEdge } from './topology';

interface Graph<N> {
  revision: number;
  nodes: N[];
  edges: GraphEdge[];
}

export interface Change<N> {
  revision: number;
  upsertNodes: N[];
  removeNodes: string[];
  upsertEdges: GraphEdge[];
  removeEdges: string[];
}

/** Whether a change (a topology's or a grouped view's) upserts or removes nothing. */
export function isEmptyChange<N>(c: Change<N>): boolean {
  return !c.upsertNodes.length && !c.removeNodes.length && !c.upsertEdges.length && !c.removeEdges.length;
}

/**
 * Folds a `change` event into a topology snapshot without mutating it (the browser's
 * query cache holds immutable values). Changes at or below the snapshot's revision
 * are ignored, so a replayed event cannot move the view backwards.
 */
export function applyChange<T extends Graph<{ id: string }>>(
  t: T,
  c: Change<T['nodes'][number]> & { grouped?: number },
): T {
  if (c.revision <= t.revision) return t;
  const nodes = new Map(t.nodes.map((n) => [n.id, n]));
  const edges = new Map<string, GraphEdge>(t.edges.map((e) => [e.id, e]));
  for (const id of c.removeNodes) nodes.delete(id);
  for (const id of c.removeEdges) edges.delete(id);
  for (const n of c.upsertNodes) nodes.set(n.id, n);
  for (const e of c.upsertEdges) edges.set(e.id, e);
  // A grouped view's change also carries how many nodes its groups hold now.
  return {
    ...t,
    ...(c.grouped !== undefined ? { grouped: c.grouped } : {}),
    revision: c.revision,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}
