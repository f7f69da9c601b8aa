import { error, oneObject } from '@/server/api/http';
import { logRequest, podLog } from '@/server/api/logs';
import { streamClient, streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/** A container's log as text: `?container=&previous=&tailLines=&timestamps=&follow=` (README "HTTP API"). */
export const GET = oneObject('Pod', ['container', 'previous', 'tailLines', 'timestamps', 'follow'], (pod, rt, q, req) => {
  const r = logRequest(q, pod);
  if (!r.follow) return podLog(rt, pod, r, req.signal);
  const admitted = streamRegistry().admit(streamClient(req.headers));
  if (!admitted.ok) return error(429, 'TooManyStreams', admitted.reason, { 'Retry-After': String(admitted.retryAfterS) });
  return podLog(rt, pod, r, req.signal, () => admitted.admission.release());
});
