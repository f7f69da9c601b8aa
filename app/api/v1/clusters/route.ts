import type { ClusterList } from '@/lib/wire/clusters';
import { BadInput, error, json, queryParams } from '@/server/api/http';
import { getClusters } from '@/server/runtime';
import { clustersFor } from '@/server/api/clusters';
import { viewerOf } from '@/server/api/viewer';
import { processSettings } from '@/server/settings/process';

export const dynamic = 'force-dynamic';

/**
 * The clusters this viewer may know of, `{ clusters: [{ name, state, server?, default?, message? }] }`
 * (server/api/clusters.ts): under per-viewer access only those they can see anything in, the
 * server URL only to an admin.
 */
export async function GET(req: Request) {
  try {
    queryParams(req.url, []);
  } catch (e) {
    if (e instanceof BadInput) return error(400, 'BadRequest', e.message);
    throw e;
  }
  const c = getClusters();
  if (!c.ok) return error(503, 'ClusterUnavailable', c.error);
  const { auth, authz } = processSettings();
  const body: ClusterList = {
    clusters: c.clusters
      ? await clustersFor(c.clusters, viewerOf(req.headers), { authz, signIn: auth !== 'none' })
      : [],
  };
  return json(body);
}
