'use client';

import { max } from 'd3-array';
import { scaleLinear, scaleTime, type ScaleTime } from 'd3-scale';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { HistoryTimeline, TimelineBucket, TimelineTurn } from '@/lib/wire/history';

const HEIGHT = 110;
const AXIS = 18;
const MIN_DRAG_PX = 4;
/** The strip above the bars where problem transitions are marked. */
const TURNS_ROW = 12;

/** The element's width, kept as it resizes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(200, Math.floor(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Local wall-clock labels at the window's grain: seconds for minutes, the date for days. */
function tickLabel(t: Date, spanMs: number): string {
  if (spanMs > 2 * DAY)
    return t.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return t.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    ...(spanMs < 30 * MINUTE ? { second: '2-digit' } : {}),
  });
}

/** The axis' ticks with their labels, a label said once (sub-second ticks would repeat it). */
function ticks(x: ScaleTime<number, number>, width: number, spanMs: number): Array<{ t: Date; label: string }> {
  const out: Array<{ t: Date; label: string }> = [];
  for (const t of x.ticks(Math.max(2, Math.floor(width / 140)))) {
    const label = tickLabel(t, spanMs);
    if (out[out.length - 1]?.label !== label) out.push({ t, label });
  }
  return out;
}

const TYPES = [
  { key: 'modified', label: 'modified', cls: 'modified' },
  { key: 'added', label: 'added', cls: 'added' },
  { key: 'deleted', label: 'deleted', cls: 'deleted' },
] as const;

function bucketText(b: TimelineBucket): string {
  const extra = [
    b.unobserved ? `${b.unobserved} unobserved` : '',
    b.turned ? `${b.turned} turned into a problem` : '',
    b.recovered ? `${b.recovered} recovered` : '',
  ].filter(Boolean);
  return `${b.t}: ${b.added} added, ${b.modified} modified, ${b.deleted} deleted${extra.map((t) => `, ${t}`).join('')}`;
}

const TURN_WORD: Record<TimelineTurn['turn'], string> = { turned: 'turned into a problem', recovered: 'recovered' };

export function turnText(t: TimelineTurn): string {
  const what = `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
  return `${t.time}: ${what} ${TURN_WORD[t.turn]}${t.code ? ` (${t.code})` : ''}`;
}

/** Problem transitions as marks above the bars: a click (or Enter) opens that change. */
function Turns({
  turns,
  x,
  onTurn,
}: {
  turns: TimelineTurn[];
  x: ScaleTime<number, number>;
  onTurn: (t: TimelineTurn) => void;
}) {
  return (
    <g className="turns">
      {turns.map((t) => {
        const cx = x(new Date(t.time));
        const down = t.turn === 'turned';
        return (
          <path
            key={t.id}
            role="button"
            tabIndex={0}
            aria-label={turnText(t)}
            data-turn={t.turn}
            className={`turn ${t.turn} health-${t.health ?? 'ok'}`}
            d={down ? `M${cx - 5},1 L${cx + 5},1 L${cx},9 Z` : `M${cx - 5},9 L${cx + 5},9 L${cx},1 Z`}
            // Not the start of a drag across the timeline.
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => onTurn(t)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onTurn(t))}
          >
            <title>{turnText(t)}</title>
          </path>
        );
      })}
    </g>
  );
}

/**
 * Change density over time as stacked bars (d3 scales, React draws), where Ordinal was blind
 * shaded, problem transitions marked above (`onTurn` opens one), and a drag across it picking
 * a window (`onPick(since, until)`).
 */
export function Timeline({
  data,
  onPick,
  onTurn,
}: {
  data: HistoryTimeline;
  onPick: (since: string, until: string) => void;
  onTurn: (t: TimelineTurn) => void;
}) {
  const [ref, width] = useWidth();
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const x = scaleTime()
    .domain([new Date(data.from), new Date(data.to)])
    .range([0, width]);
  const top = max(data.buckets, (b) => b.added + b.modified + b.deleted) ?? 0;
  const y = scaleLinear()
    .domain([0, Math.max(1, top)])
    .range([HEIGHT - AXIS, TURNS_ROW]);
  const barWidth = Math.max(1, width / Math.max(1, data.buckets.length) - 1);
  const local = (e: PointerEvent<SVGSVGElement>) => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const finish = () => {
    if (drag && Math.abs(drag.x1 - drag.x0) >= MIN_DRAG_PX) {
      const [a, b] = [Math.min(drag.x0, drag.x1), Math.max(drag.x0, drag.x1)];
      onPick(x.invert(a).toISOString(), x.invert(b).toISOString());
    }
    setDrag(null);
  };
  return (
    <div ref={ref} className="timeline">
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Changes from ${data.from} to ${data.to}; drag across to pick a window`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDrag({ x0: local(e), x1: local(e) });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, x1: local(e) })}
        onPointerUp={finish}
        onPointerCancel={() => setDrag(null)}
      >
        {data.blind.map((b) => {
          const x0 = Math.max(0, x(new Date(b.from)));
          const x1 = Math.min(width, x(new Date(b.to)));
          return (
            <rect
              key={`${b.from}-${b.kinds.join()}`}
              className="blind"
              data-blind={b.kinds.join(',')}
              x={x0}
              y={0}
              width={Math.max(1, x1 - x0)}
              height={HEIGHT - AXIS}
            >
              <title>{`Not watched (${b.kinds.join(', ')}): ${b.from} – ${b.to}`}</title>
            </rect>
          );
        })}
        {data.buckets.map((b) => {
          let base = 0;
          const bx = x(new Date(b.t));
          return (
            <g key={b.t} data-bucket={b.t}>
              {TYPES.map((t) => {
                const n = b[t.key];
                if (!n) return null;
                const y0 = y(base);
                base += n;
                return (
                  <rect
                    key={t.key}
                    className={`bar ${t.cls}`}
                    x={bx}
                    y={y(base)}
                    width={barWidth}
                    height={Math.max(1, y0 - y(base))}
                  />
                );
              })}
              {b.added + b.modified + b.deleted > 0 && <title>{bucketText(b)}</title>}
            </g>
          );
        })}
        {ticks(x, width, Date.parse(data.to) - Date.parse(data.from)).map(({ t, label }) => (
          <text key={t.getTime()} className="tick" x={x(t)} y={HEIGHT - 4} textAnchor="middle">
            {label}
          </text>
        ))}
        <Turns turns={data.turns} x={x} onTurn={onTurn} />
        {drag && (
          <rect
            className="brush"
            x={Math.min(drag.x0, drag.x1)}
            y={0}
            width={Math.abs(drag.x1 - drag.x0)}
            height={HEIGHT - AXIS}
          />
        )}
      </svg>
      <p className="legend muted">
        {TYPES.map((t) => (
          <span key={t.key}>
            <span className={`swatch ${t.cls}`} aria-hidden="true" /> {t.label}{' '}
          </span>
        ))}
        <span>
          <span className="swatch blind" aria-hidden="true" /> not watched{' '}
        </span>
        <span>
          <span className="swatch turned" aria-hidden="true" /> turned into a problem{' '}
        </span>
        <span>
          <span className="swatch recovered" aria-hidden="true" /> recovered
        </span>
      </p>
    </div>
  );
}
