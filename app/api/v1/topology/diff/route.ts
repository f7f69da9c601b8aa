import { BadInput, jsonText, namespaceParam, queryParams, withRuntime } from '@/server/api/http';
import { historyStore, timeParam } from '@/server/api/history';
import { topologyDiffBetween } from '@/server/api/past';

export const dynamic = 'force-dynamic';

const PARAMS = ['from', 'to', 'namespace'];

/** What differs between the topology at `from` and at `to` (nodes and edges added and removed, status changes). */
export function GET(req: Request) {
  return withRuntime(async (rt) => {
    const params = queryParams(req.url, PARAMS);
    const namespace = namespaceParam(req.url, PARAMS);
    const from = params.get('from');
    const to = params.get('to');
    if (from === null || to === null) throw new BadInput('from and to are both required (RFC 3339 times)');
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    return jsonText(await topologyDiffBetween(rt, store, timeParam('from', from), timeParam('to', to), namespace));
  });
}
