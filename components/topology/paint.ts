import type { Health } from '@/lib/wire/topology';
import type { GraphProps } from './GraphSvg';
import type { DrawnNode } from './group';
import { NODE_H, NODE_W, type LayoutResult } from './layout';
import { edgeCurve, KIND_ABBR, truncate } from './shapes';

/** Theme colors resolved to values the canvas understands. */
export type Palette = Record<Health | 'panel' | 'border' | 'fg' | 'edge' | 'drift' | 'band' | 'muted', string>;

export type Scene = Omit<GraphProps, 'onSelect'> & { size: { width: number; height: number } };

/** Names are drawn only from this zoom on; below it they could not be read. */
const READABLE_K = 0.45;

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
  paintBands(ctx, s.layout, color, offY);
  paintEdges(ctx, s, color, offY);
  const visible = s.nodes.filter((n) => {
    const p = s.layout.positions[n.id];
    return p && !offY(p.y, p.y + NODE_H) && p.x <= x1 && p.x + NODE_W >= x0;
  });
  paintNodes(ctx, visible, s, color);
  ctx.restore();
}

/** Namespace bands as the SVG renderer draws them, so both pictures read the same. */
function paintBands(ctx: CanvasRenderingContext2D, layout: LayoutResult, color: Palette, offY: (a: number, b: number) => boolean): void {
  ctx.font = 'bold 13px system-ui, sans-serif';
  for (const b of layout.bands) {
    if (offY(b.y - 26, b.y + b.height)) continue;
    ctx.fillStyle = color.band;
    ctx.fillRect(-20, b.y - 26, layout.width + 20, b.height + 30);
    ctx.fillStyle = color.muted;
    ctx.fillText(b.namespace, -8, b.y - 8);
  }
}

function paintEdges(ctx: CanvasRenderingContext2D, s: Scene, color: Palette, offY: (a: number, b: number) => boolean): void {
  const pos = s.layout.positions;
  ctx.lineWidth = 1 / s.transform.k;
  for (const e of s.edges) {
    const a = pos[e.source];
    const b = pos[e.target];
    // A bezier between two rows stays within their vertical span.
    if (!a || !b || offY(Math.min(a.y, b.y), Math.max(a.y, b.y) + NODE_H)) continue;
    ctx.strokeStyle = e.drift ? color.drift : color.edge;
    ctx.globalAlpha = s.matches && !(s.matches.has(e.source) || s.matches.has(e.target)) ? 0.1 : 0.6;
    const [x1, y1, c1x, c1y, c2x, c2y, x2, y2] = edgeCurve(a, b);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.bezierCurveTo(c1x, c1y, c2x, c2y, x2, y2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

function paintNodes(ctx: CanvasRenderingContext2D, nodes: DrawnNode[], s: Scene, color: Palette): void {
  const readable = s.transform.k > READABLE_K;
  ctx.font = '12px system-ui, sans-serif';
  for (const n of nodes) {
    const p = s.layout.positions[n.id];
    ctx.globalAlpha = s.matches && !s.matches.has(n.id) ? 0.2 : 1;
    ctx.fillStyle = color.panel;
    ctx.strokeStyle = n.id === s.selected ? color.fg : color.border;
    ctx.lineWidth = (n.id === s.selected ? 3 : 1) / s.transform.k;
    ctx.fillRect(p.x, p.y, NODE_W, NODE_H);
    ctx.strokeRect(p.x, p.y, NODE_W, NODE_H);
    ctx.fillStyle = color[n.status];
    ctx.fillRect(p.x, p.y, 6, NODE_H);
    if (readable) {
      ctx.fillStyle = color.fg;
      ctx.fillText(`${KIND_ABBR[n.kind] ?? n.kind}  ${truncate(n.name, 22)}`, p.x + 12, p.y + 18);
      ctx.fillStyle = color[n.status];
      ctx.fillText(truncate(n.reason ?? n.status, 28), p.x + 12, p.y + 36);
    }
  }
  ctx.globalAlpha = 1;
}
