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
  if (!names.includes(container))
    throw new BadInput(
      `pod ${pod.metadata.name} has no container "${container.slice(0, 63)}" (it has ${names.join(', ')})`,
    );
  const rawTail = q.get('tailLines');
  if (rawTail !== null && !/^\d{1,6}$/.test(rawTail)) throw new BadInput('tailLines must be a whole number');
  const tailLines = rawTail === null ? LOG_LIMITS.defaultTail : Number(rawTail);
  if (tailLines < 1 || tailLines > LOG_LIMITS.tailLines)
    throw new BadInput(`tailLines must be from 1 to ${LOG_LIMITS.tailLines}`);
  return {
    container,
    previous: bool(q, 'previous'),
    follow: bool(q, 'follow'),
    timestamps: bool(q, 'timestamps'),
    tailLines,
  };
}

const TEXT_HEADERS = {
  'Content-Type': 'text/plain; charset=utf-8',
  // Never transformed or buffered on the way: a followed log is read as it is written.
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  'X-Content-Type-Options': 'nosniff',
};

/** A followed log's hold: its place among the streams, and the signal that the viewer's access to it ended. */
export interface LogFollow {
  release: () => void;
  revoked?: AbortSignal;
  /** The last line written when `revoked` fires: why the log ended. */
  why?: string;
}

/** The log as a response: the API server's text streamed through, or its refusal in our error shape. */
export async function podLog(
  rt: Runtime,
  pod: Pod,
  r: LogRequest,
  signal: AbortSignal,
  follow?: LogFollow,
): Promise<Response> {
  if (!rt.kube)
    return error(404, 'NoCluster', 'logs are read from a cluster, and this server has none (an audit file)');
  const path = `/api/v1/namespaces/${encodeURIComponent(String(pod.metadata.namespace))}/pods/${encodeURIComponent(pod.metadata.name)}/log`;
  const params = {
    container: r.container,
    previous: r.previous || undefined,
    follow: r.follow || undefined,
    timestamps: r.timestamps || undefined,
    tailLines: r.tailLines,
    limitBytes: r.follow ? undefined : LOG_LIMITS.limitBytes,
  };
  // The read from the API server ends with the viewer's request, or when a follow is revoked.
  const upstreamAbort = new AbortController();
  const cut = () => upstreamAbort.abort();
  signal.addEventListener('abort', cut, { once: true });
  let upstream: ReadableStream<Uint8Array>;
  try {
    upstream = await rt.kube.getText(path, params, upstreamAbort.signal);
  } catch (e) {
    follow?.release();
    return refusal(e);
  }
  if (!follow) return new Response(upstream, { headers: TEXT_HEADERS });
  return new Response(followed(upstream, follow, cut, signal), { headers: TEXT_HEADERS });
}

/**
 * A followed log: the API server's bytes as they come, until either end goes or the viewer's
 * access is revoked — then a last line says why, and the read upstream is cut. The stream's
 * place is released once, whichever comes first.
 */
function followed(
  upstream: ReadableStream<Uint8Array>,
  f: LogFollow,
  cut: () => void,
  gone: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  let over = false;
  let finish: (last?: string) => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    start(c) {
      finish = (last) => {
        if (over) return;
        over = true;
        try {
          if (last) c.enqueue(new TextEncoder().encode(last));
          c.close();
        } catch {
          // The reader went first (cancelled): nothing left to tell it.
        }
        cut();
        f.release();
      };
      f.revoked?.addEventListener(
        'abort',
        () => finish(`\n${f.why ?? 'ordinal: this log ended: your access to it was revoked'}\n`),
        { once: true },
      );
      gone.addEventListener('abort', () => finish(), { once: true });
    },
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (over) return;
        if (done) finish();
        else c.enqueue(value);
      } catch {
        finish();
      }
    },
    cancel() {
      finish();
    },
  });
}

function refusal(e: unknown): Response {
  if (isHttpError(e)) {
    const message = e.message.replace(/^\d{3} [^:]*: /, '');
    if (e.status === 400) return error(400, 'LogUnavailable', message);
    if (e.status === 404) return error(404, 'NotFound', message);
    if (e.status === 403) return error(403, 'Forbidden', `the cluster refuses Ordinal this log (pods/log): ${message}`);
  }
  return error(
    503,
    'ClusterUnavailable',
    `the API server did not answer with the log: ${(e as Error).message.slice(0, 300)}`,
  );
}
