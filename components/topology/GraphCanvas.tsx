'use client';

import { useEffect, useRef } from 'react';
import type { GraphProps } from './GraphSvg';
import { NODE_H, NODE_W } from './layout';
import { paint } from './paint';

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
    const names = ['ok', 'progressing', 'warning', 'error', 'panel', 'border', 'fg', 'edge', 'band', 'muted'] as const;
    const color = Object.fromEntries(names.map((n) => [n, cssVar(c, `--${n}`)])) as Record<(typeof names)[number], string>;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    paint(ctx, { nodes, edges, layout, transform, selected, matches, size: { width, height } }, { ...color, unknown: color.muted, drift: color.warning });
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
