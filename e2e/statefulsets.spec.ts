import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

const kubectl = (...args: string[]) => execFileSync('kubectl', args, { env: { ...process.env, KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG }, encoding: 'utf8' });

test('the StatefulSets page lists the demo cluster through the server, with health as text and data hooks', async ({ page }, info) => {
  await page.goto('/statefulsets');
  await expect(page.getByRole('heading', { name: 'StatefulSets' })).toBeVisible();
  const rows = page.locator('tbody tr[data-node-id]');
  await expect(rows).toHaveCount(6);
  await expect(page.locator('[data-node-id="StatefulSet/analytics/etcd"]')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('[data-node-id="StatefulSet/analytics/etcd"]')).toContainText('0/3');
  await expect(page.locator('[data-node-id="StatefulSet/messaging/kafka"]')).toHaveAttribute('data-status', 'progressing');
  await expect(page.locator('[data-node-id="StatefulSet/messaging/kafka"]')).toContainText('Progressing');
  await expect(page.locator('[data-node-id="StatefulSet/databases/redis"]')).toHaveAttribute('data-status', 'ok');
  await page.screenshot({ path: info.outputPath('statefulsets.png'), fullPage: true });
});

test('a StatefulSet created and scaled with kubectl shows on the next load', async ({ page }) => {
  kubectl('create', 'namespace', 'e2e-new');
  const manifest = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'mongo', namespace: 'e2e-new' },
    spec: {
      replicas: 2,
      serviceName: 'mongo',
      selector: { matchLabels: { app: 'mongo' } },
      template: { metadata: { labels: { app: 'mongo' } }, spec: { containers: [{ name: 'mongo', image: 'mongo:7' }] } },
    },
  });
  execFileSync('kubectl', ['apply', '-f', '-'], { input: manifest, env: { ...process.env, KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG } });
  kubectl('rollout', 'status', 'sts/mongo', '-n', 'e2e-new', '--timeout=30s');
  await page.goto('/statefulsets');
  await expect(page.locator('[data-node-id="StatefulSet/e2e-new/mongo"]')).toContainText('2/2');
  kubectl('scale', 'sts/mongo', '-n', 'e2e-new', '--replicas=3');
  kubectl('rollout', 'status', 'sts/mongo', '-n', 'e2e-new', '--timeout=30s');
  await page.reload();
  await expect(page.locator('[data-node-id="StatefulSet/e2e-new/mongo"]')).toContainText('3/3');
});

test('security headers are set on pages', async ({ request }) => {
  const res = await request.get('/statefulsets');
  expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['x-frame-options']).toBe('DENY');
});
