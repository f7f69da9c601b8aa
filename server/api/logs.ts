import type { Pod } from '../cache/types';
import { isHttpError } from '../kube/transport';
import type { Runtime } from '../runtime';
import { BadInput, error } from './http';

/**
 * A pod's container log, read through the server from the API server's `pods/log` (a get; never
 * exec, never port-forward): the pod must be in the cache and the container one of its own, so no
 * request reaches the cluster for a name it never showed. Bounded: at most LOG_LIMITS.tailLines
 * lines and `limitBytes` bytes; a follow is a long-lived stream counted with the viewers' streams.
 */
export const LOG_LIMITS = { tailLines: 10_000, defaultTail: 500, limitBytes: 8 * 1024 * 1024 } as const;

export interface LogRequest {
  container: string;
  previous: boolean;
  follow: boolean;
  timestamps: boolean;
  tailLines: number;
}

const bool = (q: URLSearchParams, name: string): boolean => {
  const v = q.get(name);
  if (v === null || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1' || v === '') return true;
  throw new BadInput(`${name} must be true or false`);
};

/** The request's parameters, checked against the pod's own containers. */
export function logRequest(q: URLSearchParams, pod: Pod): LogRequest {
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const asked = q.get('container') ?? '';
  if (!asked && (pod.spec?.containers ?? []).length !== 1)
    throw new BadInput(`container is required: pod ${pod.metadata.name} has ${names.join(', ')}`);
  const container = asked || (pod.spec?.containers ?? [])[0]?.name || '';
  if (!names.includes(container)) throw new BadInput(`pod ${pod.metadata.name} has no container "${container.slice(0, 63)}" (it has ${names.join(', ')})`);
  const rawTail = q.get('tailLines');
  if (rawTail !== null && !/^\d{1,6}$/.test(rawTail)) throw new BadInput('tailLines must be a whole number');
  const tailLines = rawTail === null ? LOG_LIMITS.defaultTail : Number(rawTail);
  if (tailLines < 1 || tailLines > LOG_LIMITS.tailLines) throw new BadInput(`tailLines must be from 1 to ${LOG_LIMITS.tailLines}`);
  return { container, previous: bool(q, 'previous'), follow: bool(q, 'follow'), timestamps: bool(q, 'timestamps'), tailLines };
}

const TEXT_HEADERS = {
  'Content-Type': 'text/plain; charset=utf-8',
  // Never transformed or buffered on the way: a followed log is read as it is written.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  'X-Content-Type-Options': 'nosniff',
};

/** The log as a response: the API server's text streamed through, or its refusal in our error shape. */
export async function podLog(rt: Runtime, pod: Pod, r: LogRequest, signal: AbortSignal, release?: () => void): Promise<Response> {
  if (!rt.kube) return error(404, 'NoCluster', 'logs are read from a cluster, and this server has none (an audit file)');
  const path = `/api/v1/namespaces/${encodeURIComponent(String(pod.metadata.namespace))}/pods/${encodeURIComponent(pod.metadata.name)}/log`;
  const params = { container: r.container, previous: r.previous || undefined, follow: r.follow || undefined, timestamps: r.timestamps || undefined, tailLines: r.tailLines, limitBytes: r.follow ? undefined : LOG_LIMITS.limitBytes };
  let upstream: ReadableStream<Uint8Array>;
  try {
    upstream = await rt.kube.getText(path, params, signal);
  } catch (e) {
    release?.();
    return refusal(e);
  }
  if (!release) return new Response(upstream, { headers: TEXT_HEADERS });
  // A follow holds its place among the streams until either end goes.
  const done = () => release();
  signal.addEventListener('abort', done, { once: true });
  const body = upstream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: done }));
  return new Response(body, { headers: TEXT_HEADERS });
}

function refusal(e: unknown): Response {
  if (isHttpError(e)) {
    const message = e.message.replace(/^\d{3} [^:]*: /, '');
    if (e.status === 400) return error(400, 'LogUnavailable', message);
    if (e.status === 404) return error(404, 'NotFound', message);
    if (e.status === 403) return error(403, 'Forbidden', `the cluster refuses Ordinal this log (pods/log): ${message}`);
  }
  return error(503, 'ClusterUnavailable', `the API server did not answer with the log: ${(e as Error).message.slice(0, 300)}`);
}
