'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { ApiError } from '../data/hooks';
import { useRelated } from '../data/history';
import { ErrorPanel, Loading } from '../ui/States';
import { entryRef } from './ChangeRow';

const SHOWN = 12;

/**
 * "What changed before this": recorded changes to an object and its topology neighbours in the
 * hour before now (or `at`), newest first, each a link to its diff on /history.
 */
export function WhatChanged({ refId, at = null, heading }: { refId: string; at?: string | null; heading?: string }) {
  const { data, error, isPending } = useRelated(refId, at);
  const historyOff = error instanceof ApiError && error.code === 'HistoryOff';
  const t = useTranslations();
  const words = useWords();
  const title = heading ?? t('history.whatChanged');
  return (
    <section className="what-changed" aria-label={title}>
      <h3>{title}</h3>
      {historyOff ? (
        <p className="muted">{t('history.off')}</p>
      ) : error ? (
        <ErrorPanel error={error} />
      ) : isPending || !data ? (
        <Loading what={t('what.recentChanges')} />
      ) : data.changes.length === 0 ? (
        <p className="muted">{t('history.noneNear')}</p>
      ) : (
        <ol className="changes">
          {data.changes.slice(0, SHOWN).map((e) => (
            <li
              key={e.id}
              data-entry-id={e.id}
              data-change-type={e.type}
              className={e.summary.startsWith('status') ? 'status-only' : undefined}
              title={words.changeSummary(e)}
            >
              <time dateTime={e.time} title={words.dateTime(e.time)}>
                {words.clock(e.time)}
              </time>{' '}
              <span className="kind">{e.kind}</span> <span className="mono">{e.name}</span>{' '}
              <Link href={`/history?object=${encodeURIComponent(entryRef(e))}&revision=${e.id}`}>
                <span className="mono">{words.changeSummary(e)}</span>
              </Link>
              {!e.observed && <span className="tag warn">{t('history.unobserved')}</span>}
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link href={`/history?object=${encodeURIComponent(refId)}`}>{t('history.wholeOf')}</Link>
      </p>
    </section>
  );
}
