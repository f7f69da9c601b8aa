'use client';

import { useTranslations } from 'next-intl';
import type { HistoryStatus } from '@/lib/wire/history';
import { useHistoryStatus } from '../data/history';
import { useWords, type Words } from '../i18n/useWords';

function scopeText(s: NonNullable<HistoryStatus['bundle']>['scope'], words: Words): string {
  const t = (k: 'namespace' | 'everyNamespace' | 'kindOnly' | 'from' | 'to', v: Record<string, string> = {}) =>
    words.t(`history.scope.${k}`, v);
  const parts = [
    s.namespace ? t('namespace', { namespace: s.namespace }) : t('everyNamespace'),
    s.kind ? t('kindOnly', { kind: s.kind }) : '',
    s.since ? t('from', { time: words.dateTime(s.since) }) : '',
    s.until ? t('to', { time: words.dateTime(s.until) }) : '',
  ];
  return words.join(parts.filter(Boolean));
}

/**
 * For a history file or audit bundle handed over (served with no cluster): where the page's
 * history comes from, and for a bundle, what it holds and whether its chain is whole.
 */
export function Source() {
  const { data } = useHistoryStatus();
  const t = useTranslations('history');
  const words = useWords();
  if (!data?.handedOver) return null;
  const b = data.bundle;
  return (
    <p className="past-banner" role="status" data-source={b ? 'bundle' : 'file'}>
      {t.rich('readOnly', { path: () => <span className="mono">{data.path}</span> })}
      {b ? (
        <>
          {t.rich('bundleFrom', {
            scope: scopeText(b.scope, words),
            entries: b.entries,
            at: () => <span className="mono">{b.exportedAt}</span>,
          })}{' '}
          {b.verdict.ok ? (
            <span data-verdict="ok">{t('chainOk', { checked: b.verdict.checked })}</span>
          ) : (
            <strong data-verdict="broken">
              {t('chainBroken', { id: String(b.verdict.firstBroken?.id), reason: b.verdict.firstBroken?.reason ?? '' })}
            </strong>
          )}
        </>
      ) : (
        t('noCluster')
      )}
    </p>
  );
}
