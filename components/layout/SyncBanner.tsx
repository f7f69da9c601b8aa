'use client';

import { syncText } from '@/lib/wire/topology';
import { useConnection } from '../data/hooks';

/** While the server's cache warms (or a kind is forbidden), per-kind progress. */
export function SyncBanner() {
  const { sync } = useConnection();
  if (!sync || sync.synced) return null;
  const kinds = Object.entries(sync.kinds);
  const done = kinds.filter(([, s]) => s.state === 'synced').length;
  return (
    <section className="sync-banner" aria-label="Cache sync progress">
      <strong>
        Syncing the cluster cache: {done}/{kinds.length} kinds
      </strong>
      <progress max={kinds.length} value={done} />
      <ul>
        {kinds
          .filter(([, s]) => s.state !== 'synced')
          .map(([k, s]) => (
            <li key={k} data-sync={s.state}>
              {k}: {syncText(s)}
            </li>
          ))}
      </ul>
    </section>
  );
}
