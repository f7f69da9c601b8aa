import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { startDashboard, type Dashboard } from './dashboard';
import { fuzzRequests, type FuzzRequest } from './fuzz';
import { eventually } from './harness';

/** The HTTP edge against `next start` on the demo: no input gets a 5xx, every answer is usable and guarded. */
let d: Dashboard;
before(async () => {
  d = await startDashboard();
});
after(() => d.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends the path as given (no URL normalization, unlike fetch); a stream's body is not waited for. */
function send(r: FuzzRequest, base = d.base): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: r.path, method: r.method, headers: r.headers },
      (res) => {
        let body = '';
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          req.destroy();
          return done();
        }
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', done);
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
    req.end();
  });
}

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];

function problems(r: FuzzRequest, a: Answer, prefix = ''): string[] {
  const out: string[] = [];
  if (a.status >= 500 || a.status < 100) out.push(`status ${a.status}`);
  for (const h of SECURITY_HEADERS) if (!a.headers[h]) out.push(`no ${h}`);
  // Dot segments resolve first, as routing does: /api/%2e%2e is the root page.
  const resolved = new URL(`http://x${r.path}`).pathname;
  const path = prefix && resolved.startsWith(`${prefix}/`) ? resolved.slice(prefix.length) : resolved;
  const api = path === '/api' || path.startsWith('/api/');
  if (api && a.status >= 400 && r.method !== 'HEAD') {
    try {
      const e = (JSON.parse(a.body) as { error?: { code?: unknown; message?: unknown } }).error;
      if (typeof e?.code !== 'string' || typeof e.message !== 'string') out.push('no { error: { code, message } }');
    } catch {
      out.push(`not JSON: ${a.body.slice(0, 80)}`);
    }
  }
  if (a.body.includes('<script>alert(1)') || a.body.includes('onerror=alert(1)'))
    out.push('echoes hostile input as HTML');
  return out;
}

/** The default cluster's name, as the dashboard lists it. */
async function defaultCluster(): Promise<string> {
  const { clusters } = (await (await fetch(`${d.base}/api/v1/clusters`)).json()) as {
    clusters: Array<{ name: string; default?: boolean }>;
  };
  return clusters.find((c) => c.default)?.name ?? '';
}

test('2,400 fuzzed requests over every route and page: no 5xx, the JSON error shape on the API, security headers on all', async () => {
  const requests = fuzzRequests(2400);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let i = 0;
  const worker = async () => {
    while (i < requests.length) {
      const r = requests[i++];
      const a = await send(r);
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      const p = problems(r, a);
      if (p.length)
        failures.push(`${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.headers).slice(0, 60)}: ${p.join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${requests.length} failed`);
  for (const s of [200, 400, 404, 405, 414])
    assert.ok(statuses.get(s), `the fuzz reached status ${s}: ${JSON.stringify([...statuses])}`);
  assert.equal((await fetch(`${d.base}/api/readyz`)).status, 200, 'the server still serves and stays synced');
});

test('under ORDINAL_BASE_PATH the same fuzz, prefixed or not, gets no 5xx; pages name their assets under the prefix', async () => {
  const under = await d.another({ ORDINAL_BASE_PATH: '/ordinal', ORDINAL_HISTORY: 'off' });
  await eventually('readyz 200', async () => (await fetch(`${under.base}/api/readyz`)).status === 200, 30_000);
  const requests = fuzzRequests(800).map((r, i) => (i % 4 === 0 ? r : { ...r, path: `/ordinal${r.path}` }));
  const failures: string[] = [];
  const statuses = new Set<number>();
  for (const r of requests) {
    const a = await send(r, under.base);
    statuses.add(a.status);
    const p = problems(r, a, '/ordinal');
    if (p.length) failures.push(`${r.method} ${r.path.slice(0, 120)}: ${p.join(', ')}`);
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${requests.length} failed`);
  for (const s of [200, 400, 404]) assert.ok(statuses.has(s), `reached ${s}`);
  // The cross-site refusal holds under the prefix, and under /c/{cluster}/ beneath it.
  const cross = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
  for (const path of [
    '/ordinal/api/v1/summary',
    `/ordinal/c/${encodeURIComponent(await defaultCluster())}/api/v1/summary`,
  ]) {
    const a = await send({ method: 'GET', path, headers: cross }, under.base);
    assert.equal(a.status, 403, path);
    assert.equal((JSON.parse(a.body) as { error: { code: string } }).error.code, 'CrossOriginRefused');
  }
  const html = await (await fetch(`${under.base}/ordinal/statefulsets`)).text();
  assert.match(html, /src="\/ordinal\/_next\/static\//);
  assert.ok(!html.includes('__ordinal_base_path__'), 'no placeholder left');
  assert.ok(!/src="\/_next\//.test(html), 'no asset outside the prefix');
  const plain = await (await fetch(`${d.base}/statefulsets`)).text();
  assert.match(plain, /src="\/_next\/static\//);
  assert.ok(!plain.includes('__ordinal_base_path__'), 'served at the root, no placeholder either');
});

test('a foreign Host is refused with 421 (DNS rebinding); the probes answer any Host; loopback names work', async () => {
  const evil = await send({ method: 'GET', path: '/api/v1/topology', headers: { host: 'evil.example' } });
  assert.equal(evil.status, 421);
  assert.match(evil.body, /ORDINAL_ALLOWED_HOSTS/);
  assert.equal((await send({ method: 'GET', path: '/', headers: { host: 'evil.example:3000' } })).status, 421);
  assert.equal((await send({ method: 'GET', path: '/api/readyz', headers: { host: '10.1.2.3:3000' } })).status, 200);
  assert.equal((await send({ method: 'GET', path: '/api/healthz', headers: { host: 'evil.example' } })).status, 200);
  for (const host of ['localhost', '127.0.0.1:3000', '[::1]:3000'])
    assert.equal((await send({ method: 'GET', path: '/api/v1/namespaces', headers: { host } })).status, 200, host);
  const allowed = await d.another({ ORDINAL_ALLOWED_HOSTS: 'ordinal.example.com' });
  const u = new URL(allowed.base);
  const viaIngress = await fetch(`${allowed.base}/api/readyz`).then(
    () =>
      new Promise<number>((res) => {
        request(
          { host: u.hostname, port: u.port, path: '/api/v1/namespaces', headers: { host: 'ordinal.example.com' } },
          (r) => res(r.statusCode ?? 0),
        ).end();
      }),
  );
  assert.equal(viaIngress, 200, 'a host added in ORDINAL_ALLOWED_HOSTS is served');
});

test('the API and the stream refuse a cross-site Origin; the dashboard itself and scripts are served', async () => {
  for (const path of ['/api/v1/topology', '/api/v1/stream']) {
    const a = await send({ method: 'GET', path, headers: { origin: 'https://evil.example' } });
    assert.equal(a.status, 403, path);
    assert.equal((JSON.parse(a.body) as { error: { code: string } }).error.code, 'CrossOriginRefused');
  }
  assert.equal(
    (await send({ method: 'GET', path: '/api/v1/topology', headers: { 'sec-fetch-site': 'cross-site' } })).status,
    403,
  );
  const cluster = `/c/${encodeURIComponent(await defaultCluster())}/api/v1/summary`;
  const cross = await send({
    method: 'GET',
    path: cluster,
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(cross.status, 403, 'under /c/{cluster}/ too');
  assert.equal(
    (await send({ method: 'GET', path: cluster, headers: {} })).status,
    200,
    'a script asking the same is served',
  );
  const port = new URL(d.base).port;
  assert.equal(
    (
      await send({
        method: 'GET',
        path: '/api/v1/namespaces',
        headers: { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' },
      })
    ).status,
    200,
  );
  assert.equal(
    (await send({ method: 'GET', path: '/statefulsets', headers: { 'sec-fetch-site': 'cross-site' } })).status,
    200,
    'a link from elsewhere opens a page',
  );
});

test('pages and routes answer 405 to writes, with Allow', async () => {
  for (const [method, path] of [
    ['POST', '/statefulsets/messaging/kafka'],
    ['DELETE', '/'],
    ['PUT', '/api/v1/topology'],
    ['PATCH', '/services/a/b'],
  ]) {
    const a = await send({ method, path, headers: {} });
    assert.equal(a.status, 405, `${method} ${path}`);
    assert.equal(a.headers.allow, 'GET, HEAD');
  }
});

test('the topology is sent gzipped from a per-snapshot cache: the same document, the same headers, errors still from the route', async () => {
  const plain = await fetch(`${d.base}/api/v1/topology?namespace=messaging`, {
    headers: { 'accept-encoding': 'identity' },
  });
  const zipped = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const u = new URL(d.base);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: '/api/v1/topology?namespace=messaging',
          headers: { 'accept-encoding': 'gzip' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  for (const h of SECURITY_HEADERS) assert.ok(zipped.headers[h], `${h} on the gzipped answer`);
  const unzipped = JSON.parse(gunzipSync(zipped.body).toString()) as { revision: number };
  const direct = (await plain.json()) as { revision: number };
  assert.equal(unzipped.revision, direct.revision, 'the same snapshot');
  assert.deepEqual(unzipped, direct);
  const bad = await send({
    method: 'GET',
    path: '/api/v1/topology?kinds=%3Cb%3E',
    headers: { 'accept-encoding': 'gzip' },
  });
  assert.equal(bad.status, 400, "bad input is the route's to answer");
});
