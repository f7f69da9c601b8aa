'use client';

import type { HistoryStatus } from '@/lib/wire/history';
import { useHistoryStatus } from '../data/history';

function scopeText(s: NonNullable<HistoryStatus['bundle']>['scope']): string {
  const parts = [
    s.namespace ? `namespace ${s.namespace}` : 'every namespace',
    s.kind ? `${s.kind} only` : '',
    s.since ? `from ${s.since}` : '',
    s.until ? `to ${s.until}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/**
 * For a history file or audit bundle handed over (served with no cluster): where the page's
 * history comes from, and for a bundle, what it holds and whether its chain is whole.
 */
export function Source() {
  const { data } = useHistoryStatus();
  if (!data?.handedOver) return null;
  const b = data.bundle;
  return (
    <p className="past-banner" role="status" data-source={b ? 'bundle' : 'file'}>
      Read-only: served from <span className="mono">{data.path}</span>
      {b ? (
        <>
          , an audit bundle exported at <span className="mono">{b.exportedAt}</span> ({scopeText(b.scope)}; {b.entries}{' '}
          changes).{' '}
          {b.verdict.ok ? (
            <span data-verdict="ok">Its chain is whole ({b.verdict.checked} links checked).</span>
          ) : (
            <strong data-verdict="broken">
              Its chain is broken at entry {b.verdict.firstBroken?.id}: {b.verdict.firstBroken?.reason}.
            </strong>
          )}
        </>
      ) : (
        ', with no cluster: nothing new is recorded.'
      )}
    </p>
  );
}
