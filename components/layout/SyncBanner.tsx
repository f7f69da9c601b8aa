'use client';

import { useTranslations } from 'next-intl';
import type { SyncState } from '@/lib/wire/topology';
import { useConnection } from '../data/hooks';

/** One kind's sync state in words (an error's message is the API server's, as it said it). */
export function useSyncText(): (s: SyncState) => string {
  const t = useTranslations('sync.state');
  return (s) => (s.state === 'error' ? t('error', { message: s.message ?? '?' }) : t(s.state));
}

/** While the server's cache warms (or a kind is forbidden), per-kind progress. */
export function SyncBanner() {
  const { sync } = useConnection();
  const t = useTranslations('sync');
  const syncText = useSyncText();
  if (!sync || sync.synced) return null;
  const kinds = Object.entries(sync.kinds);
  const done = kinds.filter(([, s]) => s.state === 'synced').length;
  return (
    <section className="sync-banner" aria-label={t('label')}>
      <strong>{t('progress', { done, total: kinds.length })}</strong>
      <progress max={kinds.length} value={done} />
      <ul>
        {kinds
          .filter(([, s]) => s.state !== 'synced')
          .map(([k, s]) => (
            <li key={k} data-sync={s.state}>
              {t('kind', { kind: k, state: syncText(s) })}
            </li>
          ))}
      </ul>
    </section>
  );
}
