import 'server-only';
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { fetch, type Dispatcher } from 'undici';

/**
 * HTTP to the API server with client-node's credentials and TLS (kubeconfig or
 * service account), returning raw JSON for lists and watches alike, so the cache
 * sees one shape. Read-only by construction: the only method used is GET.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An HttpError by shape, not by class: the runtime lives on globalThis and is made by whichever
 * route bundle came first, so its errors' class may be another bundle's copy of this module.
 */
export function isHttpError(e: unknown): e is HttpError {
  return e instanceof Error && typeof (e as HttpError).status === 'number' && typeof (e as HttpError).reason === 'string';
}

export class StallError extends Error {}

export type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'; object: Record<string, unknown> };

const USER_AGENT = 'ordinal-dashboard/0.1 (read-only)';

function parseEvent(line: string): WatchEvent {
  try {
    return JSON.parse(line) as WatchEvent;
  } catch {
    throw new HttpError(502, 'BadWatchEvent', `unparseable watch event: ${line.slice(0, 200)}`);
  }
}

export class KubeTransport {
  private dispatcher?: Dispatcher;
  readonly server: string;

  constructor(private readonly kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.server = cluster.server.replace(/\/+$/, '');
  }

  private async request(path: string, params: Record<string, string | number | boolean | undefined>, signal: AbortSignal, accept = 'application/json') {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    const ctx = new RequestContext(url.toString(), HttpMethod.GET);
    // Credentials are applied per request (tokens rotate); the connection pool is reused.
    await this.kc.applySecurityAuthentication(ctx);
    this.dispatcher ??= ctx.getDispatcher() as Dispatcher | undefined;
    const headers = { ...ctx.getHeaders(), Accept: accept, 'User-Agent': USER_AGENT };
    const res = await fetch(url, { method: 'GET', headers, dispatcher: this.dispatcher, signal });
    if (res.status !== 200) {
      const text = await res.text().catch(() => '');
      let reason = res.statusText;
      let message = text.slice(0, 500);
      try {
        const status = JSON.parse(text) as { reason?: string; message?: string };
        reason = status.reason ?? reason;
        message = status.message ?? message;
      } catch {
        // not a Status object
      }
      throw new HttpError(res.status, reason, `${res.status} ${reason}: ${message}`);
    }
    return res;
  }

  /** A GET answered as plain text, streamed as it comes (a pod's log, followed or not). */
  async getText(path: string, params: Record<string, string | number | boolean | undefined>, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const res = await this.request(path, params, signal, 'text/plain, */*');
    if (!res.body) throw new HttpError(502, 'NoBody', 'the API server sent no body');
    return res.body as ReadableStream<Uint8Array>;
  }

  async getJson(path: string, params: Record<string, string | number | boolean | undefined>, signal: AbortSignal): Promise<Record<string, unknown>> {
    const res = await this.request(path, params, signal);
    return (await res.json()) as Record<string, unknown>;
  }

  /**
   * Streams a watch, one event per line. Resolves when the server ends the stream;
   * rejects on HTTP errors, network errors, or a stall (no bytes for `stallMs`).
   */
  async watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
    stallMs: number,
    onOpen: () => void = () => undefined,
  ): Promise<void> {
    const local = new AbortController();
    const abort = () => local.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    let stalled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        local.abort(new StallError(`no data for ${stallMs} ms`));
      }, stallMs);
    };
    try {
      arm();
      const res = await this.request(path, { ...params, watch: true }, local.signal);
      onOpen();
      if (!res.body) return;
      // Reading the web stream directly: its errors (abort, reset) reject this loop instead of escaping as events.
      const decoder = new TextDecoder();
      let buffered = '';
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        arm();
        buffered += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) onEvent(parseEvent(line));
        }
      }
      if (buffered.trim()) onEvent(parseEvent(buffered.trim()));
    } catch (e) {
      if (stalled) throw new StallError(`watch ${path} stalled: no data for ${stallMs} ms`);
      throw e;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
      local.abort();
    }
  }
}
