/**
 * What a view asks the server for: one namespace or the cluster, and optionally only some
 * node kinds. A list page needs its own kind only (1,000 StatefulSets, not the 70,000 nodes
 * of a 20,000-pod cluster), so the server filters before it serializes and the browser
 * parses a fraction. Edges are kept when both their ends are kept.
 */

import { isNodeKind, NODE_KIND_LIST, parseNodeId, type NodeKind } from './kinds';
import type { GraphEdge, GraphNode, Topology, TopologyChange } from './topology';

export interface TopologyScope {
  namespace?: string;
  /** Sorted, without repeats; absent means every kind. */
  kinds?: NodeKind[];
}

/** The canonical `kinds` list: sorted by the kinds table, no repeats; undefined for every kind. */
export function normalizeKinds(kinds: readonly NodeKind[] | undefined): NodeKind[] | undefined {
  if (!kinds) return undefined;
  const set = new Set(kinds);
  const out = NODE_KIND_LIST.filter((k) => set.has(k));
  return out.length === NODE_KIND_LIST.length ? undefined : out;
}

/** `kinds` as a query value (`StatefulSet,Service`), or undefined for every kind. */
export function kindsParam(kinds: readonly NodeKind[] | undefined): string | undefined {
  return normalizeKinds(kinds)?.join(',');
}

/** Parses a `kinds` query value; the unknown names, when any, instead of a list. */
export function parseKindsParam(raw: string): { kinds: NodeKind[] } | { unknown: string[] } {
  const names = raw.split(',').filter(Boolean);
  const unknown = names.filter((k) => !isNodeKind(k));
  if (unknown.length || names.length === 0) return { unknown: unknown.length ? unknown : [raw] };
  return { kinds: normalizeKinds(names.filter(isNodeKind)) ?? [...NODE_KIND_LIST] };
}

/** One string per scope, for caches and stream keys. */
export function scopeKey(s: TopologyScope): string {
  return `${s.namespace ?? '*'}|${kindsParam(s.kinds) ?? '*'}`;
}

/** The ends of an edge, from its id (`kind:source->target`); node ids hold neither `:` nor `->`. */
export function edgeEnds(edgeId: string): { source: string; target: string } {
  const colon = edgeId.indexOf(':');
  const arrow = edgeId.indexOf('->', colon);
  return { source: edgeId.slice(colon + 1, arrow), target: edgeId.slice(arrow + 2) };
}

/** A predicate over node ids for a kinds list; undefined when every kind is kept. */
function keeper(kinds: readonly NodeKind[] | undefined): ((id: string) => boolean) | undefined {
  if (!kinds) return undefined;
  const set = new Set<string>(kinds);
  return (id) => set.has(parseNodeId(id)?.kind ?? '');
}

const keepEdge = (keep: (id: string) => boolean) => (e: GraphEdge) => keep(e.source) && keep(e.target);
const keepNode = (kinds: readonly NodeKind[]) => {
  const set = new Set<string>(kinds);
  return (n: GraphNode) => set.has(n.kind);
};

/** The topology restricted to some kinds (the same object when every kind is kept). */
export function filterTopology(t: Topology, kinds: readonly NodeKind[] | undefined): Topology {
  const keep = keeper(kinds);
  if (!keep || !kinds) return t;
  return { revision: t.revision, nodes: t.nodes.filter(keepNode(kinds)), edges: t.edges.filter(keepEdge(keep)) };
}

/** A change restricted to some kinds (the same object when every kind is kept). */
export function filterChange(c: TopologyChange, kinds: readonly NodeKind[] | undefined): TopologyChange {
  const keep = keeper(kinds);
  if (!keep || !kinds) return c;
  return {
    revision: c.revision,
    upsertNodes: c.upsertNodes.filter(keepNode(kinds)),
    removeNodes: c.removeNodes.filter(keep),
    upsertEdges: c.upsertEdges.filter(keepEdge(keep)),
    removeEdges: c.removeEdges.filter((id) => {
      const { source, target } = edgeEnds(id);
      return keep(source) && keep(target);
    }),
  };
}

/**
 * The scope a topology request's query names (`namespace`, `kinds`), or why it names none;
 * `isNamespace` is the namespace name rule. Repeated and unknown parameters are the caller's
 * to refuse.
 */
export function parseScope(
  params: URLSearchParams,
  isNamespace: (s: string) => boolean,
): TopologyScope | { error: string } {
  const namespace = params.get('namespace') ?? undefined;
  if (namespace !== undefined && !isNamespace(namespace))
    return { error: 'namespace must be a valid Kubernetes namespace name (a DNS-1123 label of at most 63 characters)' };
  const raw = params.get('kinds');
  if (raw === null) return { namespace };
  const parsed = parseKindsParam(raw);
  // The unknown names are not echoed back: they are the caller's text.
  if ('unknown' in parsed)
    return { error: `kinds must be node kinds separated by commas (${NODE_KIND_LIST.join(', ')})` };
  return { namespace, kinds: normalizeKinds(parsed.kinds) };
}
