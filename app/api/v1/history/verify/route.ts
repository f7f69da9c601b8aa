import { json, jsonText, queryParams, withRuntime } from '@/server/api/http';
import { historyStore } from '@/server/api/history';
import { verdictOf } from '@/server/audit/open';
import { offThread } from '@/server/audit/offthread';

export const dynamic = 'force-dynamic';

/** Walks the hash chain: `{ ok, checked, firstBroken? }`. */
export function GET(req: Request) {
  return withRuntime(async (rt) => {
    queryParams(req.url, []);
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    if (!rt.history.on || rt.history.bundle) return json(rt.history.on ? verdictOf(rt.history) : store.verify());
    // The walk of the whole chain, in the history worker (one at a time: 429 beyond).
    return jsonText(await offThread({ op: 'verify', path: store.path, scope: store.scope }, () => store.verify()));
  });
}
