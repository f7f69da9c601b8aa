'use client';

import { max } from 'd3-array';
import { scaleLinear, scaleTime, type ScaleTime } from 'd3-scale';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { HistoryTimeline, TimelineBucket, TimelineTurn } from '@/lib/wire/history';
import { useWords, type Words } from '../i18n/useWords';

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
function tickLabel(t: Date, spanMs: number, locale: string): string {
  if (spanMs > 2 * DAY)
    return t.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return t.toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(spanMs < 30 * MINUTE ? { second: '2-digit' } : {}),
  });
}

/** The axis' ticks with their labels, a label said once (sub-second ticks would repeat it). */
function ticks(
  x: ScaleTime<number, number>,
  width: number,
  spanMs: number,
  locale: string,
): Array<{ t: Date; label: string }> {
  const out: Array<{ t: Date; label: string }> = [];
  for (const t of x.ticks(Math.max(2, Math.floor(width / 140)))) {
    const label = tickLabel(t, spanMs, locale);
    if (out[out.length - 1]?.label !== label) out.push({ t, label });
  }
  return out;
}

const TYPES = [
  { key: 'modified', cls: 'modified' },
  { key: 'added', cls: 'added' },
  { key: 'deleted', cls: 'deleted' },
] as const;

function bucketText(b: TimelineBucket, words: Words): string {
  const t = words.t;
  const extra =
    (b.unobserved ? t('history.bucketUnobserved', { count: b.unobserved }) : '') +
    (b.turned ? t('history.bucketTurned', { count: b.turned }) : '') +
    (b.recovered ? t('history.bucketRecovered', { count: b.recovered }) : '');
  return t('history.bucket', {
    time: words.dateTime(b.t),
    added: b.added,
    modified: b.modified,
    deleted: b.deleted,
    extra,
  });
}

export function turnText(t: TimelineTurn, words: Words): string {
  const what = `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
  return words.t('history.turn', { time: words.dateTime(t.time), what, turn: t.turn, code: t.code ?? 'absent' });
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
  const words = useWords();
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
            aria-label={turnText(t, words)}
            data-turn={t.turn}
            className={`turn ${t.turn} health-${t.health ?? 'ok'}`}
            d={down ? `M${cx - 5},1 L${cx + 5},1 L${cx},9 Z` : `M${cx - 5},9 L${cx + 5},9 L${cx},1 Z`}
            // Not the start of a drag across the timeline.
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => onTurn(t)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onTurn(t))}
          >
            <title>{turnText(t, words)}</title>
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
  const words = useWords();
  const t = words.t;
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
        aria-label={t('history.timeline', { from: words.dateTime(data.from), to: words.dateTime(data.to) })}
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
              <title>
                {t('history.notWatched', {
                  kinds: b.kinds.join(', '),
                  from: words.dateTime(b.from),
                  to: words.dateTime(b.to),
                })}
              </title>
            </rect>
          );
        })}
        {data.buckets.map((b) => {
          let base = 0;
          const bx = x(new Date(b.t));
          return (
            <g key={b.t} data-bucket={b.t}>
              {TYPES.map((type) => {
                const n = b[type.key];
                if (!n) return null;
                const y0 = y(base);
                base += n;
                return (
                  <rect
                    key={type.key}
                    className={`bar ${type.cls}`}
                    x={bx}
                    y={y(base)}
                    width={barWidth}
                    height={Math.max(1, y0 - y(base))}
                  />
                );
              })}
              {b.added + b.modified + b.deleted > 0 && <title>{bucketText(b, words)}</title>}
            </g>
          );
        })}
        {ticks(x, width, Date.parse(data.to) - Date.parse(data.from), words.locale).map(({ t: tick, label }) => (
          <text key={tick.getTime()} className="tick" x={x(tick)} y={HEIGHT - 4} textAnchor="middle">
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
        {TYPES.map((type) => (
          <span key={type.key}>
            <span className={`swatch ${type.cls}`} aria-hidden="true" /> {t(`history.legend.${type.key}`)}{' '}
          </span>
        ))}
        <span>
          <span className="swatch blind" aria-hidden="true" /> {t('history.legend.notWatched')}{' '}
        </span>
        <span>
          <span className="swatch turned" aria-hidden="true" /> {t('history.legend.turned')}{' '}
        </span>
        <span>
          <span className="swatch recovered" aria-hidden="true" /> {t('history.legend.recovered')}
        </span>
      </p>
    </div>
  );
}
