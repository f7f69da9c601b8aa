'use client';

import { useTranslations } from 'next-intl';
import { useSyncText } from './SyncBanner';
import { useConnection } from '../data/hooks';
import { RelativeTime } from '../ui/RelativeTime';

/** DOM hook: `data-connection="live"|"reconnecting"|"offline"`. */
export function ConnectionIndicator() {
  const { connection, staleSince, sync } = useConnection();
  const t = useTranslations('connection');
  const syncText = useSyncText();
  const syncing = sync && !sync.synced ? Object.entries(sync.kinds).filter(([, s]) => s.state !== 'synced') : [];
  return (
    <div className="connection" data-connection={connection} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      <span>{t(connection)}</span>
      {connection !== 'live' && staleSince && (
        <span className="muted"> {t.rich('staleSince', { time: () => <RelativeTime iso={staleSince} /> })}</span>
      )}
      {syncing.length > 0 && (
        <span className="muted" title={syncing.map(([k, s]) => `${k}: ${syncText(s)}`).join('\n')}>
          {' '}
          {t('notSynced', { count: syncing.length })}
        </span>
      )}
    </div>
  );
}
