'use client';

import { useEffect, useMemo, useRef } from 'react';
import { byHealthThenId } from '@/lib/wire/health';
import type { GraphProps } from './GraphSvg';
import { NODE_H, NODE_W } from './layout';
import { paint, type Palette } from './paint';

/** A theme color as the canvas needs it: the variable resolved (light-dark() included) to an rgb() value. */
function cssVar(el: HTMLElement, name: string): string {
  el.style.setProperty('color', `var(${name})`);
  const v = getComputedStyle(el).color;
  el.style.removeProperty('color');
  return v || '#888';
}

const COLOR_NAMES = [
  'ok',
  'progressing',
  'warning',
  'error',
  'panel',
  'border',
  'fg',
  'edge',
  'band',
  'muted',
] as const;
let cachedPalette: { theme: string; palette: Palette } | undefined;

/**
 * The theme's colors, resolved once per theme: each lookup forces a style recalculation,
 * too much for every frame of a pan.
 */
function paletteFor(el: HTMLElement): Palette {
  const theme = `${document.documentElement.getAttribute('data-theme') ?? 'auto'}|${window.matchMedia('(prefers-color-scheme: dark)').matches}`;
  if (cachedPalette?.theme !== theme) {
    const c = Object.fromEntries(COLOR_NAMES.map((n) => [n, cssVar(el, `--${n}`)])) as Record<
      (typeof COLOR_NAMES)[number],
      string
    >;
    cachedPalette = { theme, palette: { ...c, unknown: c.muted, drift: c.warning } };
  }
  return cachedPalette.palette;
}

/**
 * How many drawn nodes the hidden list mirrors: every one of 10,000 buttons, laid out on each
 * repaint's size read, cost seconds. The worst come first; the selection and search matches
 * are always in it.
 */
export const LISTED_NODES = 300;

function listed(nodes: GraphProps['nodes'], selected: string | null, matches: Set<string> | null): GraphProps['nodes'] {
  if (nodes.length <= LISTED_NODES) return nodes;
  const wanted = (n: GraphProps['nodes'][number]) => n.id === selected || !!matches?.has(n.id);
  const first = nodes.filter(wanted).slice(0, LISTED_NODES);
  const rest = nodes
    .filter((n) => !wanted(n))
    .sort(byHealthThenId)
    .slice(0, LISTED_NODES - first.length);
  return [...first, ...rest];
}

/**
 * Canvas for large graphs (SVG stops being smooth at a few thousand nodes). Level of
 * detail: names only when zoomed in enough to read them. An accessible, visually
 * hidden list mirrors the drawn nodes (with data-node-id/data-status; the worst
 * `LISTED_NODES` of a large graph) for keyboard and screen-reader users.
 */
export function GraphCanvas({ nodes, edges, layout, transform, selected, matches, onSelect, labels }: GraphProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const list = useMemo(() => listed(nodes, selected, matches), [nodes, selected, matches]);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = c.getBoundingClientRect();
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    paint(ctx, { nodes, edges, layout, transform, selected, matches, size: { width, height }, labels }, paletteFor(c));
  }, [nodes, edges, layout, transform, selected, matches, labels]);

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
      <ul className="sr-only" aria-label={labels.listLabel(list.length, nodes.length)}>
        {list.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              data-node-id={n.id}
              data-status={n.status}
              aria-pressed={selected === n.id}
              onClick={() => onSelect(n.id)}
            >
              {labels.nodeLabel(n, false)}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
