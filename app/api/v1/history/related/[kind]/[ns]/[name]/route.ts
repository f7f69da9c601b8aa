import { json, queryParams, withRuntime } from '@/server/api/http';
import { historyObjectRef, historyStore, timeParam } from '@/server/api/history';
import { relatedChanges } from '@/server/api/past';

export const dynamic = 'force-dynamic';

/** "What changed before this": the object and its neighbours at `at` (default now) with their changes in the hour before. */
export async function GET(req: Request, ctx: { params: Promise<{ kind: string; ns: string; name: string }> }) {
  const { kind, ns, name } = await ctx.params;
  return withRuntime(async (rt) => {
    const params = queryParams(req.url, ['at']);
    const ref = historyObjectRef(kind, ns, name);
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    const at = params.get('at');
    return json(await relatedChanges(rt, store, ref, at === null ? undefined : timeParam('at', at)));
  });
}
