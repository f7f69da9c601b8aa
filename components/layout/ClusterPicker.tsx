'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { clusterPrefix, type ClusterList } from '@/lib/wire/clusters';
import { getJson } from '../data/hooks';
import { rootPath, useBasePath } from '../ui/basePath';

/**
 * Which cluster the pages show, when the dashboard has more than one: a cluster's pages are
 * under `/c/{cluster}/` (the default one's at `/`), so choosing one goes to its overview; each
 * says its state (an unreachable one is listed as such, the others unaffected).
 */
export function ClusterPicker() {
  const { data } = useQuery<ClusterList>({
    queryKey: ['clusters'],
    queryFn: () => getJson('/api/v1/clusters'),
    refetchInterval: 15_000,
  });
  const base = useBasePath();
  const t = useTranslations('header');
  const clusters = data?.clusters ?? [];
  if (clusters.length < 2) return null;
  const root = rootPath();
  const here = base === root ? clusters.find((c) => c.default)?.name : decodeURIComponent(base.slice(root.length + 3));
  return (
    <label className="cluster-picker" data-cluster={here ?? ''}>
      <span className="muted">{t('cluster')}</span>{' '}
      <select
        value={here ?? ''}
        onChange={(e) => {
          const c = clusters.find((x) => x.name === e.target.value);
          // A whole page load: the root layout, which sets the prefix every link and request keeps, is the cluster's.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          if (c) window.location.assign(`${root}${clusterPrefix(c.name, !!c.default)}/`);
        }}
      >
        {clusters.map((c) => (
          <option key={c.name} value={c.name} data-state={c.state} disabled={c.state === 'error'}>
            {c.state === 'synced' || c.state === 'idle' ? c.name : t('clusterState', { name: c.name, state: c.state })}
          </option>
        ))}
      </select>
    </label>
  );
}
