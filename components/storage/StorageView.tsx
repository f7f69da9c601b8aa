'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { StorageRow } from '@/lib/wire/storage';
import type { GraphNode, NodeOf } from '@/lib/wire/topology';
import { useStorage } from '../data/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import { MoreFooter } from '../ui/ShowMore';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { Name } from '@/components/ui/Name';
import { SelectedObject } from './SelectedObject';

/** The same view with this object selected (its events below the tables), from the current URL. */
function useSelectHref(): (id: string) => string {
  const params = useSearchParams();
  return (id) => {
    const q = new URLSearchParams(params);
    q.set('select', id);
    return `/storage?${q}`;
  };
}

/** `absent`: what an empty cell says instead of a dash (a volume the viewer may not see). */
function Cell({
  n,
  selected,
  absent,
  children,
}: {
  n?: GraphNode;
  selected?: string | null;
  absent?: string;
  children?: React.ReactNode;
}) {
  const selectHref = useSelectHref();
  const words = useWords();
  if (!n)
    return (
      <td className="muted" data-absent={absent ? '' : undefined}>
        {absent ?? '—'}
      </td>
    );
  return (
    <td
      data-node-id={n.id}
      data-status={n.status}
      className={selected === n.id ? 'selected' : undefined}
      id={`node-${n.id}`}
    >
      <div className="cell-head">
        <StatusBadge status={n.status} compact />{' '}
        <Link href={selectHref(n.id)} aria-current={selected === n.id ? 'true' : undefined}>
          <Name value={n.name} max={40} />
        </Link>
      </div>
      {children}
      {n.reason && <div className="reason">{words.reason(n)}</div>}
    </td>
  );
}

/** Claims as the server pages them, problems first; a selected row further down comes too, so deep links land. */
function ClaimsTable({ rows: drawn, selected }: { rows: StorageRow[]; selected: string | null }) {
  const t = useTranslations('storage');
  return (
    <table className="storage">
      <thead>
        <tr>
          <th scope="col">{t('colClaim')}</th>
          <th scope="col">{t('colVolume')}</th>
          <th scope="col">{t('colClass')}</th>
        </tr>
      </thead>
      <tbody>
        {drawn.map(({ claim, volume, cls }) => (
          <tr key={claim.id} className={claim.info.orphan ? 'orphan-row' : undefined}>
            <Cell n={claim} selected={selected}>
              <div className="muted">
                {claim.namespace} · {claim.info.phase} · {claim.info.capacity || '?'}{' '}
                {claim.info.accessModes ? `· ${claim.info.accessModes}` : ''}
              </div>
              {claim.info.statefulSet ? (
                <div className="muted">
                  {t.rich('of', {
                    statefulSet: claim.info.statefulSet,
                    whenScaled: claim.info.whenScaled ?? '',
                    whenDeleted: claim.info.whenDeleted ?? '',
                    link: (chunks) => (
                      <Link
                        href={`/statefulsets/${encodeURIComponent(claim.namespace ?? '')}/${encodeURIComponent(claim.info.statefulSet ?? '')}`}
                      >
                        {chunks}
                      </Link>
                    ),
                  })}
                  {claim.info.orphan ? (
                    claim.info.whenScaled === 'Retain' ? (
                      <strong className="tag">{t('retainedTag')}</strong>
                    ) : (
                      <strong className="tag warn">{t('orphanedTag')}</strong>
                    )
                  ) : null}
                </div>
              ) : null}
            </Cell>
            <Cell n={volume} selected={selected} absent={claim.info.volumeHidden ? t('hidden') : undefined}>
              {volume && (
                <div className="muted">
                  {volume.info.phase} · {t('reclaim', { policy: volume.info.reclaimPolicy })} · {volume.info.capacity}
                </div>
              )}
            </Cell>
            <Cell n={cls} selected={selected}>
              {cls &&
                ('missing' in cls.info ? (
                  <div className="muted">{t('missing')}</div>
                ) : (
                  <div className="muted">
                    {cls.info.provisioner} · {cls.info.volumeBindingMode} ·{' '}
                    {t('reclaim', { policy: cls.info.reclaimPolicy })}
                    {cls.info.default ? t('default') : ''}
                  </div>
                ))}
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LooseVolumes({
  volumes: shown,
  selected,
}: {
  volumes: NodeOf<'PersistentVolume'>[];
  selected: string | null;
}) {
  const t = useTranslations('storage');
  return (
    <table>
      <tbody>
        {shown.map((v) => (
          <tr key={v.id} className={v.info.phase === 'Released' ? 'released-row' : undefined}>
            <Cell n={v} selected={selected}>
              <div className="muted">
                {v.info.phase} · {t('reclaim', { policy: v.info.reclaimPolicy })} · {v.info.capacity} ·{' '}
                {t('was', { claim: v.info.claim || 'absent' })}
              </div>
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/storage`: claim → volume → class, with phases, reclaim and retention policies, orphans and Released volumes. */
export function StorageView() {
  const params = useSearchParams();
  const ns = params.get('namespace') ?? undefined;
  const selected = params.get('select');
  const [limit, setLimit] = useState(200);
  const { data: view, error, isPending } = useStorage(ns, limit, selected);
  const t = useTranslations();
  useEffect(() => {
    if (selected && view) document.getElementById(`node-${selected}`)?.scrollIntoView({ block: 'center' });
  }, [selected, view]);
  if (isPending) return <Loading what={t('what.storage')} />;
  if (error || !view) return <ErrorPanel error={error} />;
  return (
    <>
      <section className="panel" aria-labelledby="claims-h">
        <h2 id="claims-h">{t('storage.claimChain')}</h2>
        {view.totalRows === 0 ? (
          <Empty>{t('storage.noClaims', { namespace: ns ?? 'absent' })}</Empty>
        ) : (
          <ClaimsTable rows={view.rows} selected={selected} />
        )}
        <MoreFooter
          shown={Math.min(limit, view.totalRows)}
          total={view.totalRows}
          what={t('list.claims')}
          onShow={setLimit}
        />
      </section>
      {selected && <SelectedObject key={selected} id={selected} />}
      {!ns && (
        <section className="panel" aria-labelledby="loose-h">
          <h2 id="loose-h">{t('storage.loose')}</h2>
          {view.totalLoose === 0 ? (
            <Empty>{t('storage.allBound')}</Empty>
          ) : (
            <LooseVolumes volumes={view.loose} selected={selected} />
          )}
          <MoreFooter
            shown={Math.min(limit, view.totalLoose)}
            total={view.totalLoose}
            what={t('list.volumes')}
            onShow={setLimit}
          />
        </section>
      )}
    </>
  );
}
