import { parseNodeId } from '@/lib/wire/kinds';
import { BadInput, json, namespaceParam, queryParams, withRuntime } from '@/server/api/http';

export const dynamic = 'force-dynamic';

const PARAMS = ['namespace', 'limit', 'select'];
const MAX_LIMIT = 1_000_000;

/**
 * A page of the storage chains (claim → volume → class, problems first) and of the volumes no
 * claim holds: `limit` rows of each (default 200), plus the row `select` (a node id) names.
 */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const params = queryParams(req.url, PARAMS);
    const namespace = namespaceParam(req.url, PARAMS);
    const rawLimit = params.get('limit') ?? '200';
    if (!/^\d{1,7}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT)
      throw new BadInput(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
    const select = params.get('select') ?? undefined;
    if (select !== undefined && !parseNodeId(select))
      throw new BadInput('select must be a node id (Kind/namespace/name, or Kind/name for cluster-scoped kinds)');
    return json(rt.engine.storagePage(namespace, Number(rawLimit), select));
  });
}
