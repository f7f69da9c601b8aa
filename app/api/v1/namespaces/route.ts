import { json, queryParams, withRuntime } from '@/server/api/http';
import { namespacesOf } from '@/server/topology/graph';

export const dynamic = 'force-dynamic';

/** Namespaces that hold at least one watched object, for pickers. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    queryParams(req.url, []);
    return json({ namespaces: namespacesOf(rt.cache.stores) });
  });
}
