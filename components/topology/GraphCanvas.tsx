'use client';

import { useEffect, useRef } from 'react';
import type { GraphProps } from './GraphSvg';
import { NODE_H, NODE_W } from './layout';
import { KIND_ABBR, truncate } from './shapes';

/**
 * Canvas for large graphs (SVG stops being smooth at a few thousand nodes). Level of
 * detail: names only when zoomed in enough to read them. An accessible, visually
 * hidden list mirrors the drawn nodes (with data-node-id/data-status) for keyboard
 * and screen-reader users.
 */
/** A theme color as the canvas needs it: the variable resolved (light-dark() included) to an rgb() value. */
function cssVar(el: HTMLElement, name: string): string {
  el.style.setProperty('color', `var(${name})`);
  const v = getComputedStyle(el).color;
  el.style.removeProperty('color');
  return v || '#888';
}

export function GraphCanvas({ nodes, edges, layout, transform, selected, matches, onSelect }: GraphProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = c.getBoundingClientRect();
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const color = {
      ok: cssVar(c, '--ok'),
      progressing: cssVar(c, '--progressing'),
      warning: cssVar(c, '--warning'),
      error: cssVar(c, '--error'),
      unknown: cssVar(c, '--muted'),
      panel: cssVar(c, '--panel'),
      border: cssVar(c, '--border'),
      fg: cssVar(c, '--fg'),
      edge: cssVar(c, '--edge'),
      drift: cssVar(c, '--warning'),
    };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.translate(transform.x, transform.y);
    ctx.scale(transform.k, transform.k);
    const pos = layout.positions;
    ctx.lineWidth = 1 / transform.k;
    for (const e of edges) {
      const a = pos[e.source];
      const b = pos[e.target];
      if (!a || !b) continue;
      ctx.strokeStyle = e.drift ? color.drift : color.edge;
      ctx.globalAlpha = matches && !(matches.has(e.source) || matches.has(e.target)) ? 0.1 : 0.6;
      ctx.beginPath();
      const [l, r] = a.x <= b.x ? [a, b] : [b, a];
      ctx.moveTo(l.x + NODE_W, l.y + NODE_H / 2);
      const mx = (l.x + NODE_W + r.x) / 2;
      ctx.bezierCurveTo(mx, l.y + NODE_H / 2, mx, r.y + NODE_H / 2, r.x, r.y + NODE_H / 2);
      ctx.stroke();
    }
    const readable = transform.k > 0.45;
    ctx.font = '12px system-ui, sans-serif';
    for (const n of nodes) {
      const p = pos[n.id];
      if (!p) continue;
      ctx.globalAlpha = matches && !matches.has(n.id) ? 0.2 : 1;
      ctx.fillStyle = color.panel;
      ctx.strokeStyle = n.id === selected ? color.fg : color.border;
      ctx.lineWidth = (n.id === selected ? 3 : 1) / transform.k;
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
  }, [nodes, edges, layout, transform, selected, matches]);

  const onClick = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = ev.currentTarget.getBoundingClientRect();
    const x = (ev.clientX - rect.left - transform.x) / transform.k;
    const y = (ev.clientY - rect.top - transform.y) / transform.k;
    const hit = nodes.find((n) => {
      const p = layout.positions[n.id];
      return p && x >= p.x && x <= p.x + NODE_W && y >= p.y && y <= p.y + NODE_H;
    });
    if (hit) onSelect(hit.id);
  };

  return (
    <>
      <canvas ref={canvas} className="graph-canvas" onClick={onClick} aria-hidden="true" />
      <ul className="sr-only" aria-label="Drawn nodes">
        {nodes.map((n) => (
          <li key={n.id}>
            <button type="button" data-node-id={n.id} data-status={n.status} aria-pressed={selected === n.id} onClick={() => onSelect(n.id)}>
              {n.kind} {n.namespace ? `${n.namespace}/` : ''}
              {n.name}: {n.status}
              {n.reason ? `, ${n.reason}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
