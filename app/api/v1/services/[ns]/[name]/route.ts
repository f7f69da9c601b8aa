import { checkNames, error, json, notSynced, queryParams, withRuntime } from '@/server/api/http';
import { serviceDetail } from '@/server/topology/endpoints';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await ctx.params;
  return withRuntime((rt) => {
    queryParams(req.url, []);
    checkNames(ns, name);
    const svc = rt.cache.stores.Service.get(ns, name);
    if (!svc) return notSynced(rt, ['Service']) ?? error(404, 'NotFound', `service ${ns}/${name} not found`);
    return json(serviceDetail(svc, rt.cache.stores));
  });
}
