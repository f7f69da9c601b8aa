import { error, json, withRuntime } from '@/server/api/http';
import { exportResponse, historyStore, parseHistoryQuery } from '@/server/api/history';

export const dynamic = 'force-dynamic';

/** Recorded changes, newest first, a page at a time; `format=csv|jsonl` streams every match, oldest first; `format=bundle` an audit bundle. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const q = parseHistoryQuery(req.url);
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    // A bundle's chain links carry every entry's names: only a viewer who sees everything may take one.
    if (q.format === 'bundle' && rt.viewer && !rt.viewer.all) {
      return error(
        403,
        'Forbidden',
        "an audit bundle links the whole chain, every namespace's entries named: it needs access to every kind everywhere; export json, jsonl or csv instead",
      );
    }
    if (q.format !== 'json') return exportResponse(store, q, q.format);
    return json(store.query(q));
  });
}
