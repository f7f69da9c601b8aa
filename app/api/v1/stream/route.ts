import { BadInput, error, namespaceParam, withRuntime } from '@/server/api/http';
import { clientAddress, streamRegistry } from '@/server/stream/registry';
import { topologyStream } from '@/server/stream/sse';

export const dynamic = 'force-dynamic';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** `?namespace=` and the resume point: the `Last-Event-ID` header, or `lastEventId` for tools. */
function streamParams(req: Request): { namespace: string | undefined; lastEventId: number | undefined } {
  const namespace = namespaceParam(req.url, ['namespace', 'lastEventId']);
  const raw = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId');
  if (raw !== null && !/^\d{1,15}$/.test(raw)) throw new BadInput('Last-Event-ID must be a non-negative integer revision');
  return { namespace, lastEventId: raw === null ? undefined : Number(raw) };
}

/** SSE: `snapshot`, then `change` events; `Last-Event-ID` resumes. Beyond the stream caps: 429 with Retry-After. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const { namespace, lastEventId } = streamParams(req);
    const admitted = streamRegistry().admit(clientAddress(req.headers));
    if (!admitted.ok) return error(429, 'TooManyStreams', admitted.reason, { 'Retry-After': String(admitted.retryAfterS) });
    const stream = topologyStream(rt, namespace, lastEventId, req.signal, { admission: admitted.admission });
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
