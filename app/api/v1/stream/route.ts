import { BadInput, namespaceParam, withRuntime } from '@/server/api/http';
import { topologyStream } from '@/server/stream/sse';

export const dynamic = 'force-dynamic';

/** SSE: `snapshot`, then `change` events; `Last-Event-ID` (header, or `lastEventId` for tools) resumes. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const namespace = namespaceParam(req.url, ['namespace', 'lastEventId']);
    const raw = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId');
    if (raw !== null && !/^\d{1,15}$/.test(raw)) throw new BadInput('Last-Event-ID must be a non-negative integer revision');
    const stream = topologyStream(rt, namespace, raw === null ? undefined : Number(raw), req.signal);
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  });
}
