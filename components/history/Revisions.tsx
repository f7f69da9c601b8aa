'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { HistoryEntry } from '@/lib/wire/history';
import { useRevisionDiff, useRevisions } from '../data/history';
import { ErrorPanel, Loading } from '../ui/States';
import { ChangeRow } from './ChangeRow';
import { sideBySideRows } from '../ui/diffRows';
import { UnifiedDiff } from '../ui/UnifiedDiff';

type Mode = 'unified' | 'split';

function SideBySide({ before, after }: { before: string; after: string }) {
  const t = useTranslations('diff');
  return (
    <table className="yaml-diff split" aria-label={t('sideBySide')}>
      <thead>
        <tr>
          <th scope="col">{t('before')}</th>
          <th scope="col">{t('after')}</th>
        </tr>
      </thead>
      <tbody>
        {sideBySideRows(before, after).map((r, i) =>
          'skipped' in r ? (
            <tr key={i} className="skipped">
              <td colSpan={2}>{t('skipped', { count: r.skipped })}</td>
            </tr>
          ) : (
            <tr key={i}>
              <td className={r.changed && r.left !== undefined ? 'del' : undefined}>{r.left ?? ''}</td>
              <td className={r.changed && r.right !== undefined ? 'add' : undefined}>{r.right ?? ''}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

/** Two YAML texts as a diff, unified or side by side (the reader's choice, kept while browsing). */
function YamlDiff({ before, after }: { before: string; after: string }) {
  const [mode, setMode] = useState<Mode>('unified');
  const t = useTranslations('diff');
  return (
    <div className="diff-view">
      <div role="group" aria-label={t('layout')}>
        <button type="button" aria-pressed={mode === 'unified'} onClick={() => setMode('unified')}>
          {t('unifiedButton')}
        </button>{' '}
        <button type="button" aria-pressed={mode === 'split'} onClick={() => setMode('split')}>
          {t('splitButton')}
        </button>
      </div>
      {mode === 'unified' ? (
        <UnifiedDiff before={before} after={after} />
      ) : (
        <SideBySide before={before} after={after} />
      )}
    </div>
  );
}

/** The diff of one revision against the one before it (a creation: its whole content). */
function RevisionChange({
  refId,
  revisions,
  selected,
}: {
  refId: string;
  revisions: HistoryEntry[];
  selected: HistoryEntry;
}) {
  const i = revisions.findIndex((e) => e.id === selected.id);
  const previous = revisions[i + 1];
  const { data, error, isPending } = useRevisionDiff(
    refId,
    previous?.id ?? selected.id,
    previous ? selected.id : undefined,
  );
  const tw = useTranslations('what');
  if (!previous) {
    if (error) return <ErrorPanel error={error} />;
    if (isPending) return <Loading what={tw('revision')} />;
    return <YamlDiff before="" after={data?.from.yaml ?? ''} />;
  }
  if (error) return <ErrorPanel error={error} />;
  if (isPending || !data) return <Loading what={tw('diff')} />;
  return <YamlDiff before={data.from.yaml} after={data.to.yaml} />;
}

/** An object's revisions, newest first; the picked one (`revision`) shown as a diff against the one before. */
export function Revisions({
  refId,
  revision,
  onRevision,
}: {
  refId: string;
  revision: number | null;
  onRevision: (id: number) => void;
}) {
  const { data, error, isPending } = useRevisions(refId);
  const t = useTranslations();
  if (error) return <ErrorPanel error={error} />;
  if (isPending || !data) return <Loading what={t('what.revisions')} />;
  const selected = data.revisions.find((e) => e.id === revision) ?? data.revisions[0];
  return (
    <div className="revisions">
      <table className="history-list">
        <tbody>
          {data.revisions.map((e) => (
            <ChangeRow
              key={e.id}
              entry={e}
              selected={e.id === selected?.id}
              onOpen={() => onRevision(e.id)}
              showObject={false}
            />
          ))}
        </tbody>
      </table>
      {selected ? (
        <RevisionChange refId={refId} revisions={data.revisions} selected={selected} />
      ) : (
        <p className="muted">{t('history.noRevision')}</p>
      )}
    </div>
  );
}
