import { hostPolicy, isAllowedHost, hostOf, type HostPolicy } from './hosts';

/**
 * The checks every request passes before any route sees it, in order: the first that
 * refuses answers. They run in Next's proxy, ahead of Next's own path decoding (which
 * answers a plain 500 for a malformed escape), so each refusal carries the security
 * headers and, on `/api/`, the JSON error shape.
 */
export interface EdgeRequest {
  method: string;
  /** Absolute URL as received: the path still percent-encoded. */
  url: string;
  headers: { get(name: string): string | null };
}

export interface Rejection {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export const LIMITS = { pathChars: 2048, queryChars: 4096, segmentChars: 512 } as const;

/** Kubelet probes come by pod IP, whatever the name: they answer on any Host. */
const PROBES = new Set(['/api/healthz', '/api/readyz']);
const READ_METHODS = new Set(['GET', 'HEAD']);

interface Ctx {
  req: EdgeRequest;
  path: string;
  query: string;
  api: boolean;
  policy: HostPolicy;
}

type Check = (c: Ctx) => Rejection | undefined;

const host: Check = (c) =>
  PROBES.has(c.path) || isAllowedHost(c.req.headers.get('host'), c.policy)
    ? undefined
    : { status: 421, code: 'MisdirectedRequest', message: `this server does not answer to the host "${(c.req.headers.get('host') ?? '').slice(0, 100)}"; add it to ORDINAL_ALLOWED_HOSTS` };

const method: Check = (c) =>
  READ_METHODS.has(c.req.method)
    ? undefined
    : { status: 405, code: 'MethodNotAllowed', message: `${c.req.method.slice(0, 20)} is not allowed: Ordinal is read-only (GET and HEAD)`, headers: { Allow: 'GET, HEAD' } };

const length: Check = (c) => {
  if (c.path.length > LIMITS.pathChars) return { status: 414, code: 'URITooLong', message: `the path is longer than ${LIMITS.pathChars} characters` };
  if (c.query.length > LIMITS.queryChars) return { status: 414, code: 'URITooLong', message: `the query is longer than ${LIMITS.queryChars} characters` };
  return undefined;
};

const encoding: Check = (c) => {
  for (const segment of c.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { status: 400, code: 'BadRequest', message: 'the path has a malformed percent-encoding (each % must start a valid UTF-8 escape)' };
    }
    if (decoded.length > LIMITS.segmentChars) return { status: 414, code: 'URITooLong', message: `a path segment is longer than ${LIMITS.segmentChars} characters` };
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { status: 400, code: 'BadRequest', message: 'the path has control characters' };
  }
  return undefined;
};

/** API answers are for this dashboard's own pages and for scripts (which send no Origin), never for another site. */
const origin: Check = (c) => {
  if (!c.api) return undefined;
  const refuse = (why: string): Rejection => ({ status: 403, code: 'CrossOriginRefused', message: `cross-site request refused: ${why}` });
  if (c.req.headers.get('sec-fetch-site') === 'cross-site') return refuse('Sec-Fetch-Site is cross-site');
  const o = c.req.headers.get('origin');
  if (o === null) return undefined;
  if (!sameOrigin(o, c.req.headers.get('host'))) return refuse(`Origin ${o.slice(0, 100)} is not this server`);
  return undefined;
};

const CHECKS: readonly Check[] = [host, method, length, encoding, origin];

function sameOrigin(origin: string, hostHeader: string | null): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const own = hostOf(hostHeader);
  if (own === undefined || hostOf(u.host) !== own) return false;
  const port = /:(\d{1,5})$/.exec(hostHeader ?? '')?.[1];
  return port ? u.port === port || (!u.port && port === (u.protocol === 'https:' ? '443' : '80')) : !u.port;
}

let policy: HostPolicy | undefined;

/** The first refusal for this request, or undefined to let it through. */
export function screen(req: EdgeRequest, p: HostPolicy = (policy ??= hostPolicy())): Rejection | undefined {
  let u: URL;
  try {
    u = new URL(req.url);
  } catch {
    return { status: 400, code: 'BadRequest', message: 'the request URL cannot be parsed' };
  }
  const path = u.pathname;
  const ctx: Ctx = { req, path, query: u.search, api: path === '/api' || path.startsWith('/api/'), policy: p };
  for (const check of CHECKS) {
    const r = check(ctx);
    if (r) return r;
  }
  return undefined;
}

export function isApiPath(url: string): boolean {
  try {
    const p = new URL(url).pathname;
    return p === '/api' || p.startsWith('/api/');
  } catch {
    return false;
  }
}

/** The answer to a refused request: the JSON error shape on `/api/`, plain text elsewhere. */
export function refusal(req: EdgeRequest): Response | undefined {
  let r: Rejection | undefined;
  try {
    r = screen(req);
  } catch (e) {
    r = { status: 503, code: 'Misconfigured', message: (e as Error).message };
  }
  if (!r) return undefined;
  const headers = { 'Cache-Control': 'no-store', ...r.headers };
  if (isApiPath(req.url)) return Response.json({ error: { code: r.code, message: r.message } }, { status: r.status, headers });
  return new Response(`${r.status} ${r.message}\n`, { status: r.status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
