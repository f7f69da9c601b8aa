import { json, namespaceParam, withRuntime } from '@/server/api/http';
import { withStaleSince } from '@/server/api/stale';
import { driftReport } from '@/server/topology/drift';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return withRuntime((rt) => {
    const report = driftReport(rt.cache.stores, namespaceParam(req.url), rt.cache.history);
    return json(rt.history.on ? withStaleSince(report, rt.history.reader) : report);
  });
}
