import { checkNames, error, json, notSynced, queryParams, withRuntime } from '@/server/api/http';
import { statefulSetDetail } from '@/server/topology/ordinals';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await ctx.params;
  return withRuntime((rt) => {
    queryParams(req.url, []);
    checkNames(ns, name);
    const sts = rt.cache.stores.StatefulSet.get(ns, name);
    if (!sts) return notSynced(rt, ['StatefulSet']) ?? error(404, 'NotFound', `statefulset ${ns}/${name} not found`);
    return json(statefulSetDetail(sts, rt.cache.stores, Date.now()));
  });
}
