import { syncText } from '@/lib/wire/topology';
import { json } from '@/server/api/http';
import { getRuntime } from '@/server/runtime';
import { viewerOf } from '@/server/api/viewer';
import { streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/**
 * 200 when the kinds the graph is drawn from have synced and the graph is built from what they
 * listed (Events, listed after them, are not waited for); 503 otherwise.
 * To someone signed in (or with no sign-in configured) also: the state of each kind, live SSE
 * streams, objects cached per kind, the process's memory and what the topology engine's rebuilds
 * have cost (what `npm run bench` reads), the API server and context. A probe with no identity
 * learns only `ready`: the kubelet needs no more, and an unsigned caller is owed nothing of the cluster.
 */
export function GET(req: Request) {
  const r = getRuntime();
  const signedIn = viewerOf(req.headers) !== undefined;
  if (!r.ok) {
    return json(
      signedIn
        ? { ready: false, kinds: {}, error: { code: 'ClusterUnavailable', message: r.error } }
        : { ready: false },
      503,
    );
  }
  const registry = streamRegistry();
  const streams = { live: registry.live, max: registry.limits.total, maxPerClient: registry.limits.perClient };
  // Ready once the graph's kinds have synced and the graph has caught up with what they listed.
  // Serving a history file (no cluster) is ready at once.
  const ready = r.runtime.mode === 'audit' || r.runtime.engine.caughtUp(r.runtime.cache.synced);
  if (!signedIn) return json({ ready }, ready ? 200 : 503);
  const kinds = Object.fromEntries(Object.entries(r.runtime.cache.syncStatus()).map(([k, s]) => [k, syncText(s)]));
  const objects = Object.fromEntries(Object.entries(r.runtime.cache.stores).map(([k, store]) => [k, store.size]));
  const { rss, heapUsed } = process.memoryUsage();
  const memory = { rssBytes: rss, heapUsedBytes: heapUsed };
  const e = r.runtime.engine.stats;
  const engine = {
    flushes: e.flushes,
    entriesRebuilt: e.entriesRebuilt,
    meanFlushMs: e.flushes ? e.totalMs / e.flushes : 0,
    maxFlushMs: e.maxMs,
    slowFlushes: e.slowFlushes,
  };
  const body = {
    ready,
    kinds,
    streams,
    objects,
    memory,
    engine,
    server: r.runtime.server,
    context: r.runtime.context,
    mode: r.runtime.mode,
  };
  return json(body, ready ? 200 : 503);
}
