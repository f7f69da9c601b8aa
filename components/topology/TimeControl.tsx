'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useWords } from '../i18n/useWords';
import type { HistoryPage } from '@/lib/wire/history';
import { getJson, query } from '../data/hooks';

const PLAY_STEP_MS = 1500;

/** `datetime-local` shows local time without a zone; the URL holds UTC. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** The time of the nearest recorded change before or after `at` in the scope, if any. */
async function neighbour(
  at: string,
  namespace: string | undefined,
  direction: 'previous' | 'next',
): Promise<string | undefined> {
  const params =
    direction === 'previous'
      ? { namespace, until: shift(at, -1), limit: '1' }
      : { namespace, since: shift(at, 1), limit: '1', order: 'asc' };
  const page = await getJson<HistoryPage>(`/api/v1/history${query(params)}`);
  return page.entries[0]?.time;
}

/**
 * Time travel for the topology: pick a time (or step and play through recorded changes);
 * while not live a banner says so, and one click returns to live. `at` null is live.
 */
export function TimeControl({
  at,
  namespace,
  onAt,
}: {
  at: string | null;
  namespace?: string;
  onAt: (at: string | null) => void;
}) {
  const [playing, setPlaying] = useState(false);
  const [edge, setEdge] = useState<'newest' | 'oldest' | null>(null);
  const t = useTranslations('topology');
  const words = useWords();
  const step = async (direction: 'previous' | 'next') => {
    const from = at ?? new Date().toISOString();
    const t = await neighbour(from, namespace, direction).catch(() => undefined);
    if (t) onAt(t);
    else {
      setEdge(direction === 'next' ? 'newest' : 'oldest');
      setPlaying(false);
    }
    return t;
  };
  useEffect(() => {
    if (!playing || !at) return;
    const timer = setTimeout(() => void step('next'), PLAY_STEP_MS);
    return () => clearTimeout(timer);
    // step reads the latest at through the closure of this render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, at]);
  return (
    <div className="time-control" data-live={at ? 'false' : 'true'}>
      {at && (
        <p className="past-banner" role="status">
          {t.rich('pastBanner', {
            namespace: namespace ?? 'absent',
            when: words.dateTime(at),
            time: (chunks) => <time dateTime={at}>{chunks}</time>,
          })}{' '}
          <button type="button" onClick={() => (setPlaying(false), onAt(null))}>
            {t('backToLive')}
          </button>
        </p>
      )}
      <div className="toolbar">
        <label className="field">
          <span>{t('viewAt')}</span>
          <input
            type="datetime-local"
            step={1}
            value={at ? toLocalInput(at) : ''}
            onChange={(e) => {
              setEdge(null);
              const t = Date.parse(e.target.value);
              if (!Number.isNaN(t)) onAt(new Date(t).toISOString());
            }}
          />
        </label>
        <button type="button" onClick={() => (setEdge(null), void step('previous'))}>
          {t('previous')}
        </button>
        <button type="button" disabled={!at} onClick={() => (setEdge(null), void step('next'))}>
          {t('next')}
        </button>
        <button
          type="button"
          disabled={!at}
          aria-pressed={playing}
          onClick={() => (setEdge(null), setPlaying(!playing))}
        >
          {playing ? t('pause') : t('play')}
        </button>
        {edge && <span className="muted">{t(edge)}</span>}
      </div>
    </div>
  );
}
