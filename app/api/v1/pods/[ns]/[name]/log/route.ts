import { error, oneObject } from '@/server/api/http';
import { logRequest, podLog } from '@/server/api/logs';
import { mayReadLogs } from '@/server/api/viewer';
import { streamClient, streamRegistry } from '@/server/stream/registry';

export const dynamic = 'force-dynamic';

/** A container's log as text: `?container=&previous=&tailLines=&timestamps=&follow=` (README "HTTP API"). */
export const GET = oneObject(
  'Pod',
  ['container', 'previous', 'tailLines', 'timestamps', 'follow'],
  async (pod, rt, q, req) => {
    const r = logRequest(q, pod);
    if (!(await mayReadLogs(rt, pod.metadata.namespace ?? ''))) {
      return error(
        403,
        'Forbidden',
        `the cluster does not let you read the logs of pods in ${pod.metadata.namespace} (get pods/log)`,
      );
    }
    if (!r.follow) return podLog(rt, pod, r, req.signal);
    const admitted = streamRegistry().admit(streamClient(req.headers));
    if (!admitted.ok)
      return error(429, 'TooManyStreams', admitted.reason, { 'Retry-After': String(admitted.retryAfterS) });
    const ns = pod.metadata.namespace ?? '';
    // Held like the event streams: once the viewer may no longer read these logs, the follow ends, saying why.
    const revoked = new AbortController();
    const letGo =
      rt.access && rt.viewer
        ? rt.access.holdWhile(
            rt.viewer,
            () => mayReadLogs(rt, ns),
            () => revoked.abort(),
          )
        : undefined;
    const release = () => {
      admitted.admission.release();
      letGo?.();
    };
    const why = `ordinal: this log ended: you may no longer read the logs of pods in ${ns} (get pods/log)`;
    return podLog(rt, pod, r, req.signal, { release, revoked: revoked.signal, why });
  },
);
