import type { ClusterList } from '@/lib/wire/clusters';
import { BadInput, error, json, queryParams } from '@/server/api/http';
import { getClusters } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** The clusters this dashboard shows, `{ clusters: [{ name, state, server, default?, message? }] }`; none started by asking. */
export function GET(req: Request) {
  try {
    queryParams(req.url, []);
  } catch (e) {
    if (e instanceof BadInput) return error(400, 'BadRequest', e.message);
    throw e;
  }
  const c = getClusters();
  if (!c.ok) return error(503, 'ClusterUnavailable', c.error);
  const body: ClusterList = { clusters: c.clusters?.list() ?? [] };
  return json(body);
}
