import { json, queryParams, withRuntime } from '@/server/api/http';
import { historyStore } from '@/server/api/history';
import { verdictOf } from '@/server/audit/open';

export const dynamic = 'force-dynamic';

/** Walks the hash chain: `{ ok, checked, firstBroken? }`. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    queryParams(req.url, []);
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    return json(rt.history.on ? verdictOf(rt.history) : store.verify());
  });
}
