import { expect, test } from '@playwright/test';
import { stringify } from 'yaml';
import { kubectlApply } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

const HTML = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
const UNICODE = 'Ωmega 🚀 — ñandú 日本語 \u202Eevil';
const LONG = 'x'.repeat(20_000);

test('hostile annotations and data render as inert text', async ({ page }) => {
  await kubectlApply(
    [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'hostile', namespace: 'default', annotations: { note: HTML, unicode: UNICODE } },
        data: { 'page.html': HTML, long: LONG, unicode: UNICODE },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'hostile', namespace: 'default', annotations: { description: HTML } },
        spec: {
          replicas: 1,
          serviceName: 'hostile',
          selector: { matchLabels: { app: 'hostile' } },
          template: {
            metadata: { labels: { app: 'hostile' }, annotations: { note: `${HTML} ${UNICODE}` } },
            spec: { containers: [{ name: 'c', image: 'app:1', envFrom: [{ configMapRef: { name: 'hostile' } }] }] },
          },
        },
      },
    ]
      .map((o) => stringify(o))
      .join('---\n'),
  );
  await page.goto('/topology?namespace=default&select=ConfigMap%2Fdefault%2Fhostile');
  const details = page.locator('.details');
  await expect(details.locator('.yaml')).toContainText('<img src=x onerror="window.__xss=1">');
  await expect(details.locator('.yaml')).toContainText('日本語');
  await expect(page.locator('.details img')).toHaveCount(0);
  await page.goto('/topology?namespace=default&select=StatefulSet%2Fdefault%2Fhostile');
  await expect(page.locator('.details .yaml')).toContainText('<script>window.__xss=2</script>');
  await page.goto('/drift?namespace=default&source=ConfigMap%2Fdefault%2Fhostile');
  await expect(page.locator('tr[data-node-id="ConfigMap/default/hostile"]')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('script:text("window.__xss")').count()).toBe(0);
});
