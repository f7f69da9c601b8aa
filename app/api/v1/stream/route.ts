import type { GroupedScope } from '@/lib/wire/group';
import { BadInput, error, problemsParam, scopeParams, viewParam, withRuntime, type View } from '@/server/api/http';
import { streamClient, streamRegistry } from '@/server/stream/registry';
import { groupedStream, summaryStream, topologyStream } from '@/server/stream/sse';

export const dynamic = 'force-dynamic';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

const PARAMS = ['namespace', 'kinds', 'lastEventId', 'view', 'problems'];

/**
 * `?namespace=`, `?kinds=`, the resume point (the `Last-Event-ID` header, or `lastEventId` for
 * tools), and `?view=`: absent for the topology, `grouped` for it as the topology view draws it,
 * `summary` for the overview's summary.
 */
function streamParams(req: Request): { scope: GroupedScope; lastEventId: number | undefined; view: View } {
  const search = new URL(req.url).searchParams;
  const view = viewParam(search);
  const scope = { ...scopeParams(req.url, PARAMS), problems: problemsParam(search, view) };
  if (view === 'summary' && (scope.namespace !== undefined || scope.kinds))
    throw new BadInput('view=summary is the whole cluster: it takes no namespace or kinds');
  const raw = req.headers.get('last-event-id') ?? search.get('lastEventId');
  if (raw !== null && !/^\d{1,15}$/.test(raw))
    throw new BadInput('Last-Event-ID must be a non-negative integer revision');
  return { scope, lastEventId: raw === null ? undefined : Number(raw), view };
}

/** SSE: `snapshot`, then `change` events (or `summary` events); `Last-Event-ID` resumes. Beyond the stream caps: 429 with Retry-After. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const { scope, lastEventId, view } = streamParams(req);
    const admitted = streamRegistry().admit(streamClient(req.headers));
    if (!admitted.ok)
      return error(429, 'TooManyStreams', admitted.reason, { 'Retry-After': String(admitted.retryAfterS) });
    // A viewer's stream ends when their access changes: the browser reopens under the new scope (or is refused).
    const revoked = new AbortController();
    const letGo =
      rt.access && rt.viewer
        ? rt.access.hold(rt.viewer, rt.viewer.key, (access) => revoked.abort({ access }))
        : () => undefined;
    const unhold = rt.hold?.() ?? (() => undefined);
    const o = {
      admission: { release: () => (admitted.admission.release(), letGo(), unhold()) },
      revoked: revoked.signal,
    };
    const stream =
      view === 'summary'
        ? summaryStream(rt, req.signal, o)
        : view === 'grouped'
          ? groupedStream(rt, scope, req.signal, o)
          : topologyStream(rt, scope, lastEventId, req.signal, o);
    return new Response(stream, { headers: SSE_HEADERS });
  });
}

/** The headers a GET would answer with; no stream is opened, nothing is held. */
export function HEAD(req: Request) {
  return withRuntime(() => {
    streamParams(req);
    return new Response(null, { headers: SSE_HEADERS });
  });
}
