'use client';

import type { HistoryEntry } from '@/lib/wire/history';
import { RelativeTime } from '../ui/RelativeTime';

const TYPE_LABEL: Record<HistoryEntry['type'], string> = { ADDED: 'created', MODIFIED: 'changed', DELETED: 'deleted' };

/** `Kind/namespace/name` (or `Kind/name`) of an entry's object. */
export function entryRef(e: Pick<HistoryEntry, 'kind' | 'namespace' | 'name'>): string {
  return e.namespace ? `${e.kind}/${e.namespace}/${e.name}` : `${e.kind}/${e.name}`;
}

/** When an unobserved change happened, as far as anyone can say. */
function windowText(e: HistoryEntry): string {
  if (!e.window) return '';
  return e.window.from
    ? `between ${e.window.from} and ${e.window.to}`
    : `before ${e.window.to} (before recording began)`;
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
        <span className={`tag change-${e.type.toLowerCase()}`}>{TYPE_LABEL[e.type]}</span>
        {e.problem?.turn === 'turned' && (
          <span
            className={`tag problem-turned health-${e.problem.health ?? 'warning'}`}
            title="Its own state turned into a problem with this change"
          >
            turned: {e.problem.code}
          </span>
        )}
        {e.problem?.turn === 'recovered' && (
          <span className="tag problem-recovered" title="Its problem ended with this change">
            recovered
          </span>
        )}
        {!e.observed && (
          <span className="tag warn" title={`Found by a list after a gap: it happened ${windowText(e)}`}>
            unobserved
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
        <button type="button" className="link" onClick={onOpen} aria-label={`Show this change of ${e.kind} ${e.name}`}>
          <span className="mono">{e.summary}</span>
        </button>
        {e.manager && <span className="muted"> by {e.manager}</span>}
      </td>
    </tr>
  );
}
