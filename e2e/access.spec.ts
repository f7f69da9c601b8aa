import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type TestInfo } from '@playwright/test';
import { freePort, waitForOutput } from '../scripts/proc';
import { screenshot } from './helpers';

/**
 * Per-viewer access in Chromium: a demo sim of its own with RBAC on, the standalone server with
 * proxy sign-in and ORDINAL_AUTHZ=cluster-rbac, the proxy's identity headers set per browser
 * context. alice reads databases only; bob nothing; alice's open page turns into "No access"
 * once her bindings are gone, by itself.
 */
const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ordinal-e2e-access-'));
const kubeconfig = join(dir, 'kubeconfig');
let sim: ChildProcess | undefined;
let server: ChildProcess | undefined;
let dash = '';

const kubectl = (...args: string[]) =>
  new Promise<string>((res, rej) =>
    execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig } }, (e, out, err) =>
      e ? rej(new Error(err)) : res(out),
    ),
  );

test.beforeAll(async () => {
  sim = spawn(
    process.execPath,
    ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'demo', '--fast', '--rbac', '--kubeconfig', kubeconfig],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForOutput(sim, /^ready url=/m, 'sim with RBAC', 90_000);
  await kubectl(
    'create',
    'role',
    'reader',
    '-n',
    'databases',
    '--verb=get,list,watch',
    '--resource=pods,statefulsets.apps,controllerrevisions.apps,persistentvolumeclaims,configmaps,services,endpointslices.discovery.k8s.io,events',
  );
  await kubectl('create', 'rolebinding', 'alice-reads', '-n', 'databases', '--role=reader', '--user=alice');
  const port = await freePort();
  dash = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [join(ROOT, '.next/standalone/ordinal.mjs'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: join(ROOT, '.next/standalone'),
      env: {
        ...process.env,
        KUBECONFIG: kubeconfig,
        ORDINAL_AUTH: 'proxy',
        ORDINAL_TRUSTED_PROXIES: '127.0.0.1/32',
        ORDINAL_AUTHZ: 'cluster-rbac',
        ORDINAL_HISTORY: 'off',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForOutput(server, /Ready in/, 'standalone server', 60_000);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  sim?.kill('SIGTERM');
});

const as = (browser: Browser, user: string) => browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-User': user } });

test("alice sees databases only; bob gets the no-access page; alice's page says so once her binding is gone", async ({
  browser,
}, info) => {
  test.setTimeout(120_000);
  const bobContext = await as(browser, 'bob');
  const aliceContext = await as(browser, 'alice');
  try {
    await viewers(bobContext, aliceContext, info);
  } finally {
    // Their pages would go on retrying a stopped server through the specs after this one.
    await Promise.all([bobContext.close(), aliceContext.close()]);
  }
});

async function viewers(bobContext: BrowserContext, aliceContext: BrowserContext, info: TestInfo): Promise<void> {
  const bob = await bobContext.newPage();
  await bob.goto(`${dash}/`);
  await expect(bob.locator('[data-no-access]')).toBeVisible();
  await expect(bob.getByRole('heading', { name: 'No access' })).toBeVisible();
  await screenshot(bob, info, 'access-bob');

  const alice = await aliceContext.newPage();
  await alice.goto(`${dash}/statefulsets`);
  await expect(alice.getByRole('link', { name: 'postgres', exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(alice.getByText('kafka')).toHaveCount(0);
  await expect(alice.locator('option', { hasText: 'databases' })).toHaveCount(1);
  await expect(alice.locator('option', { hasText: /messaging|analytics/ })).toHaveCount(0);
  await alice.goto(`${dash}/storage`);
  await expect(alice.getByText('hidden: you may not list volumes').first()).toBeVisible({ timeout: 30_000 });
  await screenshot(alice, info, 'access-alice-storage');
  await alice.goto(`${dash}/topology`);
  await expect(alice.locator('[data-connection="live"]')).toBeVisible({ timeout: 30_000 });
  await kubectl('delete', 'rolebinding', 'alice-reads', '-n', 'databases');
  await expect(alice.locator('[data-no-access]')).toBeVisible({ timeout: 30_000 });
}
