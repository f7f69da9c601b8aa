import type { Health } from '@/lib/wire/topology';
import type { GraphProps } from './GraphSvg';
import type { DrawnNode } from '@/lib/wire/group';
import { NODE_H, NODE_W } from './layout';
import { textWidth } from './measure';
import { bandCounts, BAND_FONT, canvasFont, edgeCurve, KIND_ABBR, stale, STALE_BADGE } from './shapes';
// Names are drawn only from this zoom on; below it they could not be read (the SVG's rule too).
import { READABLE_K } from './viewport';

/** Theme colors resolved to values the canvas understands. */
export type Palette = Record<Health | 'panel' | 'border' | 'fg' | 'edge' | 'drift' | 'band' | 'muted', string>;

export type Scene = Omit<GraphProps, 'onSelect'> & { size: { width: number; height: number } };

/**
 * Below the readable zoom, more edges than this in view are thinned to those of problems,
 * drift, the selection and search matches: thousands of curves across a whole cluster are a
 * hairball nobody reads, and rasterizing them took over a second per frame.
 */
export const EDGE_BUDGET = 3000;

/**
 * Paints the scene on a canvas whose context already maps CSS pixels. Only what is in
 * view is drawn: a pan at 20,000 pods touches a screenful, not the whole cluster.
 */
export function paint(ctx: CanvasRenderingContext2D, s: Scene, color: Palette): void {
  const { transform: t } = s;
  ctx.clearRect(0, 0, s.size.width, s.size.height);
  ctx.save();
  ctx.translate(t.x, t.y);
  ctx.scale(t.k, t.k);
  const y0 = -t.y / t.k;
  const y1 = (s.size.height - t.y) / t.k;
  const x0 = -t.x / t.k;
  const x1 = (s.size.width - t.x) / t.k;
  const offY = (top: number, bottom: number) => bottom < y0 || top > y1;
  paintBands(ctx, s, color, offY);
  const thinned = paintEdges(ctx, s, color, offY);
  const visible = s.nodes.filter((n) => {
    const p = s.layout.positions[n.id];
    return p && !offY(p.y, p.y + NODE_H) && p.x <= x1 && p.x + NODE_W >= x0;
  });
  paintNodes(ctx, visible, s, color);
  paintBandTitles(ctx, s, color, offY);
  ctx.restore();
  if (thinned) {
    ctx.font = canvasFont(12);
    ctx.fillStyle = color.muted;
    ctx.fillText(s.labels.edgesHidden(thinned), 12, s.size.height - 12);
  }
}

/**
 * Namespace bands as the SVG renderer draws them, so both pictures read the same: zoomed out
 * past legible names, each band's title says what it holds, at a legible size.
 */
function paintBands(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  color: Palette,
  offY: (a: number, b: number) => boolean,
): void {
  const { layout } = s;
  for (const b of layout.bands) {
    if (offY(b.y - 26, b.y + b.height)) continue;
    ctx.fillStyle = color.band;
    ctx.fillRect(-20, b.y - 26, layout.width + 20, b.height + 30);
  }
}

/** Band titles, over the nodes: a far title lies across its band's first rows. */
function paintBandTitles(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  color: Palette,
  offY: (a: number, b: number) => boolean,
): void {
  const { layout } = s;
  const k = s.transform.k;
  const far = k < READABLE_K;
  const counts = far ? bandCounts(s.nodes, layout) : undefined;
  ctx.font = far ? canvasFont(BAND_FONT / k, true) : canvasFont(13, true);
  for (const b of layout.bands) {
    if (offY(b.y - 26, b.y + b.height)) continue;
    ctx.fillStyle = far ? color.fg : color.muted;
    ctx.fillText(s.labels.bandTitle(b.namespace, counts?.get(b.namespace)), -8, far ? b.y + BAND_FONT / k : b.y - 8);
  }
}

/**
 * Edges in one path per style (plain or drift, matched or dimmed): a stroke per edge is what
 * made a whole-cluster frame take a second and more in a software-rendered canvas.
 */
function paintEdges(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  color: Palette,
  offY: (a: number, b: number) => boolean,
): number {
  const pos = s.layout.positions;
  ctx.lineWidth = 1 / s.transform.k;
  const paths = new Map<string, Path2D>();
  // A bezier between two rows stays within their vertical span.
  const inView = s.edges.filter((e) => {
    const a = pos[e.source];
    const b = pos[e.target];
    return a && b && !offY(Math.min(a.y, b.y), Math.max(a.y, b.y) + NODE_H);
  });
  const drawn = inView.length > EDGE_BUDGET && s.transform.k <= READABLE_K ? importantEdges(inView, s) : inView;
  for (const e of drawn) {
    const a = pos[e.source];
    const b = pos[e.target];
    const dim = !!s.matches && !(s.matches.has(e.source) || s.matches.has(e.target));
    const key = `${e.drift ? 'drift' : 'edge'}|${dim ? 0.1 : 0.6}`;
    let path = paths.get(key);
    if (!path) paths.set(key, (path = new Path2D()));
    const [x1, y1, c1x, c1y, c2x, c2y, x2, y2] = edgeCurve(a, b);
    path.moveTo(x1, y1);
    path.bezierCurveTo(c1x, c1y, c2x, c2y, x2, y2);
  }
  for (const [key, path] of paths) {
    const [style, alpha] = key.split('|');
    ctx.strokeStyle = style === 'drift' ? color.drift : color.edge;
    ctx.globalAlpha = Number(alpha);
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
  return inView.length - drawn.length;
}

/** The edges worth drawing when there are too many: drift, and those touching a problem, the selection or a match. */
function importantEdges(edges: Scene['edges'], s: Scene): Scene['edges'] {
  const important = new Set(s.nodes.filter((n) => n.status === 'error' || n.status === 'warning').map((n) => n.id));
  if (s.selected) important.add(s.selected);
  for (const id of s.matches ?? []) important.add(id);
  return edges.filter((e) => e.drift || important.has(e.source) || important.has(e.target)).slice(0, EDGE_BUDGET);
}

/** Nodes in a few batched passes (boxes, borders, status bars by color), then names when readable. */
function paintNodes(ctx: CanvasRenderingContext2D, nodes: DrawnNode[], s: Scene, color: Palette): void {
  const pos = s.layout.positions;
  const k = s.transform.k;
  for (const dim of [true, false]) {
    const group = nodes.filter((n) => (!!s.matches && !s.matches.has(n.id)) === dim);
    if (group.length === 0) continue;
    ctx.globalAlpha = dim ? 0.2 : 1;
    const boxes = new Path2D();
    const bars = new Map<string, Path2D>();
    for (const n of group) {
      const p = pos[n.id];
      boxes.rect(p.x, p.y, NODE_W, NODE_H);
      let bar = bars.get(n.status);
      if (!bar) bars.set(n.status, (bar = new Path2D()));
      bar.rect(p.x, p.y, 6, NODE_H);
    }
    ctx.fillStyle = color.panel;
    ctx.fill(boxes);
    ctx.strokeStyle = color.border;
    ctx.lineWidth = 1 / k;
    ctx.stroke(boxes);
    for (const [status, bar] of bars) {
      ctx.fillStyle = color[status as Health];
      ctx.fill(bar);
    }
    paintStale(ctx, group, s, color);
    if (k > READABLE_K) paintNames(ctx, group, s, color);
  }
  const sel = s.selected ? pos[s.selected] : undefined;
  if (sel && nodes.some((n) => n.id === s.selected)) {
    ctx.globalAlpha = 1;
    ctx.strokeStyle = color.fg;
    ctx.lineWidth = 3 / k;
    ctx.strokeRect(sel.x, sel.y, NODE_W, NODE_H);
  }
  ctx.globalAlpha = 1;
}

/** The stale-config badge where the SVG draws it; at any zoom, so drift stays findable from afar. */
function paintStale(ctx: CanvasRenderingContext2D, nodes: DrawnNode[], s: Scene, color: Palette): void {
  const badges = new Path2D();
  const { w, h } = STALE_BADGE;
  const staleNodes = nodes.filter(stale);
  for (const n of staleNodes) {
    const p = s.layout.positions[n.id];
    badges.rect(p.x + NODE_W - w - 6, p.y + NODE_H - h - 5, w, h);
  }
  if (staleNodes.length === 0) return;
  ctx.fillStyle = color.drift;
  ctx.fill(badges);
  if (s.transform.k <= READABLE_K) return;
  ctx.font = canvasFont(9, true);
  ctx.fillStyle = color.panel;
  ctx.textAlign = 'center';
  for (const n of staleNodes) {
    const p = s.layout.positions[n.id];
    ctx.fillText(s.labels.staleBadge, p.x + NODE_W - w / 2 - 6, p.y + NODE_H - h + 6);
  }
  ctx.textAlign = 'start';
}

const NAME_FONT = canvasFont(12);

function paintNames(ctx: CanvasRenderingContext2D, nodes: DrawnNode[], s: Scene, color: Palette): void {
  ctx.font = NAME_FONT;
  for (const n of nodes) {
    const p = s.layout.positions[n.id];
    ctx.fillStyle = color.fg;
    const abbr = `${KIND_ABBR[n.kind] ?? n.kind}  `;
    const nameAt = textWidth(abbr, NAME_FONT);
    ctx.fillText(`${abbr}${s.labels.fitName(n.name, NODE_W - 20 - nameAt, NAME_FONT)}`, p.x + 12, p.y + 18);
    ctx.fillStyle = color[n.status];
    // Fitted by width in the locale's text (measure.ts), beside the stale badge when there is one.
    ctx.fillText(
      s.labels.fit(s.labels.subtitle(n), NODE_W - 20 - (stale(n) ? STALE_BADGE.w + 6 : 0), NAME_FONT),
      p.x + 12,
      p.y + 36,
    );
    ctx.font = NAME_FONT;
  }
}
