/**
 * The checks every request passes before Next sees it, in order: the first that refuses
 * answers. They run in the edge server ahead of Next, whose own path decoding answers a
 * plain 500 for a malformed escape and whose request adapter throws on TRACE; each
 * refusal carries the security headers and, on `/api/`, the JSON error shape.
 */

import type { ApiError } from '@/lib/wire/topology';
import { isAllowedHost, hostOf, type HostPolicy } from './hosts';

export interface EdgeRequest {
  method: string;
  /** The request target as received (origin-form `/path?q`, or absolute-form): still percent-encoded. */
  url: string;
  headers: { get(name: string): string | null };
}

export interface Rejection {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export const LIMITS = { pathChars: 2048, queryChars: 4096, segmentChars: 512, queryParams: 64 } as const;

/** Kubelet probes come by pod IP, whatever the name, and with no identity: any Host, no sign-in. */
export const PROBES: ReadonlySet<string> = new Set(['/api/healthz', '/api/readyz']);
const READ_METHODS = new Set(['GET', 'HEAD']);
const NO_POSTS: ReadonlySet<string> = new Set();

interface Ctx {
  req: EdgeRequest;
  path: string;
  query: string;
  /** The app's path (base path and `/c/{cluster}` off): what the request is for. */
  app: string;
  api: boolean;
  policy: HostPolicy;
  /** App paths that take POST (the OIDC sign-out), checked same-origin like the API. */
  posts: ReadonlySet<string>;
}

type Check = (c: Ctx) => Rejection | undefined;

const host: Check = (c) =>
  PROBES.has(c.path) || isAllowedHost(c.req.headers.get('host'), c.policy)
    ? undefined
    : {
        status: 421,
        code: 'MisdirectedRequest',
        message: `this server does not answer to the host "${(c.req.headers.get('host') ?? '').slice(0, 100)}"; add it to ORDINAL_ALLOWED_HOSTS`,
      };

const method: Check = (c) =>
  READ_METHODS.has(c.req.method) || (c.req.method === 'POST' && c.posts.has(c.app))
    ? undefined
    : {
        status: 405,
        code: 'MethodNotAllowed',
        message: `${c.req.method.slice(0, 20)} is not allowed: Ordinal is read-only (GET and HEAD)`,
        headers: { Allow: 'GET, HEAD' },
      };

const length: Check = (c) => {
  if (c.path.length > LIMITS.pathChars)
    return { status: 414, code: 'URITooLong', message: `the path is longer than ${LIMITS.pathChars} characters` };
  if (c.query.length > LIMITS.queryChars)
    return { status: 414, code: 'URITooLong', message: `the query is longer than ${LIMITS.queryChars} characters` };
  if (c.query.split('&').length > LIMITS.queryParams)
    return { status: 400, code: 'BadRequest', message: `the query has more than ${LIMITS.queryParams} parameters` };
  return undefined;
};

/** GET and HEAD carry no body: one announced is refused before anything reads it. */
const body: Check = (c) => {
  const declared = c.req.headers.get('content-length');
  if ((declared !== null && declared.trim() !== '0') || c.req.headers.get('transfer-encoding') !== null)
    return { status: 413, code: 'ContentTooLarge', message: 'Ordinal takes no request bodies (GET and HEAD only)' };
  return undefined;
};

const encoding: Check = (c) => {
  for (const segment of c.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return {
        status: 400,
        code: 'BadRequest',
        message: 'the path has a malformed percent-encoding (each % must start a valid UTF-8 escape)',
      };
    }
    if (decoded.length > LIMITS.segmentChars)
      return {
        status: 414,
        code: 'URITooLong',
        message: `a path segment is longer than ${LIMITS.segmentChars} characters`,
      };
    if (/[\u0000-\u001f\u007f]/.test(decoded))
      return { status: 400, code: 'BadRequest', message: 'the path has control characters' };
  }
  return undefined;
};

/**
 * API answers are for this dashboard's own pages and for scripts (which send no Origin), never for
 * another site; a POST (sign-out) only from this site. Judged on the app's path, with every prefix
 * (base path, `/c/{cluster}`) off, so no prefix can take a request past it.
 */
const origin: Check = (c) => {
  if (!c.api && c.req.method !== 'POST') return undefined;
  const refuse = (why: string): Rejection => ({
    status: 403,
    code: 'CrossOriginRefused',
    message: `cross-site request refused: ${why}`,
  });
  if (c.req.headers.get('sec-fetch-site') === 'cross-site') return refuse('Sec-Fetch-Site is cross-site');
  const o = c.req.headers.get('origin');
  if (o === null) return undefined;
  // Under `Referrer-Policy: no-referrer` a browser's form POST says `Origin: null`: its Fetch
  // Metadata (`Sec-Fetch-Site: same-origin`, which no page can forge) tells where it came from.
  if (o === 'null' && c.req.headers.get('sec-fetch-site') === 'same-origin') return undefined;
  if (!sameOrigin(o, c.req.headers.get('host'))) return refuse(`Origin ${o.slice(0, 100)} is not this server`);
  return undefined;
};

const CHECKS: readonly Check[] = [host, method, length, body, encoding, origin];

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

/**
 * The first refusal for this request, or undefined to let it through. Never throws. `appUrl`: the
 * request's URL with the prefixes off (the app's own path), when the edge took any off.
 */
export function screen(
  req: EdgeRequest,
  p: HostPolicy,
  o: { appUrl?: string; posts?: ReadonlySet<string> } = {},
): Rejection | undefined {
  const u = parseTarget(req.url);
  if (!u) return { status: 400, code: 'BadRequest', message: 'the request URL cannot be parsed' };
  const path = u.pathname;
  const app = o.appUrl === undefined ? path : targetPath(o.appUrl);
  const posts = o.posts ?? NO_POSTS;
  const ctx: Ctx = { req, path, query: u.search, app, api: isApi(app) || isApi(path), policy: p, posts };
  for (const check of CHECKS) {
    const r = check(ctx);
    if (r) return r;
  }
  return undefined;
}

/** An origin-form target (`/path?q`, even `//x`) is a path, never a host; absolute-form is parsed as is. */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target.startsWith('/') ? `http://request.invalid${target}` : target);
  } catch {
    return undefined;
  }
}

/** The request target's path as the checks see it (dot segments resolved, still percent-encoded); `/` when unreadable. */
export function targetPath(url: string): string {
  return parseTarget(url)?.pathname ?? '/';
}

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

export function isApiPath(url: string): boolean {
  return isApi(parseTarget(url)?.pathname ?? '');
}

/** What to send for a refusal: the JSON error shape on `/api/`, plain text elsewhere. */
export function answer(r: Rejection, url: string): { status: number; headers: Record<string, string>; body: string } {
  const headers = { 'Cache-Control': 'no-store', ...r.headers };
  if (isApiPath(url))
    return {
      status: r.status,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: { code: r.code, message: r.message } } satisfies ApiError),
    };
  return {
    status: r.status,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    body: `${r.status} ${r.message}\n`,
  };
}
