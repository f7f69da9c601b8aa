'use client';

import type { GraphEdge } from '@/lib/wire/topology';
import type { DrawnNode } from '@/lib/wire/group';
import { NODE_H, NODE_W, type LayoutResult } from './layout';
import { edgePath, KIND_ABBR, labelName, truncate } from './shapes';
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
  return (
    <svg className="graph-svg" role="group" aria-label="Topology graph" width="100%" height="100%">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
      </defs>
      <g transform={`translate(${transform.x},${transform.y}) scale(${transform.k})`}>
        {layout.bands.map((b) => (
          <g key={b.namespace} className="band">
            <rect x={-20} y={b.y - 26} width={layout.width + 20} height={b.height + 30} rx={10} />
            <text x={-8} y={b.y - 8} className="band-label">
              {b.namespace}
            </text>
          </g>
        ))}
        <g className="edges">
          {edges.map((e) => {
            const a = pos[e.source];
            const b = pos[e.target];
            if (!a || !b) return null;
            const dim = (selected && !(e.source === selected || e.target === selected)) || (matches && !(matches.has(e.source) || matches.has(e.target)));
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
            const dim = (selected && !related.has(n.id) && selected !== n.id) || (matches && !matches.has(n.id));
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
                aria-label={`${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}: ${n.status}${n.reason ? `, ${n.reason}` : ''}`}
                aria-pressed={selected === n.id}
                onClick={() => onSelect(n.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(n.id);
                  }
                }}
              >
                <title>{`${n.kind} ${n.namespace ? `${n.namespace}/` : ''}${n.name}${n.reason ? `\n${n.reason}` : ''}`}</title>
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
                    {STATUS_SYMBOL[n.status]} {truncate(subtitle(n), 26)}
                  </text>
                </g>
              </g>
            );
          })}
        </g>
      </g>
    </svg>
  );
}
