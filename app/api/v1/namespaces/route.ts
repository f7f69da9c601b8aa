import { json, withRuntime } from '@/server/api/http';
import { namespacesOf } from '@/server/topology/graph';

export const dynamic = 'force-dynamic';

/** Namespaces that hold at least one watched object, for pickers. */
export function GET() {
  return withRuntime((rt) => json({ namespaces: namespacesOf(rt.cache.stores) }));
}
