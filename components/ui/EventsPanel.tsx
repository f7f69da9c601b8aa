'use client';

import { useTranslations } from 'next-intl';
import type { EventSummary } from '@/lib/wire/topology';
import { RelativeTime } from './RelativeTime';
import { Empty } from './States';
import { Name } from './Name';
import { isNodeKind, NODE_KINDS } from '@/lib/wire/kinds';

/** Recent events about an object and what it owns, newest first (the server's `recentEvents`). */
export function EventsPanel({
  events,
  heading,
  id = 'ev-h',
}: {
  events: EventSummary[];
  heading?: string;
  id?: string;
}) {
  const t = useTranslations('events');
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>{heading ?? t('heading')}</h2>
      {events.length === 0 ? (
        <Empty>{t('none')}</Empty>
      ) : (
        <table className="events">
          <thead>
            <tr>
              <th scope="col">{t('lastSeen')}</th>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('reason')}</th>
              <th scope="col">{t('object')}</th>
              <th scope="col">{t('message')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={`${e.object}-${e.reason}-${i}`} data-event-type={e.type}>
                <td>
                  <RelativeTime iso={e.lastSeen} />
                </td>
                <td>{e.type === 'Warning' ? t('warning') : t('normal')}</td>
                <td>{e.reason}</td>
                <td>
                  <EventObject object={e.object} />
                </td>
                <td>
                  {e.message}
                  {e.count > 1 && <span className="muted">{t('times', { count: e.count })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `Kind/name` as the kind's abbreviation and the name, cut in the middle: the kind never eats the name. */
function EventObject({ object }: { object: string }) {
  const slash = object.indexOf('/');
  const kind = object.slice(0, slash);
  if (slash < 0 || !isNodeKind(kind)) return <Name value={object} max={30} />;
  return (
    <>
      <abbr className="kind" title={kind}>
        {NODE_KINDS[kind].abbr}
      </abbr>{' '}
      <Name value={object.slice(slash + 1)} max={26} />
    </>
  );
}
