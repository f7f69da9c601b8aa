'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { LiveKindList } from '../ui/LiveKindList';
import { StatusBadge } from '../ui/StatusBadge';
import { Name } from '@/components/ui/Name';
import { portText } from '@/lib/wire/topology';

export function ServiceList() {
  const t = useTranslations('statefulsets');
  const ts = useTranslations('services');
  const words = useWords();
  return (
    <LiveKindList kind="Service">
      {(svcs) => (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colNamespace')}</th>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{ts('colPorts')}</th>
              <th scope="col">{ts('colEndpoints')}</th>
              <th scope="col">{t('colWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {svcs.map((n) => (
              <tr key={n.id} data-node-id={n.id} data-status={n.status}>
                <td>
                  <Name value={n.namespace ?? ''} max={24} />
                </td>
                <td>
                  <Link href={`/services/${encodeURIComponent(n.namespace ?? '')}/${encodeURIComponent(n.name)}`}>
                    <Name value={n.name} max={32} />
                  </Link>{' '}
                  {n.info.headless ? <span className="tag">{ts('headless')}</span> : null}
                </td>
                <td>
                  <StatusBadge status={n.status} />
                </td>
                <td className="mono ports">{n.info.ports.length ? n.info.ports.map(portText).join(', ') : '—'}</td>
                <td>{ts('ready', { ready: n.info.ready, endpoints: n.info.endpoints })}</td>
                <td>{words.reason(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LiveKindList>
  );
}
