import { expect, test } from '@playwright/test';
import { kubectl, kubectlApply } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

test('the StatefulSets list shows the demo cluster with health as text and data hooks', async ({ page }) => {
  await page.goto('/statefulsets');
  await expect(page.locator('[data-node-id="StatefulSet/analytics/etcd"]')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('[data-node-id="StatefulSet/analytics/etcd"]')).toContainText('Failing');
  await expect(page.locator('[data-node-id="StatefulSet/messaging/kafka"]')).toHaveAttribute('data-status', 'warning');
  await expect(page.locator('[data-node-id="StatefulSet/databases/redis"]')).toHaveAttribute('data-status', 'ok');
  await page.getByLabel('Namespace').selectOption('databases');
  await expect(page).toHaveURL(/namespace=databases/);
  await expect(page.locator('tbody tr[data-node-id]')).toHaveCount(2);
});

test('a StatefulSet created with kubectl appears live', async ({ page }) => {
  await page.goto('/statefulsets');
  await expect(page.locator('[data-node-id="StatefulSet/analytics/etcd"]')).toBeVisible();
  await kubectl('create', 'namespace', 'e2e-new');
  await kubectlApply(
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'mongo', namespace: 'e2e-new' },
      spec: {
        replicas: 2,
        serviceName: 'mongo',
        selector: { matchLabels: { app: 'mongo' } },
        template: {
          metadata: { labels: { app: 'mongo' } },
          spec: { containers: [{ name: 'mongo', image: 'mongo:7' }] },
        },
      },
    }),
  );
  await expect(page.locator('[data-node-id="StatefulSet/e2e-new/mongo"]')).toContainText('2/2', { timeout: 20_000 });
});

test('security headers are set on pages and the API', async ({ request }) => {
  for (const path of ['/statefulsets', '/api/v1/topology']) {
    const res = await request.get(path);
    expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['x-frame-options']).toBe('DENY');
  }
});

test('scripts run by this response’s nonce only: no CSP violation on any page, a fresh nonce each time', async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  for (const path of ['/', '/topology', '/statefulsets', '/history']) {
    const res = await page.goto(path);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await expect(page.locator('header nav')).toBeVisible();
    // Every script the page holds carries the nonce the browser was given.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
  }
  expect(violations).toEqual([]);
  const [a, b] = await Promise.all([request.get('/'), request.get('/')]);
  expect(a.headers()['content-security-policy']).not.toBe(b.headers()['content-security-policy']);
});
