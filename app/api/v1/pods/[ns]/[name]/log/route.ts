import { checkNames, error, notSynced, queryParams, withRuntime } from '@/server/api/http';
import { logRequest, podLog } from '@/server/api/logs';
import { streamClient, streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/** A container's log as text: `?container=&previous=&tailLines=&timestamps=&follow=` (README "HTTP API"). */
export async function GET(req: Request, ctx: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await ctx.params;
  return withRuntime(async (rt) => {
    const q = queryParams(req.url, ['container', 'previous', 'tailLines', 'timestamps', 'follow']);
    checkNames(ns, name);
    const pod = rt.cache.stores.Pod.get(ns, name);
    if (!pod) return notSynced(rt, ['Pod']) ?? error(404, 'NotFound', `pod ${ns}/${name} not found`);
    const r = logRequest(q, pod);
    if (!r.follow) return podLog(rt, pod, r, req.signal);
    const admitted = streamRegistry().admit(streamClient(req.headers));
    if (!admitted.ok) return error(429, 'TooManyStreams', admitted.reason, { 'Retry-After': String(admitted.retryAfterS) });
    return podLog(rt, pod, r, req.signal, () => admitted.admission.release());
  });
}
