'use client';

import type { GraphEdge } from '@/lib/wire/topology';
import type { DrawnNode } from '@/lib/wire/group';
import { NODE_H, NODE_W, type LayoutResult } from './layout';
import { bandCounts, bandTitle, BAND_FONT, edgePath, KIND_ABBR, labelName, stale, STALE_BADGE, STALE_TEXT, truncate } from './shapes';
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
}

function subtitle(n: DrawnNode): string {
  if (n.kind === 'Group') return n.reason ?? '';
  if (n.reason) return n.reason;
  switch (n.kind) {
    case 'Pod':
      return `${n.info.phase}${n.info.ready ? ' · Ready' : ''}`;
    case 'StatefulSet':
      return `${n.info.ready}/${n.info.replicas} Ready`;
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      return `${n.info.phase} · ${n.info.capacity}`;
    case 'Service':
      return `${n.info.ready}/${n.info.endpoints} ready endpoints`;
    default:
      return n.kind;
  }
}

/** SVG for up to a few thousand nodes: text nodes, keyboard focusable, each with data-node-id/data-status. */
export function GraphSvg({ nodes, edges, layout, transform, selected, matches, onSelect }: GraphProps) {
  const pos = layout.positions;
  const leaving = useLeaving(nodes, pos);
  const related = new Set<string>();
  if (selected) for (const e of edges) if (e.source === selected || e.target === selected) related.add(e.source).add(e.target);
  // Zoomed out past legible names (Fit on a large graph): names give way to each band's summary, drawn legibly.
  const far = transform.k < READABLE_K;
  const counts = far ? bandCounts(nodes, layout) : undefined;
  return (
    <svg className={far ? 'graph-svg far' : 'graph-svg'} role="group" aria-label="Topology graph" width="100%" height="100%">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
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
              {counts ? bandTitle(b.namespace, counts.get(b.namespace)) : b.namespace}
            </text>
          </g>
        ))}
        <g className="edges">
          {edges.map((e) => {
            const a = pos[e.source];
            const b = pos[e.target];
            if (!a || !b) return null;
            const dim = matches ? !(matches.has(e.source) || matches.has(e.target)) : selected && !(e.source === selected || e.target === selected);
            return <path key={e.id} d={edgePath(a, b)} className={`edge edge-${e.kind}${e.drift ? ' edge-drift' : ''}${dim ? ' dim' : ''}`} data-edge-kind={e.kind} markerEnd="url(#arrow)" />;
          })}
        </g>
        <g className="nodes">
          {leaving.map(({ node, pos: p }) => (
            <g key={`leaving-${node.id}`} className="node leaving" transform={`translate(${p.x},${p.y})`} aria-hidden="true">
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
                aria-label={`${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}: ${n.status}${n.reason ? `, ${n.reason}` : ''}${stale(n) ? `, ${STALE_TEXT}` : ''}`}
                aria-pressed={selected === n.id}
                onClick={() => onSelect(n.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(n.id);
                  }
                }}
              >
                <title>{`${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}${n.reason ? `\n${n.reason}` : ''}${stale(n) ? `\n${STALE_TEXT}` : ''}`}</title>
                <g className="node-body">
                  <rect width={NODE_W} height={NODE_H} rx={8} className="node-box" />
                  <rect width={6} height={NODE_H} rx={3} className="node-bar" />
                  <text x={14} y={18} className="node-kind">
                    {KIND_ABBR[n.kind] ?? n.kind}
                  </text>
                  <text x={48} y={18} className="node-name">
                    {labelName(n.name, 20)}
                  </text>
                  <text x={14} y={36} className="node-sub">
                    {STATUS_SYMBOL[n.status]} {truncate(subtitle(n), stale(n) ? 20 : 26)}
                  </text>
                  {stale(n) && (
                    <g className="node-stale" transform={`translate(${NODE_W - STALE_BADGE.w - 6},${NODE_H - STALE_BADGE.h - 5})`}>
                      <rect width={STALE_BADGE.w} height={STALE_BADGE.h} rx={3} />
                      <text x={STALE_BADGE.w / 2} y={11} textAnchor="middle">
                        {STALE_BADGE.text}
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
