import { syncText } from '@/lib/wire/topology';
import { json } from '@/server/api/http';
import { getRuntime } from '@/server/runtime';
import { streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/**
 * 200 when every informer has synced; 503 with the state of each kind otherwise. Either way:
 * live SSE streams, objects cached per kind and the process's memory (what `npm run bench` reads).
 */
export function GET() {
  const r = getRuntime();
  if (!r.ok) return json({ kinds: {}, error: { code: 'ClusterUnavailable', message: r.error } }, 503);
  const registry = streamRegistry();
  const streams = { live: registry.live, max: registry.limits.total, maxPerClient: registry.limits.perClient };
  const ready = r.runtime.cache.synced;
  const kinds = Object.fromEntries(Object.entries(r.runtime.cache.syncStatus()).map(([k, s]) => [k, syncText(s)]));
  const objects = Object.fromEntries(Object.entries(r.runtime.cache.stores).map(([k, store]) => [k, store.size]));
  const { rss, heapUsed } = process.memoryUsage();
  const memory = { rssBytes: rss, heapUsedBytes: heapUsed };
  return json({ ready, kinds, streams, objects, memory, server: r.runtime.server, context: r.runtime.context }, ready ? 200 : 503);
}
