import { TIMELINE_TURNS, type HistoryTimeline } from '@/lib/wire/history';
import { json, withRuntime } from '@/server/api/http';
import { historyStore, timelineParams } from '@/server/api/history';
import { blindSpans, coverageSpans } from '@/server/audit/coverage';

export const dynamic = 'force-dynamic';

/**
 * Change density over a window (`buckets` spans, by type, unobserved, problem turns), the newest
 * problem transitions, and where the query's kinds were not watched.
 */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    const { q, from, to, buckets } = timelineParams(req.url, store);
    const spans = coverageSpans(store.marks(undefined, to), to);
    const blind = blindSpans(spans, q.kind ? [q.kind] : undefined).filter((b) => b.to > from);
    const body: HistoryTimeline = {
      from,
      to,
      bucketMs: Math.ceil((Date.parse(to) - Date.parse(from)) / buckets),
      buckets: store.density(q, from, to, buckets),
      blind,
      turns: store.turns(q, from, to, TIMELINE_TURNS),
    };
    return json(body);
  });
}
