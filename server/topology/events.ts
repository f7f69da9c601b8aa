import type { EventSummary } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import { eventTime } from './pods';

/** Recent events about a set of objects (by uid), newest first. */
export function recentEvents(s: Stores, uids: string[], limit = 50): EventSummary[] {
  const out: Array<EventSummary & { t: string }> = [];
  for (const uid of uids) {
    for (const e of s.Event.byIndex('involved', uid)) {
      const t = eventTime(e);
      out.push({
        type: e.type ?? 'Normal',
        reason: e.reason ?? '',
        message: e.message ?? '',
        count: e.count ?? 1,
        lastSeen: t || null,
        object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
        t,
      });
    }
  }
  out.sort((a, b) => b.t.localeCompare(a.t));
  return out.slice(0, limit).map(({ t: _t, ...rest }) => rest);
}
