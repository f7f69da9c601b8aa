import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../scripts/proc';
import { screenshot } from './helpers';
import { waitForHttp } from './servers';

/**
 * Behind a signing-in proxy (ORDINAL_AUTH=proxy; the proxy is this browser's loopback address,
 * its header set as oauth2-proxy sets X-Forwarded-User): the header shows who is signed in and
 * a way out; without the proxy's header, no page.
 */
const ROOT = resolve(import.meta.dirname, '..');
let server: ChildProcess | undefined;
let base = '';

test.beforeAll(async () => {
  const port = await freePort();
  server = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/serve.ts'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG,
        ORDINAL_AUTH: 'proxy',
        ORDINAL_TRUSTED_PROXIES: '127.0.0.1/32',
        ORDINAL_HISTORY: 'off',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: 'ignore',
    },
  );
  base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/api/readyz`, 60_000);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test('signed in through the proxy, the header says who and offers sign-out; without it, 401', async ({
  browser,
}, info) => {
  const signed = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-User': 'alice@example.com' } });
  const page = await signed.newPage();
  await page.goto(`${base}/statefulsets`);
  const who = page.locator('header .signed-in');
  await expect(who).toContainText('Signed in as alice@example.com');
  await expect(who.getByRole('link', { name: 'Sign out' })).toHaveAttribute('href', '/oauth2/sign_out');
  await expect(page.getByRole('link', { name: 'kafka' }).first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, info, 'signed-in');
  await signed.close();
  const anonymous = await browser.newContext();
  const refused = await anonymous.newPage();
  const res = await refused.goto(`${base}/statefulsets`);
  expect(res?.status()).toBe(401);
  await expect(refused.locator('body')).toContainText('sign in');
  await anonymous.close();
});
