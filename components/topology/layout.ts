import { LAYERS, NODE_KINDS } from '@/lib/wire/kinds';
import type { GraphEdge, GraphNode, NodeKind } from '@/lib/wire/topology';

/**
 * A layered layout fitted to the domain: one column per layer of the chain
 * (Service → EndpointSlice/StatefulSet → Pod → claim/config → volume → class), one
 * band per namespace, rows ordered by the barycenter of already-placed neighbours.
 * Stable across updates: order derives from parents (which keep their place) and natural
 * names, so a new ordinal slots in after its siblings and only what lies below moves down.
 * Pure and O(n log n): runs in a worker for large graphs.
 */
export interface Placed {
  id: string;
  x: number;
  y: number;
}

export interface LayoutInput {
  nodes: Array<Pick<GraphNode, 'id' | 'namespace' | 'name'> & { kind: NodeKind | 'Group'; memberKind?: NodeKind }>;
  edges: Array<Pick<GraphEdge, 'source' | 'target'>>;
  previous?: Record<string, { x: number; y: number }>;
}

export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>;
  bands: Array<{ namespace: string; y: number; height: number }>;
  width: number;
  height: number;
}

export const NODE_W = 190;
export const NODE_H = 46;
export const COL_GAP = 70;
export const ROW_GAP = 12;
export const BAND_GAP = 40;

/** A group sits in its members' column; every kind in the kinds table's. */
const GROUP_LAYER = NODE_KINDS.Pod.layer;
export { LAYERS };
/** The band of cluster-scoped objects no namespace reaches (its title is worded by labels.ts). */
export const CLUSTER_BAND = '(cluster)';

/** A group sits in its members' column. */
function layerOf(n: { kind: NodeKind | 'Group'; memberKind?: NodeKind }): number {
  const kind = n.kind === 'Group' ? n.memberKind : n.kind;
  return kind ? NODE_KINDS[kind].layer : GROUP_LAYER;
}

/** Trailing ordinals sort numerically: db-2 before db-10. */
function naturalKey(name: string): string {
  return name.replace(/\d+/g, (d) => d.padStart(8, '0'));
}

export function layout(input: LayoutInput): LayoutResult {
  const neighbours = new Map<string, string[]>();
  for (const e of input.edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source))?.push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target))?.push(e.source);
  }
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const bandOf = (n: LayoutInput['nodes'][number]): string => {
    if (n.namespace) return n.namespace;
    if (n.kind === 'StorageClass') return CLUSTER_BAND;
    const ns = (neighbours.get(n.id) ?? []).map((id) => byId.get(id)?.namespace).find(Boolean);
    return ns ?? CLUSTER_BAND;
  };
  const bands = new Map<string, Array<Array<LayoutInput['nodes'][number]>>>();
  for (const n of input.nodes) {
    const b = bandOf(n);
    if (!bands.has(b))
      bands.set(
        b,
        Array.from({ length: LAYERS }, () => []),
      );
    bands.get(b)?.[layerOf(n)].push(n);
  }
  const order = [...bands.keys()].sort((a, b) =>
    a === CLUSTER_BAND ? -1 : b === CLUSTER_BAND ? 1 : a.localeCompare(b),
  );
  const prev = input.previous ?? {};
  const rank = new Map<string, number>(); // placed nodes' y, for barycenters
  const positions: LayoutResult['positions'] = {};
  const outBands: LayoutResult['bands'] = [];
  let top = 0;
  for (const band of order) {
    const columns = bands.get(band) ?? [];
    let bandRows = 0;
    // Columns from the middle (pods) outwards use the previous column's placements.
    for (const col of [1, 0, 2, 3, 4, 5]) {
      const nodes = columns[col];
      // Order: by the barycenter of neighbours already placed (children follow their parent),
      // else by the previous position (keeps the first column still), then natural name order.
      const key = (n: LayoutInput['nodes'][number]): [number, string] => {
        const ys = (neighbours.get(n.id) ?? []).map((id) => rank.get(id)).filter((y): y is number => y !== undefined);
        if (ys.length) return [ys.reduce((a, b) => a + b, 0) / ys.length, naturalKey(n.name)];
        return [prev[n.id]?.y ?? Number.POSITIVE_INFINITY, naturalKey(n.name)];
      };
      const keyed = nodes.map((n) => ({ n, k: key(n) }));
      keyed.sort((a, b) => a.k[0] - b.k[0] || (a.k[1] < b.k[1] ? -1 : a.k[1] > b.k[1] ? 1 : 0));
      keyed.forEach(({ n }, i) => {
        const y = top + i * (NODE_H + ROW_GAP);
        positions[n.id] = { x: col * (NODE_W + COL_GAP), y };
        rank.set(n.id, y);
      });
      bandRows = Math.max(bandRows, nodes.length);
    }
    const height = Math.max(1, bandRows) * (NODE_H + ROW_GAP);
    outBands.push({ namespace: band, y: top, height });
    top += height + BAND_GAP;
  }
  return { positions, bands: outBands, width: LAYERS * (NODE_W + COL_GAP), height: Math.max(top, NODE_H) };
}
