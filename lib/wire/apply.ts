import type { GraphEdge, GraphNode, Topology, TopologyChange } from './topology';

/**
 * Folds a `change` event into a topology snapshot without mutating it (the browser's
 * query cache holds immutable values). Changes at or below the snapshot's revision
 * are ignored, so a replayed event cannot move the view backwards.
 */
export function applyChange(t: Topology, c: TopologyChange): Topology {
  if (c.revision <= t.revision) return t;
  const nodes = new Map<string, GraphNode>(t.nodes.map((n) => [n.id, n]));
  const edges = new Map<string, GraphEdge>(t.edges.map((e) => [e.id, e]));
  for (const id of c.removeNodes) nodes.delete(id);
  for (const id of c.removeEdges) edges.delete(id);
  for (const n of c.upsertNodes) nodes.set(n.id, n);
  for (const e of c.upsertEdges) edges.set(e.id, e);
  return { revision: c.revision, nodes: [...nodes.values()], edges: [...edges.values()] };
}
