import { expect, test } from '@playwright/test';
import { stringify } from 'yaml';
import { kubectl, kubectlApply } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

test('a long list draws a page of rows, says how many are hidden, and shows the rest on request', async ({ page }) => {
  await kubectl('create', 'namespace', 'bulk');
  try {
    const maps = Array.from({ length: 230 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(3, '0')}`, namespace: 'bulk' }, data: { k: 'v' } }));
    await kubectlApply(maps.map((o) => stringify(o)).join('---\n'));
    await page.goto('/drift?namespace=bulk');
    const rows = page.locator('[data-node-id^="ConfigMap/bulk/"]');
    await expect(rows).toHaveCount(200);
    await expect(page.getByText('Showing 200 of 230 sources')).toBeVisible();
    await page.getByRole('button', { name: 'Show 30 more' }).click();
    await expect(rows).toHaveCount(230);
    await expect(page.getByText(/Showing \d+ of 230/)).toHaveCount(0);
    await expect(page.locator('[data-node-id="ConfigMap/bulk/cm-229"]')).toBeVisible();
  } finally {
    await kubectl('delete', 'namespace', 'bulk', '--wait=false');
  }
});
