'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useNamespaces } from '../data/hooks';
import { useUrlNavigate } from './urlState';

/** Namespace scope in the URL (`?namespace=`): deep links and the back button work. */
export function NamespaceSelect({ allowAll = true }: { allowAll?: boolean }) {
  const navigate = useUrlNavigate();
  const params = useSearchParams();
  const current = params.get('namespace') ?? '';
  const namespaces = useNamespaces();
  const t = useTranslations('namespace');
  const data = namespaces ? { namespaces } : undefined;
  return (
    <label className="field">
      <span>{t('label')}</span>
      <select
        value={current}
        onChange={(e) => {
          const ns = e.target.value;
          navigate((next) => {
            if (ns) next.set('namespace', ns);
            else next.delete('namespace');
          });
        }}
      >
        {allowAll && <option value="">{t('all')}</option>}
        {(data?.namespaces ?? (current ? [current] : [])).map((ns) => (
          <option key={ns} value={ns}>
            {ns}
          </option>
        ))}
        {/* A namespace in the URL that the cluster does not have stays what the picker shows, said so. */}
        {current && data && !data.namespaces.includes(current) && (
          <option value={current}>{t('missing', { namespace: current })}</option>
        )}
      </select>
    </label>
  );
}
