import { error, json } from '@/server/api/http';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/** 200 when every informer has synced; 503 with the state of each kind otherwise. */
export function GET() {
  const r = getRuntime();
  if (!r.ok) return json({ kinds: {}, error: { code: 'ClusterUnavailable', message: r.error } }, 503);
  try {
    const kinds = r.runtime.cache.syncStatus();
    const ready = r.runtime.cache.synced;
    return json({ ready, kinds, server: r.runtime.server, context: r.runtime.context }, ready ? 200 : 503);
  } catch (e) {
    return error(500, 'InternalError', (e as Error).message);
  }
}
