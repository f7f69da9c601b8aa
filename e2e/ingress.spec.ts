import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { freePort, waitForOutput } from '../scripts/proc';
import { startNginx, type IngressRoute, type Nginx } from '../test/support/nginx';
import { kubectl, kubectlApply, screenshot } from './helpers';

/**
 * Under a sub-path behind nginx, as deploy/overlays/ingress puts it: Debian's nginx configured
 * from the overlay's own Ingress (path and annotations) in front of the standalone server the
 * image runs, with the overlay's ORDINAL_BASE_PATH — the same build the other specs serve at /.
 */
const ROOT = resolve(import.meta.dirname, '..');
let server: ChildProcess | undefined;
let nginx: Nginx | undefined;
let direct = '';
let route: IngressRoute;

interface Doc {
  kind: string;
  metadata: { annotations?: Record<string, string> };
  spec: {
    rules?: Array<{ http: { paths: Array<{ path: string }> } }>;
    template?: { spec: { containers: Array<{ name: string; env?: Array<{ name: string; value?: string }> }> } };
  };
}

function overlay(): { route: IngressRoute; basePath: string } {
  const text = execFileSync('kubectl', ['kustomize', join(ROOT, 'deploy/overlays/ingress')], { encoding: 'utf8' });
  const docs = parseAllDocuments(text).map((d) => d.toJSON() as Doc);
  const ingress = docs.find((d) => d.kind === 'Ingress');
  const deployment = docs.find((d) => d.kind === 'Deployment');
  const a = ingress?.metadata.annotations ?? {};
  const env = deployment?.spec.template?.spec.containers.find((c) => c.name === 'ordinal')?.env ?? [];
  return {
    route: {
      prefix: ingress?.spec.rules?.[0].http.paths[0].path ?? '',
      buffering: a['nginx.ingress.kubernetes.io/proxy-buffering'] !== 'off',
      readTimeoutS: Number(a['nginx.ingress.kubernetes.io/proxy-read-timeout'] ?? 60),
      sendTimeoutS: Number(a['nginx.ingress.kubernetes.io/proxy-send-timeout'] ?? 60),
    },
    basePath: env.find((e) => e.name === 'ORDINAL_BASE_PATH')?.value ?? '',
  };
}

test.beforeAll(async () => {
  const o = overlay();
  route = o.route;
  expect(o.basePath, 'the Deployment serves under the Ingress path').toBe(route.prefix);
  expect(route.buffering, 'the Ingress turns proxy buffering off').toBe(false);
  expect(route.readTimeoutS, 'the read timeout outlasts the stream heartbeat many times').toBeGreaterThanOrEqual(300);
  const port = await freePort();
  server = spawn(
    process.execPath,
    [join(ROOT, '.next/standalone/ordinal.mjs'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: join(ROOT, '.next/standalone'),
      env: {
        ...process.env,
        KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG,
        ORDINAL_BASE_PATH: o.basePath,
        ORDINAL_HISTORY: join(mkdtempSync(join(tmpdir(), 'ordinal-ingress-')), 'history.db'),
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForOutput(server, /Ready in/, 'standalone server', 60_000);
  direct = `http://127.0.0.1:${port}`;
  nginx = await startNginx(direct, route);
});

test.afterAll(async () => {
  await nginx?.stop();
  server?.kill('SIGTERM');
});

/** Every request the page makes that fails, but those the page itself gave up (navigation, prefetch). */
function failures(page: Page): string[] {
  const out: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) out.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') out.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  page.on('pageerror', (e) => out.push(`page error: ${e.message}`));
  return out;
}

test('through nginx at the sub-path: every page renders with its assets, links stay under it, the view is live', async ({
  page,
}, info) => {
  const base = `${nginx?.url}${route.prefix}`;
  const failed = failures(page);
  for (const path of [
    '/',
    '/topology',
    '/statefulsets',
    '/storage',
    '/drift',
    '/services',
    '/history',
    '/statefulsets/messaging/kafka',
  ]) {
    await page.goto(`${base}${path}`);
    await expect(page.locator('main h1, main h2').first()).toBeVisible();
    // The stylesheet came through: the header is laid out as a bar, not unstyled text.
    await expect(page.locator('header.topbar')).toHaveCSS('display', 'flex');
  }
  expect(await page.locator('html').getAttribute('data-base-path')).toBe(route.prefix);
  await page.goto(`${base}/`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topology' }).click();
  await page.waitForURL(`${base}/topology`);
  await expect(page.locator('[data-node-id]').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('link', { name: 'JSON' })).toHaveAttribute(
    'href',
    new RegExp(`^${route.prefix}/api/v1/topology`),
  );
  await screenshot(page, info, 'ingress-topology');

  // Live through nginx: a StatefulSet created with kubectl appears without reload (no replicas, so
  // it leaves no pods or claims behind for the specs after this one).
  await page.goto(`${base}/statefulsets?namespace=messaging`);
  const row = page.locator('tr[data-node-id="StatefulSet/messaging/through-nginx"]');
  await expect(row).toHaveCount(0);
  await kubectlApply(
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'through-nginx', namespace: 'messaging' },
      spec: {
        replicas: 0,
        serviceName: 'through-nginx',
        selector: { matchLabels: { app: 'through-nginx' } },
        template: {
          metadata: { labels: { app: 'through-nginx' } },
          spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
        },
      },
    }),
  );
  try {
    await expect(row).toBeVisible({ timeout: 20_000 });
  } finally {
    await kubectl('delete', 'statefulset', 'through-nginx', '-n', 'messaging');
  }
  await expect(row).toHaveCount(0, { timeout: 20_000 });
  expect(failed).toEqual([]);
});

test('the stream through nginx: unbuffered, uncompressed, and its events arrive as they happen', async () => {
  const base = `${nginx?.url}${route.prefix}`;
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/stream?namespace=messaging`, {
    signal: ac.signal,
    headers: { 'Accept-Encoding': 'gzip' },
  });
  try {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('content-encoding')).toBeNull();
    const reader = res.body!.getReader();
    let text = '';
    const until = async (what: RegExp, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!what.test(text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got ${text.slice(-300)}`);
        const chunk = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(r, left))]);
        if (chunk?.value) text += new TextDecoder().decode(chunk.value);
      }
    };
    await until(/event: snapshot/, 15_000);
    text = '';
    await kubectl('create', 'configmap', 'through-nginx', '-n', 'messaging', '--from-literal=k=v');
    await until(/event: change[\s\S]*through-nginx/, 10_000);
  } finally {
    ac.abort();
    await kubectl('delete', 'configmap', 'through-nginx', '-n', 'messaging', '--ignore-not-found');
  }
});

test('outside the sub-path nothing is served but the probes; the bare prefix redirects into it', async () => {
  expect((await fetch(`${direct}/api/v1/topology`)).status).toBe(404);
  expect((await fetch(`${direct}/topology`)).status).toBe(404);
  expect((await fetch(`${direct}/api/readyz`)).status).toBe(200);
  const bare = await fetch(`${nginx?.url}${route.prefix}`, { redirect: 'manual' });
  expect(bare.status).toBe(308);
  expect(bare.headers.get('location')).toBe(`${route.prefix}/`);
  const api = await fetch(`${nginx?.url}${route.prefix}/api/v1/namespaces`);
  expect(api.status).toBe(200);
  expect(((await api.json()) as { namespaces: string[] }).namespaces).toContain('messaging');
  // Exports through the prefix too: the history as CSV, the topology as JSON.
  const csv = await fetch(`${nginx?.url}${route.prefix}/api/v1/history?format=csv`);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  expect((await csv.text()).split('\n')[0]).toMatch(/^id,time,/);
  const topo = await fetch(`${nginx?.url}${route.prefix}/api/v1/topology?namespace=messaging`);
  expect(((await topo.json()) as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
});
