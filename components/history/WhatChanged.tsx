'use client';

import Link from '@/components/ui/Link';
import { ApiError } from '../data/hooks';
import { useRelated } from '../data/history';
import { ErrorPanel, Loading } from '../ui/States';
import { entryRef } from './ChangeRow';

const SHOWN = 12;

/**
 * "What changed before this": recorded changes to an object and its topology neighbours in the
 * hour before now (or `at`), newest first, each a link to its diff on /history.
 */
export function WhatChanged({
  refId,
  at = null,
  heading = 'What changed before this',
}: {
  refId: string;
  at?: string | null;
  heading?: string;
}) {
  const { data, error, isPending } = useRelated(refId, at);
  const historyOff = error instanceof ApiError && error.code === 'HistoryOff';
  return (
    <section className="what-changed" aria-label={heading}>
      <h3>{heading}</h3>
      {historyOff ? (
        <p className="muted">The change history is off.</p>
      ) : error ? (
        <ErrorPanel error={error} />
      ) : isPending || !data ? (
        <Loading what="recent changes" />
      ) : data.changes.length === 0 ? (
        <p className="muted">No recorded change to it or its neighbours in the hour before.</p>
      ) : (
        <ol className="changes">
          {data.changes.slice(0, SHOWN).map((e) => (
            <li
              key={e.id}
              data-entry-id={e.id}
              data-change-type={e.type}
              className={e.summary.startsWith('status') ? 'status-only' : undefined}
              title={e.summary}
            >
              <time dateTime={e.time} title={e.time}>
                {e.time.slice(11, 19)}
              </time>{' '}
              <span className="kind">{e.kind}</span> <span className="mono">{e.name}</span>{' '}
              <Link href={`/history?object=${encodeURIComponent(entryRef(e))}&revision=${e.id}`}>
                <span className="mono">{e.summary}</span>
              </Link>
              {!e.observed && <span className="tag warn">unobserved</span>}
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link href={`/history?object=${encodeURIComponent(refId)}`}>Its whole history →</Link>
      </p>
    </section>
  );
}
