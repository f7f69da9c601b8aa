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
      spec: { replicas: 2, serviceName: 'mongo', selector: { matchLabels: { app: 'mongo' } }, template: { metadata: { labels: { app: 'mongo' } }, spec: { containers: [{ name: 'mongo', image: 'mongo:7' }] } } },
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
