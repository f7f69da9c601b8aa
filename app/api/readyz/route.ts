import { syncText } from '@/lib/wire/topology';
import { json } from '@/server/api/http';
import { getRuntime } from '@/server/runtime';
import { streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/** 200 when every informer has synced; 503 with the state of each kind otherwise. Live SSE streams either way. */
export function GET() {
  const r = getRuntime();
  if (!r.ok) return json({ kinds: {}, error: { code: 'ClusterUnavailable', message: r.error } }, 503);
  const registry = streamRegistry();
  const streams = { live: registry.live, max: registry.limits.total, maxPerClient: registry.limits.perClient };
  const ready = r.runtime.cache.synced;
  const kinds = Object.fromEntries(Object.entries(r.runtime.cache.syncStatus()).map(([k, s]) => [k, syncText(s)]));
  return json({ ready, kinds, streams, server: r.runtime.server, context: r.runtime.context }, ready ? 200 : 503);
}
