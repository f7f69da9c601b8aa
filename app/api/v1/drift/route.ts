import { json, namespaceParam, withRuntime } from '@/server/api/http';
import { driftReport } from '@/server/topology/drift';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return withRuntime((rt) => json(driftReport(rt.cache.stores, namespaceParam(req.url), rt.cache.history)));
}
