'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { HISTORY_STATUS_FILTERS, type HistoryStatusFilter } from '@/lib/wire/history';
import { NODE_KIND_LIST } from '@/lib/wire/kinds';
import { historyQuery, useHistoryEntries, useHistoryTimeline, type HistoryFilter } from '../data/history';
import { useLiveSummary } from '../data/hooks';
import { NamespaceSelect } from '../ui/NamespaceSelect';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { useUrlNavigate } from '../ui/urlState';
import { useUrlParam } from '../ui/useUrlParam';
import { ChangeRow, entryRef } from './ChangeRow';
import { Revisions } from './Revisions';
import { Source } from './Source';
import { Timeline } from './Timeline';
import { withBase } from '@/lib/basepath';
import { useBasePath } from '../ui/basePath';

const BUCKETS = 120;

/** A select bound to a URL parameter: every option, and one for none. */
function ParamSelect({
  label,
  param,
  all,
  options,
}: {
  label: string;
  param: string;
  all: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const [value, setValue] = useUrlParam(param);
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => setValue(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const KIND_OPTIONS = NODE_KIND_LIST.map((k) => ({ value: k, label: k }));

function Filters() {
  const [q, setQ] = useUrlParam('q', 300);
  const t = useTranslations('history');
  const statusOptions = HISTORY_STATUS_FILTERS.map((k) => ({ value: k, label: t(`status.${k}`) }));
  return (
    <div className="toolbar">
      <NamespaceSelect />
      <ParamSelect label={t('kind')} param="kind" all={t('allKinds')} options={KIND_OPTIONS} />
      <ParamSelect label={t('statusLabel')} param="status" all={t('allChanges')} options={statusOptions} />
      <label className="field">
        <span>{t('search')}</span>
        <input
          type="search"
          value={q}
          maxLength={200}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
    </div>
  );
}

/** Where the export links lead: the same filter as the list, every match, oldest first. */
function Exports({ filter }: { filter: HistoryFilter }) {
  const base = useBasePath();
  const t = useTranslations('history');
  return (
    <p className="exports">
      {t('export')}{' '}
      <a href={withBase(base, `/api/v1/history${historyQuery(filter, { format: 'csv' })}`)} download>
        CSV
      </a>{' '}
      ·{' '}
      <a href={withBase(base, `/api/v1/history${historyQuery(filter, { format: 'jsonl' })}`)} download>
        {t('jsonl')}
      </a>{' '}
      ·{' '}
      <a
        href={withBase(
          base,
          `/api/v1/history${historyQuery({ namespace: filter.namespace, kind: filter.kind, since: filter.since, until: filter.until }, { format: 'bundle' })}`,
        )}
        download
      >
        {t('bundle')}
      </a>{' '}
      <span className="muted">{t('bundleNote')}</span>
    </p>
  );
}

/** `/history`: the change timeline (drag to pick a window), the changes newest first, and an object's revisions with diffs. */
export function HistoryView() {
  const params = useSearchParams();
  const navigate = useUrlNavigate();
  const filter = useMemo<HistoryFilter>(() => {
    const f: HistoryFilter = {};
    for (const k of ['namespace', 'kind', 'q', 'since', 'until'] as const) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    const status = params.get('status') as HistoryStatusFilter | null;
    if (status && HISTORY_STATUS_FILTERS.includes(status)) f.status = status;
    return f;
  }, [params]);
  const object = params.get('object');
  const revision = Number(params.get('revision')) || null;
  // The connection indicator speaks of this page too (the history itself is polled: it is written a moment after the change).
  useLiveSummary();
  const timeline = useHistoryTimeline(filter, BUCKETS);
  const entries = useHistoryEntries(filter);
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const set = (edit: (p: URLSearchParams) => void) => navigate(edit);
  const error = timeline.error ?? entries.error;
  const t = useTranslations('history');
  const tw = useTranslations('what');
  return (
    <>
      <Source />
      <Filters />
      {error && <ErrorPanel error={error} title={t('cannotLoad')} />}
      <div className="panel">
        {timeline.data ? (
          <Timeline
            data={timeline.data}
            onPick={(since, until) => set((p) => (p.set('since', since), p.set('until', until)))}
            onTurn={(t) => set((p) => (p.set('object', entryRef(t)), p.set('revision', String(t.id))))}
          />
        ) : (
          !error && <Loading what={tw('timeline')} />
        )}
        {(filter.since || filter.until) && (
          <p>
            {t.rich('window', {
              from: () => <span className="mono">{filter.since ?? t('theStart')}</span>,
              to: () => <span className="mono">{filter.until ?? t('now')}</span>,
            })}{' '}
            <button type="button" onClick={() => set((p) => (p.delete('since'), p.delete('until')))}>
              {t('whole')}
            </button>
          </p>
        )}
        <Exports filter={filter} />
      </div>
      {object && (
        <section className="panel" aria-label={t('of', { object })}>
          <h2>
            {t.rich('ofHeading', { object: () => <span className="mono">{object}</span> })}{' '}
            <button
              type="button"
              className="ghost"
              onClick={() => set((p) => (p.delete('object'), p.delete('revision')))}
            >
              {t('close')}
            </button>
          </h2>
          <Revisions
            refId={object}
            revision={revision}
            onRevision={(id) => set((p) => p.set('revision', String(id)))}
          />
        </section>
      )}
      {entries.isPending ? (
        <Loading what={tw('changes')} />
      ) : rows.length === 0 ? (
        <Empty>{t('noMatch')}</Empty>
      ) : (
        <table className="history-list" aria-label={t('list')}>
          <thead>
            <tr>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colWhat')}</th>
              <th scope="col">{t('colObject')}</th>
              <th scope="col">{t('colChange')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <ChangeRow
                key={e.id}
                entry={e}
                selected={object === entryRef(e) && revision === e.id}
                onOpen={() => set((p) => (p.set('object', entryRef(e)), p.set('revision', String(e.id))))}
              />
            ))}
          </tbody>
        </table>
      )}
      {entries.hasNextPage && (
        <p className="show-more">
          <button type="button" disabled={entries.isFetchingNextPage} onClick={() => entries.fetchNextPage()}>
            {t('older')}
          </button>
        </p>
      )}
    </>
  );
}
