'use client';

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

const STATUS_LABEL: Record<HistoryStatusFilter, string> = {
  problem: 'Left a problem',
  turned: 'Turned into a problem',
  recovered: 'Recovered',
};

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
const STATUS_OPTIONS = HISTORY_STATUS_FILTERS.map((k) => ({ value: k, label: STATUS_LABEL[k] }));

function Filters() {
  const [q, setQ] = useUrlParam('q', 300);
  return (
    <div className="toolbar">
      <NamespaceSelect />
      <ParamSelect label="Kind" param="kind" all="All kinds" options={KIND_OPTIONS} />
      <ParamSelect label="Status" param="status" all="All changes" options={STATUS_OPTIONS} />
      <label className="field">
        <span>Search names and changes</span>
        <input
          type="search"
          value={q}
          maxLength={200}
          placeholder="e.g. replicas"
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
    </div>
  );
}

/** Where the export links lead: the same filter as the list, every match, oldest first. */
function Exports({ filter }: { filter: HistoryFilter }) {
  const base = useBasePath();
  return (
    <p className="exports">
      Export:{' '}
      <a href={withBase(base, `/api/v1/history${historyQuery(filter, { format: 'csv' })}`)} download>
        CSV
      </a>{' '}
      ·{' '}
      <a href={withBase(base, `/api/v1/history${historyQuery(filter, { format: 'jsonl' })}`)} download>
        JSON Lines
      </a>{' '}
      ·{' '}
      <a
        href={withBase(base, `/api/v1/history${historyQuery({ namespace: filter.namespace, kind: filter.kind, since: filter.since, until: filter.until }, { format: 'bundle' })}`)}
        download
      >
        Audit bundle
      </a>{' '}
      <span className="muted">
        (the chain of this namespace, kind and window; checks offline with npm run audit -- verify)
      </span>
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
  return (
    <>
      <Source />
      <Filters />
      {error && <ErrorPanel error={error} title="Cannot load the history." />}
      <div className="panel">
        {timeline.data ? (
          <Timeline
            data={timeline.data}
            onPick={(since, until) => set((p) => (p.set('since', since), p.set('until', until)))}
            onTurn={(t) => set((p) => (p.set('object', entryRef(t)), p.set('revision', String(t.id))))}
          />
        ) : (
          !error && <Loading what="the timeline" />
        )}
        {(filter.since || filter.until) && (
          <p>
            Window: <span className="mono">{filter.since ?? 'the start'}</span> to{' '}
            <span className="mono">{filter.until ?? 'now'}</span>{' '}
            <button type="button" onClick={() => set((p) => (p.delete('since'), p.delete('until')))}>
              Whole history
            </button>
          </p>
        )}
        <Exports filter={filter} />
      </div>
      {object && (
        <section className="panel" aria-label={`History of ${object}`}>
          <h2>
            History of <span className="mono">{object}</span>{' '}
            <button
              type="button"
              className="ghost"
              onClick={() => set((p) => (p.delete('object'), p.delete('revision')))}
            >
              Close
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
        <Loading what="the changes" />
      ) : rows.length === 0 ? (
        <Empty>No recorded change matches.</Empty>
      ) : (
        <table className="history-list" aria-label="Recorded changes">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Object</th>
              <th scope="col">Change</th>
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
            Older changes
          </button>
        </p>
      )}
    </>
  );
}
