'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { stringify } from 'yaml';
import type { GraphEdge } from '@/lib/wire/topology';
import { useObject } from '../data/hooks';
import { linkFor } from '../links';
import { RelativeTime } from '../ui/RelativeTime';
import { StatusBadge } from '../ui/StatusBadge';
import { ErrorPanel, Loading } from '../ui/States';
import type { DrawnNode } from '@/lib/wire/group';
import { WhatChanged } from '../history/WhatChanged';
import { CopyCommands } from '../ui/CopyCommands';
import { kubectlForId } from '@/lib/kubectl';

/** The selected node: why, related objects, recent events and read-only YAML (managedFields hidden). */
export function NodeDetails({
  node,
  edges,
  onSelect,
  onClose,
  at = null,
}: {
  node: DrawnNode;
  edges: GraphEdge[];
  onSelect: (id: string) => void;
  onClose: () => void;
  at?: string | null;
}) {
  const isGroup = node.kind === 'Group';
  // A StorageClass that claims name but that does not exist has no object to fetch.
  const absent = node.kind === 'StorageClass' && 'missing' in node.info;
  // In the past (`at`), the live object's events and YAML would mislead: they are not shown.
  const { data, error, isPending } = useObject(isGroup || absent || at ? null : node.id);
  const related = edges.filter((e) => e.source === node.id || e.target === node.id);
  const t = useTranslations('topology');
  const tw = useTranslations('what');
  const te = useTranslations('events');
  const words = useWords();
  const reason = node.kind === 'Group' ? undefined : words.reason(node);
  return (
    <aside className="details" aria-label={t('details', { kind: node.kind, name: node.name })}>
      <header>
        <h2>
          <span className="kind">{node.kind}</span>{' '}
          <span className="mono">
            {node.namespace ? `${node.namespace}/` : ''}
            {node.name}
          </span>
        </h2>
        <button type="button" className="ghost" onClick={onClose} aria-label={t('close')}>
          ✕
        </button>
      </header>
      <StatusBadge status={node.status} />
      {(reason ?? node.reason) && <p className="reason">{reason ?? node.reason}</p>}
      {!isGroup && (
        <p>
          <Link href={linkFor(node as Parameters<typeof linkFor>[0])}>{t('openView')}</Link>
        </p>
      )}
      {!isGroup && <WhatChanged refId={node.id} at={at} />}
      {!isGroup && <CopyCommands commands={kubectlForId(node.id)} folded />}
      <h3>{t('related')}</h3>
      <ul className="related">
        {related.map((e) => {
          const other = e.source === node.id ? e.target : e.source;
          const dir = e.source === node.id ? `${t(`edge.${e.kind}`)} →` : `← ${t(`edge.${e.kind}`)}`;
          return (
            <li key={e.id}>
              <span className="muted">{dir}</span>{' '}
              <button type="button" className="link mono" onClick={() => onSelect(other)}>
                {other}
              </button>
              {e.drift && <span className="tag warn"> {t('staleTag')}</span>}
            </li>
          );
        })}
      </ul>
      {at && !isGroup && (
        <p className="muted">
          {t.rich('asRecorded', {
            when: words.dateTime(at),
            time: (chunks) => <time dateTime={at}>{chunks}</time>,
            link: (chunks) => <Link href={`/history?object=${encodeURIComponent(node.id)}`}>{chunks}</Link>,
          })}
        </p>
      )}
      {absent && <p className="muted">{t('classMissing')}</p>}
      {!isGroup &&
        !absent &&
        !at &&
        (isPending ? (
          <Loading what={tw('details')} />
        ) : error || !data ? (
          <ErrorPanel error={error} />
        ) : (
          <>
            {data.lastChange && (
              <p className="muted">
                {t.rich('lastChanged', {
                  manager: data.lastChange.manager,
                  time: () => <RelativeTime iso={data.lastChange?.time} />,
                })}
              </p>
            )}
            <h3>{te('headingOnly')}</h3>
            {data.events.length === 0 ? (
              <p className="muted">{te('noneShort')}</p>
            ) : (
              <ul className="events-list">
                {data.events.slice(0, 10).map((ev, i) => (
                  <li key={i} data-event-type={ev.type}>
                    <RelativeTime iso={ev.lastSeen} /> {ev.type === 'Warning' ? '▲' : '·'} <strong>{ev.reason}</strong>{' '}
                    {ev.message}
                    {ev.count > 1 ? te('times', { count: ev.count }) : ''}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('yaml')}</h3>
            {data.partial !== undefined && (
              <p className="muted" role="note">
                {t('yamlPartial', { reason: data.partial })}
              </p>
            )}
            <pre className="yaml" tabIndex={0} aria-label={t('yamlLabel')}>
              {stringify(data.object, { lineWidth: 0 })}
            </pre>
          </>
        ))}
    </aside>
  );
}
