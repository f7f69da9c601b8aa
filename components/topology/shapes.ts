import { NODE_KIND_LIST, NODE_KINDS, type NodeKind } from '@/lib/wire/kinds';
import type { DrawnNode } from '@/lib/wire/group';
import { bisector } from 'd3-array';
import { inTrouble } from '@/lib/wire/health';
import { NODE_H, NODE_W, type LayoutResult } from './layout';

/** The label on a node: the kinds table's abbreviation; GRP for a group. */
export const KIND_ABBR: Record<NodeKind | 'Group', string> = {
  ...(Object.fromEntries(NODE_KIND_LIST.map((k) => [k, NODE_KINDS[k].abbr])) as Record<NodeKind, string>),
  Group: 'GRP',
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

/** A pod that runs an older version of a ConfigMap or Secret it consumes: badged in both renderers. */
export function stale(n: DrawnNode): boolean {
  return n.kind === 'Pod' && !!n.info.staleConfig;
}

/** The stale-config badge's box; its text is the locale's (labels.ts). */
export const STALE_BADGE = { w: 30, h: 15 };

/**
 * The canvas's font families, the page's stack (app/globals.css :root) in the same order: Latin faces first, then
 * the CJK faces each platform ships, so a canvas label measures and draws with the glyphs the SVG and HTML use.
 */
export const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Hiragino Sans GB', " +
  "'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
/** A canvas font string: `px` pixels of the page's stack, optionally bold. */
export const canvasFont = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px ${FONT_STACK}`;

/** The node's second line as the SVG draws it (`.node-sub`: 11px), fitted beside the stale badge when it has one. */
export const SUB_FONT = canvasFont(11);

/** The node's name as the SVG draws it (`.node-name`: 13px, 600; measured bold, never narrower), after the kind. */
export const NAME_FONT = canvasFont(13, true);
export const NAME_X = 48;
export const nameWidth = NODE_W - NAME_X - 8;
export const subWidth = (staleBadge: boolean) => NODE_W - 22 - (staleBadge ? STALE_BADGE.w + 6 : 0);

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
