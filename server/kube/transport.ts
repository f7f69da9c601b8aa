import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { HttpMethod, RequestContext } from '@kubernetes/client-node/dist/gen/http/http.js';
import { fetch, type Dispatcher } from 'undici';

/**
 * HTTP to the API server with client-node's credentials and TLS (kubeconfig or
 * service account), returning raw JSON for lists and watches alike, so the cache
 * sees one shape. Read-only by construction: every method is a GET but `reviewAccess`, a POST
 * of a SubjectAccessReview to its one fixed path — a read of the cluster's policy, which the
 * apiserver answers without storing anything.
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
  return (
    e instanceof Error && typeof (e as HttpError).status === 'number' && typeof (e as HttpError).reason === 'string'
  );
}

export class StallError extends Error {}

/** What a SubjectAccessReview asks: may this user, in these groups, do this verb on this resource (in this namespace)? */
export interface AccessQuestion {
  user: string;
  groups: string[];
  /** `*`: may the user do everything (an admin: every verb on every resource)? */
  verb: 'get' | 'list' | 'watch' | '*';
  group: string;
  resource: string;
  /** `log` of `pods/log`: a subresource is its own permission. */
  subresource?: string;
  namespace?: string;
}

export type WatchEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
};

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

  private async request(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    signal: AbortSignal,
    accept = 'application/json',
    review?: string,
  ) {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    const method = review === undefined ? HttpMethod.GET : HttpMethod.POST;
    const ctx = new RequestContext(url.toString(), method);
    // Credentials are applied per request (tokens rotate); the connection pool is reused.
    await this.kc.applySecurityAuthentication(ctx);
    this.dispatcher ??= ctx.getDispatcher() as Dispatcher | undefined;
    const headers = {
      ...ctx.getHeaders(),
      Accept: accept,
      'User-Agent': USER_AGENT,
      ...(review ? { 'Content-Type': 'application/json' } : {}),
    };
    const res = await fetch(url, {
      method,
      headers,
      dispatcher: this.dispatcher,
      signal,
      ...(review ? { body: review } : {}),
    });
    // A review is created (201; 200 from some servers); a read is 200.
    const ok = res.status === 200 || (review !== undefined && res.status === 201);
    if (!ok) {
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

  /**
   * Whether `user` (in `groups`) may do `verb` on a resource, as the API server's own authorizer
   * answers a SubjectAccessReview (RBAC and any webhook alike). Throws on any failure: a caller
   * must treat that as a denial and not remember it.
   */
  async reviewAccess(a: AccessQuestion, signal: AbortSignal): Promise<boolean> {
    const body = JSON.stringify({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: a.user,
        groups: a.groups,
        resourceAttributes: {
          verb: a.verb,
          group: a.group,
          resource: a.resource,
          ...(a.subresource ? { subresource: a.subresource } : {}),
          ...(a.namespace ? { namespace: a.namespace } : {}),
        },
      },
    });
    const res = await this.request(
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      {},
      signal,
      'application/json',
      body,
    );
    const answer = (await res.json()) as { status?: { allowed?: unknown } };
    return answer.status?.allowed === true;
  }

  /** A GET answered as plain text, streamed as it comes (a pod's log, followed or not). */
  async getText(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const res = await this.request(path, params, signal, 'text/plain, */*');
    if (!res.body) throw new HttpError(502, 'NoBody', 'the API server sent no body');
    return res.body as ReadableStream<Uint8Array>;
  }

  async getJson(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
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
