import { checkNames, error, json, notSynced, queryParams, withRuntime } from '@/server/api/http';
import { podDetail } from '@/server/topology/poddetail';

export const dynamic = 'force-dynamic';

/** One pod, one level deeper: containers, probes, the last probe failure, mounts, events, its rollout's diff (lib/wire/pod.ts). */
export async function GET(req: Request, ctx: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await ctx.params;
  return withRuntime((rt) => {
    queryParams(req.url, []);
    checkNames(ns, name);
    const pod = rt.cache.stores.Pod.get(ns, name);
    if (!pod) return notSynced(rt, ['Pod']) ?? error(404, 'NotFound', `pod ${ns}/${name} not found`);
    return json(podDetail(pod, rt.cache.stores, Date.now(), rt.cache.history));
  });
}
