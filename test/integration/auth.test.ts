import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from 'node:http';
import { freePort } from '../../scripts/proc';
import { startDashboard, type Dashboard } from './dashboard';

/**
 * Sign-in enforced by the edge (ORDINAL_AUTH=proxy): the proxy at 127.0.0.1 is trusted, a
 * client at 127.0.0.2 is not — its forged identity headers get 401 on every page, API route,
 * stream and export, however the path is encoded. No sign-in on a reachable address refuses
 * to start.
 */
const ROOT = resolve(import.meta.dirname, '../..');
let d: Dashboard;

/** A GET from 127.0.0.2: another address than the trusted proxy's (node:http binds it; undici does not). */
function fromOutside(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    const req = request(`${d.base}${path}`, { localAddress: '127.0.0.2', headers }, (res) => {
      let body = '';
      // A stream that was let through would never end: the first bytes are enough to judge.
      res.on('data', (c: Buffer) => {
        body += c.toString();
        if (body.length > 4096) res.destroy();
      });
      res.on('close', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  d = await startDashboard({ ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '127.0.0.1/32' });
});
after(() => d.close());

const FORGED = { 'X-Auth-Request-User': 'alice', 'X-Forwarded-User': 'alice', 'X-Middleware-Subrequest': 'middleware' };
const PATHS = [
  '/',
  '/topology',
  '/api/v1/topology',
  '/api/v1/stream',
  '/api/v1/history?format=csv',
  '/api/v1/%74opology',
  '/%61pi/v1/topology',
  '/api//v1/topology',
  '/_next/static/../../api/v1/topology',
];

test('from an untrusted address, forged identity headers are refused everywhere; the probes still answer', async () => {
  for (const path of PATHS) {
    const r = await fromOutside(path, FORGED);
    assert.equal(r.status, 401, path);
    assert.doesNotMatch(r.body, /StatefulSet|zookeeper/, `${path}: no cluster data`);
  }
  const probe = await fromOutside('/api/readyz');
  assert.equal(probe.status, 200);
  // Without a sign-in the probe learns it is ready, and nothing of the cluster.
  assert.deepEqual(JSON.parse(probe.body), { ready: true });
  assert.doesNotMatch(probe.body, /https?:|127\.0\.0\.1|kubeconfig|memory|objects/);
  const signed = (await (
    await fetch(`${d.base}/api/readyz`, { headers: { 'X-Auth-Request-User': 'alice' } })
  ).json()) as { server?: string; objects?: object };
  assert.match(signed.server ?? '', /^https:\/\//, 'someone signed in gets the details');
  assert.ok(signed.objects);
});

test('HSTS when the request came over TLS: a trusted proxy says so; anyone else saying it is not believed', async () => {
  const tls = await fetch(`${d.base}/api/healthz`, { headers: { 'X-Forwarded-Proto': 'https' } });
  assert.equal(tls.headers.get('strict-transport-security'), 'max-age=31536000');
  assert.equal(
    (await fetch(`${d.base}/api/healthz`)).headers.get('strict-transport-security'),
    null,
    'plain HTTP: none',
  );
  const spoofed = await new Promise<string | undefined>((resolveGet, reject) => {
    const req = request(
      `${d.base}/api/healthz`,
      { localAddress: '127.0.0.2', headers: { 'X-Forwarded-Proto': 'https' } },
      (res) => {
        res.resume();
        resolveGet(res.headers['strict-transport-security'] as string | undefined);
      },
    );
    req.on('error', reject);
    req.end();
  });
  assert.equal(spoofed, undefined, 'not from the trusted proxy');
});

test('through the trusted proxy, the named user is served; without a name, 401', async () => {
  const signed = await fetch(`${d.base}/api/v1/topology?namespace=messaging`, {
    headers: { 'X-Auth-Request-User': 'alice' },
  });
  assert.equal(signed.status, 200);
  assert.ok(((await signed.json()) as { nodes: unknown[] }).nodes.length > 0);
  assert.equal((await fetch(`${d.base}/api/v1/topology`)).status, 401);
  assert.equal(
    (await fetch(`${d.base}/api/v1/topology`, { headers: { 'X-Forwarded-User': 'system:admin' } })).status,
    403,
  );
  const page = await fetch(`${d.base}/topology`, { headers: { 'X-Auth-Request-User': 'alice' } });
  assert.equal(page.status, 200);
  // Who the pages show as signed in is the edge's word, not the client's.
  const who = await fetch(`${d.base}/api/v1/whoami`, {
    headers: {
      'X-Auth-Request-User': 'alice',
      'X-Auth-Request-Groups': 'devs,dba',
      'X-Ordinal-User': 'mallory',
      'X-Ordinal-Groups': '%5B%22system%3Amasters%22%5D',
    },
  });
  assert.deepEqual(await who.json(), {
    user: 'alice',
    groups: ['devs', 'dba'],
    signedIn: true,
    signOut: '/oauth2/sign_out',
    access: { state: 'all' },
  });
});

test('no sign-in on a reachable address refuses to start, and says why', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '-p', String(port), '-H', '0.0.0.0'], {
    cwd: ROOT,
    env: { ...process.env, ORDINAL_AUTH: 'none', ORDINAL_ALLOW_ANONYMOUS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((res) => child.on('exit', res));
  assert.equal(code, 1);
  assert.match(out, /ORDINAL_AUTH: is none \(no sign-in\) while listening on 0\.0\.0\.0/);
});
