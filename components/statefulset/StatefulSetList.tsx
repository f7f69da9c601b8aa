'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { LiveKindList } from '../ui/LiveKindList';
import { StatusBadge } from '../ui/StatusBadge';
import { Name } from '@/components/ui/Name';

/** `/statefulsets`: every StatefulSet, live, worst first. */
export function StatefulSetList() {
  const t = useTranslations('statefulsets');
  const words = useWords();
  return (
    <LiveKindList kind="StatefulSet">
      {(sets) => (
        <table>
          <caption className="muted">{t('caption', { count: sets.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colNamespace')}</th>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colReady')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colRevision')}</th>
              <th scope="col">{t('colWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((n) => {
              const cur = n.info.currentRevision;
              const upd = n.info.updateRevision;
              return (
                <tr key={n.id} data-node-id={n.id} data-status={n.status}>
                  <td>
                    <Name value={n.namespace ?? ''} max={24} />
                  </td>
                  <td>
                    <Link href={`/statefulsets/${encodeURIComponent(n.namespace ?? '')}/${encodeURIComponent(n.name)}`}>
                      <Name value={n.name} max={32} />
                    </Link>
                  </td>
                  <td>
                    {n.info.ready}/{n.info.replicas}
                  </td>
                  <td>
                    <StatusBadge status={n.status} />
                  </td>
                  <td className="mono">{cur === upd ? upd : `${cur} → ${upd}`}</td>
                  <td>{words.reason(n)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </LiveKindList>
  );
}
