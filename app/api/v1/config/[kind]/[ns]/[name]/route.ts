import { BadInput, checkNames, error, json, notSynced, queryParams, withRuntime } from '@/server/api/http';
import { configHistory } from '@/server/api/objects';

export const dynamic = 'force-dynamic';

/** Versions of a ConfigMap (values) or Secret (hashes only) seen while watching, for the drift diff. */
export async function GET(req: Request, ctx: { params: Promise<{ kind: string; ns: string; name: string }> }) {
  const { kind, ns, name } = await ctx.params;
  return withRuntime((rt) => {
    queryParams(req.url, []);
    if (kind !== 'ConfigMap' && kind !== 'Secret') throw new BadInput('kind must be ConfigMap or Secret');
    checkNames(ns, name);
    const view = configHistory(rt, kind, ns, name);
    if (!view) return notSynced(rt, [kind]) ?? error(404, 'NotFound', `${kind} ${ns}/${name} not found`);
    return json(view);
  });
}
