import { prng } from '../support/world';

/**
 * Requests a fuzzer would send to the dashboard: every route and page, with broken
 * percent-encodings, traversal, unicode, HTML, huge values, repeated and unknown
 * parameters, every method and hostile headers. Deterministic (seeded), so a failure
 * names a request that can be sent again.
 */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

const SEGMENTS = [
  'messaging',
  'kafka',
  'databases',
  'postgres-0',
  'Pod',
  'ConfigMap',
  'Secret',
  'PersistentVolume',
  '',
  '%',
  '%ff',
  '%zz',
  '%c0%ae',
  '%E0%A4%A',
  '%00',
  '%0d%0a',
  '..',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  'a%2fb',
  '%2F',
  'caf%C3%A9',
  '%F0%9F%92%A5',
  '%E2%80%AE%E2%80%8B',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
  'a'.repeat(300),
  'b'.repeat(3000),
  '%41'.repeat(700),
  'UPPER',
  'x.y.z',
  '-bad-',
  "it's",
  '%25',
  '%2525',
];

const ROUTES = [
  '/api/healthz',
  '/api/readyz',
  '/api/v1/topology',
  '/api/v1/stream',
  '/api/v1/drift',
  '/api/v1/namespaces',
  '/api/v1/statefulsets/$/$',
  '/api/v1/services/$/$',
  '/api/v1/objects/$/$/$',
  '/api/v1/objects/$/$',
  '/api/v1/objects/$',
  '/api/v1/config/$/$/$',
  '/api/v1/$',
  '/api/$',
  '/api',
  '/',
  '/topology',
  '/statefulsets',
  '/statefulsets/$/$',
  '/storage',
  '/drift',
  '/services',
  '/services/$/$',
  '/$',
  '/$/$/$',
  '/_next/static/$',
];

const QUERIES = [
  '',
  '?namespace=messaging',
  '?namespace=Not_Valid',
  '?namespace=%ff',
  '?namespace=',
  '?namespace=a&namespace=b',
  '?x=1',
  '?%zz=1',
  '?namespace=' + 'n'.repeat(5000),
  '?lastEventId=abc',
  '?lastEventId=99999999999999999999',
  '?namespace=%3Cscript%3E',
  '?&&&',
  '?namespace[]=a',
  '?q=%F0%9F%92%A5',
];

const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'];

const HEADERS: Record<string, string>[] = [
  {},
  {},
  {},
  { 'last-event-id': 'not-a-number' },
  { 'last-event-id': '1' },
  { 'x-forwarded-for': '<script>' },
  { origin: 'http://127.0.0.1' },
  { 'accept-language': 'zh-CN,zh;q=0.9' },
  { cookie: 'a=' + 'c'.repeat(6000) },
  { 'x-huge': 'h'.repeat(8000) },
  { 'content-type': 'application/json' },
];

/** `count` requests: first every route once with plain values, then random combinations. */
export function fuzzRequests(count: number, seed = 8): FuzzRequest[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const fill = (route: string, plain: boolean) => route.replace(/\$/g, () => (plain ? 'messaging' : pick(SEGMENTS)));
  const out: FuzzRequest[] = ROUTES.map((r) => ({ method: 'GET', path: fill(r, true), headers: {} }));
  while (out.length < count)
    out.push({ method: pick(METHODS), path: fill(pick(ROUTES), false) + pick(QUERIES), headers: pick(HEADERS) });
  return out;
}
