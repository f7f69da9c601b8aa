import { middle } from '@/lib/text';
import { NODE_KIND_LIST, NODE_KINDS, type NodeKind } from '@/lib/wire/kinds';
import type { DrawnNode } from '@/lib/wire/group';
import type { EdgeKind } from '@/lib/wire/topology';
import { bisector } from 'd3-array';
import { inTrouble } from '@/lib/wire/health';
import { NODE_H, NODE_W, type LayoutResult } from './layout';

/** The label on a node: the kinds table's abbreviation; GRP for a group. */
export const KIND_ABBR: Record<NodeKind | 'Group', string> = { ...(Object.fromEntries(NODE_KIND_LIST.map((k) => [k, NODE_KINDS[k].abbr])) as Record<NodeKind, string>), Group: 'GRP' };

export const EDGE_LABEL: Record<EdgeKind, string> = {
  owns: 'owns',
  claims: 'claims',
  binds: 'binds',
  provisions: 'provisions',
  mounts: 'mounts',
  selects: 'selects',
  serves: 'serves',
  endpoint: 'endpoint',
  governs: 'governs',
};

/** A cubic bezier: start, two control points, end. */
export type Curve = [number, number, number, number, number, number, number, number];

/** A horizontal S-curve from the right edge of the left node to the left edge of the right one. */
export function edgeCurve(a: { x: number; y: number }, b: { x: number; y: number }): Curve {
  const [l, r] = a.x <= b.x ? [a, b] : [b, a];
  const x1 = l.x + NODE_W;
  const y1 = l.y + NODE_H / 2;
  const x2 = r.x;
  const y2 = r.y + NODE_H / 2;
  if (x2 <= x1) {
    // Same column: a loop out to the right.
    const bulge = x1 + 40;
    return [x1, y1, bulge, y1, bulge, y2, x1, y2];
  }
  const mx = (x1 + x2) / 2;
  return [x1, y1, mx, y1, mx, y2, x2, y2];
}

/** The same curve as an SVG path. */
export function edgePath(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const [x1, y1, c1x, c1y, c2x, c2y, x2, y2] = edgeCurve(a, b);
  return `M${x1},${y1} C${c1x},${c1y} ${c2x},${c2y} ${x2},${y2}`;
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A node's name on its label: cut in the middle, so the ordinal suffix of pods and claims stays visible. */
export function labelName(s: string, max: number): string {
  return middle(s, max);
}

/** A pod that runs an older version of a ConfigMap or Secret it consumes: badged in both renderers. */
export function stale(n: DrawnNode): boolean {
  return n.kind === 'Pod' && !!n.info.staleConfig;
}

export const STALE_TEXT = 'runs an older ConfigMap or Secret (stale config)';
export const STALE_BADGE = { text: 'CFG', w: 30, h: 15 };

/** On-screen size of a band's title when zoomed out past legible names. */
export const BAND_FONT = 14;

export interface BandCount {
  objects: number;
  problems: number;
}

/** Objects and those not ok per band, each node counted in the band the layout put it in. */
export function bandCounts(nodes: readonly DrawnNode[], layout: LayoutResult): Map<string, BandCount> {
  const out = new Map<string, BandCount>();
  const bands = [...layout.bands].sort((a, b) => a.y - b.y);
  for (const n of nodes) {
    const y = layout.positions[n.id]?.y;
    if (y === undefined) continue;
    const band = bands[bisector<(typeof bands)[number], number>((b) => b.y).right(bands, y) - 1];
    if (!band) continue;
    const c = out.get(band.namespace) ?? { objects: 0, problems: 0 };
    out.set(band.namespace, c);
    c.objects += n.kind === 'Group' ? n.members : 1;
    if (inTrouble(n.status)) c.problems++;
  }
  return out;
}

export function bandTitle(namespace: string, c: BandCount | undefined): string {
  if (!c) return namespace;
  return `${namespace} · ${c.objects} objects${c.problems ? ` · ${c.problems} with problems` : ''}`;
}
