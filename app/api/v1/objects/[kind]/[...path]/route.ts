import { error, json, notSynced, queryParams, withRuntime } from '@/server/api/http';
import { objectDetail, parseObjectPath } from '@/server/api/objects';

export const dynamic = 'force-dynamic';

/** One object for the details panel, read whole from the API server (managedFields dropped, Secrets reduced to key names and hashes), with its events. */
export async function GET(req: Request, ctx: { params: Promise<{ kind: string; path: string[] }> }) {
  const { kind, path } = await ctx.params;
  return withRuntime(async (rt) => {
    queryParams(req.url, []);
    const ref = parseObjectPath(kind, path);
    const detail = await objectDetail(rt, ref.kind, ref.namespace, ref.name);
    if (!detail)
      return (
        notSynced(rt, [ref.kind]) ??
        error(404, 'NotFound', `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} not found`)
      );
    return json(detail);
  });
}
