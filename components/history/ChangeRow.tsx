'use client';

import { useTranslations } from 'next-intl';
import type { HistoryEntry } from '@/lib/wire/history';
import { useWords, type Words } from '../i18n/useWords';
import { RelativeTime } from '../ui/RelativeTime';

/** `Kind/namespace/name` (or `Kind/name`) of an entry's object. */
export function entryRef(e: Pick<HistoryEntry, 'kind' | 'namespace' | 'name'>): string {
  return e.namespace ? `${e.kind}/${e.namespace}/${e.name}` : `${e.kind}/${e.name}`;
}

/** When an unobserved change happened, as far as anyone can say. */
function windowText(e: HistoryEntry, words: Words): string {
  if (!e.window) return '';
  return e.window.from
    ? words.t('history.between', { from: words.dateTime(e.window.from), to: words.dateTime(e.window.to) })
    : words.t('history.before', { to: words.dateTime(e.window.to) });
}

/** One recorded change: when, what happened to which object, the changed paths, by whom; unobserved ones say so. */
export function ChangeRow({
  entry: e,
  selected,
  onOpen,
  showObject = true,
}: {
  entry: HistoryEntry;
  selected: boolean;
  onOpen: () => void;
  showObject?: boolean;
}) {
  const t = useTranslations('history');
  const words = useWords();
  return (
    <tr
      data-entry-id={e.id}
      data-change-type={e.type}
      data-observed={String(e.observed)}
      className={selected ? 'selected' : undefined}
    >
      <td className="nowrap">
        <RelativeTime iso={e.time} />
      </td>
      <td>
        <span className={`tag change-${e.type.toLowerCase()}`}>{t(`type.${e.type}`)}</span>
        {e.problem?.turn === 'turned' && (
          <span className={`tag problem-turned health-${e.problem.health ?? 'warning'}`} title={t('turnedTitle')}>
            {t('turned', { code: e.problem.code ?? '' })}
          </span>
        )}
        {e.problem?.turn === 'recovered' && (
          <span className="tag problem-recovered" title={t('recoveredTitle')}>
            {t('recovered')}
          </span>
        )}
        {!e.observed && (
          <span className="tag warn" title={t('unobservedTitle', { window: windowText(e, words) })}>
            {t('unobserved')}
          </span>
        )}
      </td>
      {showObject && (
        <th scope="row">
          <span className="kind">{e.kind}</span>{' '}
          <span className="mono">{e.namespace ? `${e.namespace}/${e.name}` : e.name}</span>
        </th>
      )}
      <td>
        <button
          type="button"
          className="link"
          onClick={onOpen}
          aria-label={t('showChange', { kind: e.kind, name: e.name })}
        >
          <span className="mono">{words.changeSummary(e)}</span>
        </button>
        {e.manager && <span className="muted">{t('by', { manager: e.manager })}</span>}
      </td>
    </tr>
  );
}
