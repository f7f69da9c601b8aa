'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { appUrl } from '../ui/appUrl';
import { logLines, visibleText } from './logText';

/**
 * A container's log, read through the server (`/api/v1/pods/{ns}/{name}/log`, pods/log: a get):
 * the last N lines, then new ones as they come when following. The page never freezes on it:
 * lines are kept up to MAX_LINES (older ones dropped, and it says so), drawn in a window of fixed
 * rows (only what is in view is in the DOM), and arriving text is applied once a frame.
 * Escape sequences and long lines are shown as text.
 */
export const MAX_LINES = 5_000;
const ROW_PX = 18;
const VIEW_ROWS = 24;
const TAILS = [100, 500, 2000, 5000];

interface Props {
  namespace: string;
  pod: string;
  containers: Array<{ name: string; hasPrevious: boolean }>;
  initial?: string;
}

/** The stream of one URL; a new URL is a new component (its `key`), so state starts afresh. */
function useLogStream(url: string) {
  const [lines, setLines] = useState<string[]>([]);
  const [dropped, setDropped] = useState(0);
  const [state, setState] = useState<{ status: 'loading' | 'open' | 'ended' | 'error'; message?: string }>({
    status: 'loading',
  });
  useEffect(() => {
    const ac = new AbortController();
    let pending = '';
    let frame = 0;
    let kept: string[] = [];
    let cut = 0;
    const flush = () => {
      frame = 0;
      const { complete, rest } = logLines(pending);
      pending = rest;
      if (!complete.length) return;
      kept = kept.concat(complete);
      if (kept.length > MAX_LINES) {
        cut += kept.length - MAX_LINES;
        kept = kept.slice(kept.length - MAX_LINES);
      }
      setLines(kept);
      setDropped(cut);
    };
    (async () => {
      const res = await fetch(url, { signal: ac.signal });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        setState({ status: 'error', message: body.error?.message ?? `${res.status} ${res.statusText}` });
        return;
      }
      setState({ status: 'open' });
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += dec.decode(value, { stream: true });
        if (!frame) frame = requestAnimationFrame(flush);
      }
      pending += '\n';
      flush();
      setState({ status: 'ended' });
    })().catch((e: unknown) => {
      if (!ac.signal.aborted) setState({ status: 'error', message: (e as Error).message });
    });
    return () => {
      ac.abort();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [url]);
  return { lines, dropped, state };
}

export function LogView({ namespace, pod, containers, initial }: Props) {
  const [container, setContainer] = useState(initial ?? containers[0]?.name ?? '');
  const [previous, setPrevious] = useState(false);
  const [tail, setTail] = useState(500);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const base = `/api/v1/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(pod)}/log`;
  const params = new URLSearchParams({ container, tailLines: String(tail), ...(previous ? { previous: 'true' } : {}) });
  const following = follow && !previous;
  const url = appUrl(`${base}?${params}${following ? '&follow=true' : ''}`);
  const current = containers.find((c) => c.name === container);
  const t = useTranslations('logs');
  return (
    <section className="panel logs" aria-labelledby="logs-h">
      <h2 id="logs-h">{t('title')}</h2>
      <div className="log-controls">
        {containers.length > 1 && (
          <label className="field">
            <span>{t('container')}</span>
            <select value={container} onChange={(e) => setContainer(e.target.value)}>
              {containers.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('last')}</span>
          <select value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {TAILS.map((n) => (
              <option key={n} value={n}>
                {t('lines', { count: n })}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={previous}
            disabled={!current?.hasPrevious}
            onChange={(e) => setPrevious(e.target.checked)}
          />{' '}
          {t('previous')}
        </label>
        <label className="check">
          <input type="checkbox" checked={follow} disabled={previous} onChange={(e) => setFollow(e.target.checked)} />{' '}
          {t('follow')}
        </label>
        <label className="field">
          <span>{t('search')}</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('searchPlaceholder')}
          />
        </label>
        <a
          href={appUrl(
            `${base}?${new URLSearchParams({ container, tailLines: '10000', ...(previous ? { previous: 'true' } : {}) })}`,
          )}
          download={`${pod}-${container}${previous ? '-previous' : ''}.log`}
        >
          {t('download')}
        </a>
      </div>
      <LogLines key={url} url={url} following={following} search={search} label={t('label', { pod, container })} />
    </section>
  );
}

function LogLines({
  url,
  following,
  search,
  label,
}: {
  url: string;
  following: boolean;
  search: string;
  label: string;
}) {
  const { lines, dropped, state } = useLogStream(url);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? lines.filter((l) => l.toLowerCase().includes(q)) : lines;
  }, [lines, search]);
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const atBottom = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [shown]);
  const first = Math.max(0, Math.floor(top / ROW_PX) - 5);
  const rows = shown.slice(first, first + VIEW_ROWS + 10);
  const t = useTranslations('logs');
  const end =
    following && state.status === 'open' ? 'following' : state.status === 'ended' && following ? 'stopped' : 'none';
  return (
    <div data-log-state={state.status}>
      <p className="muted log-status" role="status">
        {state.status === 'error'
          ? state.message
          : t('status', {
              search: String(!!search),
              matched: shown.length,
              total: lines.length,
              dropped,
              max: MAX_LINES,
              end,
            })}
      </p>
      <div
        ref={box}
        className="log-lines mono"
        style={{ height: ROW_PX * VIEW_ROWS }}
        tabIndex={0}
        aria-label={label}
        onScroll={(e) => {
          const el = e.currentTarget;
          setTop(el.scrollTop);
          atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_PX;
        }}
      >
        <div style={{ height: shown.length * ROW_PX, position: 'relative' }}>
          {rows.map((l, i) => (
            <div
              key={first + i}
              className="log-line"
              data-line={first + i}
              style={{ top: (first + i) * ROW_PX, height: ROW_PX }}
            >
              {visibleText(l)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
