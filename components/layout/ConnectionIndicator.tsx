'use client';

import { syncText } from '@/lib/wire/topology';
import { useConnection } from '../data/hooks';
import { RelativeTime } from '../ui/RelativeTime';

const LABEL = { live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

/** DOM hook: `data-connection="live"|"reconnecting"|"offline"`. */
export function ConnectionIndicator() {
  const { connection, staleSince, sync } = useConnection();
  const syncing = sync && !sync.synced ? Object.entries(sync.kinds).filter(([, s]) => s.state !== 'synced') : [];
  return (
    <div className="connection" data-connection={connection} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      <span>{LABEL[connection]}</span>
      {connection !== 'live' && staleSince && (
        <span className="muted">
          {' '}
          · stale since <RelativeTime iso={staleSince} />
        </span>
      )}
      {syncing.length > 0 && (
        <span className="muted" title={syncing.map(([k, s]) => `${k}: ${syncText(s)}`).join('\n')}>
          {' '}
          · cache: {syncing.length} kind{syncing.length > 1 ? 's' : ''} not synced
        </span>
      )}
    </div>
  );
}
