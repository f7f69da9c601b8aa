'use client';

import type { GraphEdge } from '@/lib/wire/topology';
import type { DrawnNode } from '@/lib/wire/group';
import { NODE_H, NODE_W, type LayoutResult } from './layout';
import type { GraphLabels } from './labels';
import {
  bandCounts,
  BAND_FONT,
  edgePath,
  KIND_ABBR,
  NAME_FONT,
  NAME_X,
  nameWidth,
  stale,
  STALE_BADGE,
  SUB_FONT,
  subWidth,
} from './shapes';
import { READABLE_K } from './viewport';
import { STATUS_SYMBOL } from '../ui/StatusBadge';
import { useLeaving } from './useLeaving';

export interface GraphProps {
  nodes: DrawnNode[];
  edges: GraphEdge[];
  layout: LayoutResult;
  transform: { x: number; y: number; k: number };
  selected: string | null;
  matches: Set<string> | null;
  onSelect: (id: string) => void;
  labels: GraphLabels;
}

/** SVG for up to a few thousand nodes: text nodes, keyboard focusable, each with data-node-id/data-status. */
export function GraphSvg({ nodes, edges, layout, transform, selected, matches, onSelect, labels }: GraphProps) {
  const pos = layout.positions;
  const leaving = useLeaving(nodes, pos);
  const related = new Set<string>();
  if (selected)
    for (const e of edges) if (e.source === selected || e.target === selected) related.add(e.source).add(e.target);
  // Zoomed out past legible names (Fit on a large graph): names give way to each band's summary, drawn legibly.
  const far = transform.k < READABLE_K;
  const counts = far ? bandCounts(nodes, layout) : undefined;
  return (
    <svg
      className={far ? 'graph-svg far' : 'graph-svg'}
      role="group"
      aria-label={labels.graph}
      width="100%"
      height="100%"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
      </defs>
      <g transform={`translate(${transform.x},${transform.y}) scale(${transform.k})`}>
        {layout.bands.map((b) => (
          <g key={b.namespace} className="band">
            <rect x={-20} y={b.y - 26} width={layout.width + 20} height={b.height + 30} rx={10} />
            <text
              x={-8}
              y={far ? b.y + BAND_FONT / transform.k : b.y - 8}
              className="band-label"
              style={far ? { fontSize: BAND_FONT / transform.k, strokeWidth: 4 / transform.k } : undefined}
            >
              {labels.bandTitle(b.namespace, counts?.get(b.namespace))}
            </text>
          </g>
        ))}
        <g className="edges">
          {edges.map((e) => {
            const a = pos[e.source];
            const b = pos[e.target];
            if (!a || !b) return null;
            const dim = matches
              ? !(matches.has(e.source) || matches.has(e.target))
              : selected && !(e.source === selected || e.target === selected);
            return (
              <path
                key={e.id}
                d={edgePath(a, b)}
                className={`edge edge-${e.kind}${e.drift ? ' edge-drift' : ''}${dim ? ' dim' : ''}`}
                data-edge-kind={e.kind}
                markerEnd="url(#arrow)"
              />
            );
          })}
        </g>
        <g className="nodes">
          {leaving.map(({ node, pos: p }) => (
            <g
              key={`leaving-${node.id}`}
              className="node leaving"
              transform={`translate(${p.x},${p.y})`}
              aria-hidden="true"
            >
              <rect width={NODE_W} height={NODE_H} rx={8} />
            </g>
          ))}
          {nodes.map((n) => {
            const p = pos[n.id];
            if (!p) return null;
            // A search or a chosen problem lights its set; otherwise the selection lights its neighbours.
            const dim = matches ? !matches.has(n.id) : selected && !related.has(n.id) && selected !== n.id;
            return (
              <g
                key={n.id}
                className={`node${selected === n.id ? ' selected' : ''}${dim ? ' dim' : ''}`}
                data-node-id={n.id}
                data-status={n.status}
                data-kind={n.kind}
                transform={`translate(${p.x},${p.y})`}
                tabIndex={0}
                role="button"
                aria-label={labels.nodeLabel(n, stale(n))}
                aria-pressed={selected === n.id}
                onClick={() => onSelect(n.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(n.id);
                  }
                }}
              >
                <title>{labels.nodeLabel(n, stale(n))}</title>
                <g className="node-body">
                  <rect width={NODE_W} height={NODE_H} rx={8} className="node-box" />
                  <rect width={6} height={NODE_H} rx={3} className="node-bar" />
                  <text x={14} y={18} className="node-kind">
                    {KIND_ABBR[n.kind] ?? n.kind}
                  </text>
                  <text x={NAME_X} y={18} className="node-name">
                    {labels.fitName(n.name, nameWidth, NAME_FONT)}
                  </text>
                  <text x={14} y={36} className="node-sub">
                    {labels.fit(`${STATUS_SYMBOL[n.status]} ${labels.subtitle(n)}`, subWidth(stale(n)), SUB_FONT)}
                  </text>
                  {stale(n) && (
                    <g
                      className="node-stale"
                      transform={`translate(${NODE_W - STALE_BADGE.w - 6},${NODE_H - STALE_BADGE.h - 5})`}
                    >
                      <rect width={STALE_BADGE.w} height={STALE_BADGE.h} rx={3} />
                      <text x={STALE_BADGE.w / 2} y={11} textAnchor="middle">
                        {labels.staleBadge}
                      </text>
                    </g>
                  )}
                </g>
              </g>
            );
          })}
        </g>
      </g>
    </svg>
  );
}
