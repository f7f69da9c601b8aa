import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, screen, LIMITS } from './guard';
import { hostPolicy } from './hosts';

const policy = hostPolicy(undefined, 'machine');
const req = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => {
  const headers = new Headers({ host: 'localhost:3000', ...init.headers });
  return { method: init.method ?? 'GET', url: `http://localhost:3000${path}`, headers };
};
const status = (path: string, init?: Parameters<typeof req>[1]) => screen(req(path, init), policy)?.status;

test('ordinary reads pass', () => {
  for (const p of [
    '/',
    '/statefulsets/messaging/kafka',
    '/api/v1/topology?namespace=a',
    '/api/v1/objects/Pod/ns/n%2Dx',
    '/_next/static/x.js',
    '/caf%C3%A9',
  ])
    assert.equal(status(p), undefined, p);
  assert.equal(status('/api/v1/stream', { method: 'HEAD' }), undefined);
});

test('broken percent-encodings and control characters in the path are 400', () => {
  for (const p of [
    '/api/v1/statefulsets/%ff/x',
    '/api/v1/services/%/x',
    '/statefulsets/x/%c0%ae',
    '/services/%zz/y',
    '/api/v1/objects/Pod/a/%E0%A4%A',
    '/statefulsets/a/%00',
  ])
    assert.equal(status(p), 400, p);
});

test('overlong paths, segments and queries are 414', () => {
  assert.equal(status(`/api/v1/topology?namespace=${'a'.repeat(LIMITS.queryChars)}`), 414);
  assert.equal(status(`/statefulsets/a/${'b'.repeat(LIMITS.pathChars)}`), 414);
  assert.equal(status(`/statefulsets/a/${'%41'.repeat(LIMITS.segmentChars + 1)}`), 414);
});

test('only GET and HEAD, everywhere: 405 with Allow', () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
    const r = screen(req('/statefulsets/a/b', { method }), policy);
    assert.equal(r?.status, 405, method);
    assert.equal(r?.headers?.Allow, 'GET, HEAD');
  }
});

test('a foreign Host is 421 except on the health probes, which kubelets call by pod IP', () => {
  assert.equal(status('/api/v1/topology', { headers: { host: 'evil.example' } }), 421);
  assert.equal(status('/', { headers: { host: 'evil.example:3000' } }), 421);
  assert.equal(status('/api/healthz', { headers: { host: '10.1.2.3:3000' } }), undefined);
  assert.equal(status('/api/readyz', { headers: { host: '10.1.2.3:3000' } }), undefined);
});

test('the API refuses cross-site callers; pages may be linked from anywhere', () => {
  assert.equal(status('/api/v1/stream', { headers: { origin: 'https://evil.example' } }), 403);
  assert.equal(status('/api/v1/topology', { headers: { origin: 'null' } }), 403);
  assert.equal(
    status('/api/v1/topology', { headers: { origin: 'http://localhost:5173' } }),
    403,
    'another port is another origin',
  );
  assert.equal(status('/api/v1/topology', { headers: { 'sec-fetch-site': 'cross-site' } }), 403);
  assert.equal(
    status('/api/v1/topology', { headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' } }),
    undefined,
  );
  assert.equal(status('/api/v1/topology', { headers: { host: 'localhost', origin: 'http://localhost' } }), undefined);
  assert.equal(status('/statefulsets/a/b', { headers: { 'sec-fetch-site': 'cross-site' } }), undefined);
});

test('refusals are JSON errors on the API and plain text on pages', () => {
  const api = answer({ status: 400, code: 'BadRequest', message: 'm' }, '/api/v1/services/%ff/x');
  assert.equal(api.headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(api.body), { error: { code: 'BadRequest', message: 'm' } });
  const page = answer(
    { status: 405, code: 'MethodNotAllowed', message: 'm', headers: { Allow: 'GET, HEAD' } },
    '/services/a/b',
  );
  assert.match(page.headers['Content-Type'], /^text\/plain/);
  assert.equal(page.headers.Allow, 'GET, HEAD');
  assert.equal(
    screen(req('//evil.example/api/v1/topology'), policy),
    undefined,
    'a path that starts with // is a path, not a host',
  );
});

test('a request that announces a body is 413; too many query parameters are 400', () => {
  assert.equal(status('/api/v1/topology', { headers: { 'content-length': '12' } }), 413);
  assert.equal(status('/api/v1/topology', { headers: { 'transfer-encoding': 'chunked' } }), 413);
  assert.equal(status('/api/v1/topology', { headers: { 'content-length': '0' } }), undefined);
  const many = Array.from({ length: LIMITS.queryParams + 1 }, (_, i) => `p${i}=1`).join('&');
  assert.equal(status(`/api/v1/topology?${many}`), 400);
});

test('the cross-site refusal is judged on the app path: no prefix takes an API request past it', () => {
  const cross = { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } };
  const under = (received: string, app: string) => screen(req(received, cross), policy, { appUrl: app })?.status;
  assert.equal(under('/c/west/api/v1/summary', '/api/v1/summary'), 403, 'under /c/{cluster}/');
  assert.equal(under('/ordinal/api/v1/summary', '/api/v1/summary'), 403, 'under ORDINAL_BASE_PATH');
  assert.equal(under('/ordinal/c/west/api/v1/summary', '/api/v1/summary'), 403, 'under both');
  assert.equal(under('/ordinal/topology', '/topology'), undefined, 'a page a link opens is no API call');
  const same = { headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' } };
  assert.equal(screen(req('/c/west/api/v1/summary', same), policy, { appUrl: '/api/v1/summary' }), undefined);
});

test('a POST only where it is taken (the sign-out), and only from this site', () => {
  const posts = new Set(['/auth/logout']);
  const post = (path: string, headers: Record<string, string>) =>
    screen(req(path, { method: 'POST', headers: { 'content-length': '0', ...headers } }), policy, {
      appUrl: path,
      posts,
    })?.status;
  assert.equal(post('/auth/logout', { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }), undefined);
  assert.equal(post('/auth/logout', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), 403);
  assert.equal(post('/auth/logout', { 'sec-fetch-site': 'cross-site' }), 403);
  // A form POST under Referrer-Policy: no-referrer says Origin: null; its Fetch Metadata tells.
  assert.equal(post('/auth/logout', { origin: 'null', 'sec-fetch-site': 'same-origin' }), undefined);
  assert.equal(post('/auth/logout', { origin: 'null', 'sec-fetch-site': 'cross-site' }), 403);
  assert.equal(post('/auth/logout', { origin: 'null' }), 403, 'null without Fetch Metadata: not believed');
  assert.equal(post('/api/v1/topology', { origin: 'http://localhost:3000' }), 405);
  assert.equal(
    screen(req('/auth/logout', { method: 'POST' }), policy)?.status,
    405,
    'no sign-out by POST unless the edge takes it',
  );
});
