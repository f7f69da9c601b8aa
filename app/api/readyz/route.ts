import { syncText } from '@/lib/wire/topology';
import { json } from '@/server/api/http';
import { getRuntime } from '@/server/runtime';
import { streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/**
 * 200 when every informer has synced and the graph is built from what they listed; 503 with the state of each kind otherwise. Either way:
 * live SSE streams, objects cached per kind, the process's memory and what the topology engine's
 * rebuilds have cost (what `npm run bench` reads).
 */
export function GET() {
  const r = getRuntime();
  if (!r.ok) return json({ kinds: {}, error: { code: 'ClusterUnavailable', message: r.error } }, 503);
  const registry = streamRegistry();
  const streams = { live: registry.live, max: registry.limits.total, maxPerClient: registry.limits.perClient };
  // Ready once every informer has synced and the graph has caught up with what they listed.
  // Serving a history file (no cluster) is ready at once.
  const ready = r.runtime.mode === 'audit' || r.runtime.engine.caughtUp(r.runtime.cache.synced);
  const kinds = Object.fromEntries(Object.entries(r.runtime.cache.syncStatus()).map(([k, s]) => [k, syncText(s)]));
  const objects = Object.fromEntries(Object.entries(r.runtime.cache.stores).map(([k, store]) => [k, store.size]));
  const { rss, heapUsed } = process.memoryUsage();
  const memory = { rssBytes: rss, heapUsedBytes: heapUsed };
  const e = r.runtime.engine.stats;
  const engine = { flushes: e.flushes, partsRebuilt: e.partsRebuilt, meanFlushMs: e.flushes ? e.totalMs / e.flushes : 0, maxFlushMs: e.maxMs };
  const body = { ready, kinds, streams, objects, memory, engine, server: r.runtime.server, context: r.runtime.context, mode: r.runtime.mode };
  return json(body, ready ? 200 : 503);
}
