import { expect, test } from '@playwright/test';
import { stringify } from 'yaml';
import { kubectl, kubectlApply } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

test('a long list draws a page of rows, says how many are hidden, and shows the rest on request', async ({ page }) => {
  await kubectl('create', 'namespace', 'bulk');
  try {
    const maps = Array.from({ length: 230 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${String(i).padStart(3, '0')}`, namespace: 'bulk' },
      data: { k: 'v' },
    }));
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

test('storage pages its claims on the server: a page of rows, the deep-linked one beyond it, and more on request', async ({
  page,
}) => {
  await kubectl('create', 'namespace', 'bulk-claims');
  try {
    const claim = (i: number) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: `data-${String(i).padStart(3, '0')}`, namespace: 'bulk-claims' },
      spec: {
        storageClassName: 'e2e-nowhere',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
    });
    await kubectlApply(Array.from({ length: 230 }, (_, i) => stringify(claim(i))).join('---\n'));
    await page.goto('/storage?namespace=bulk-claims&select=PersistentVolumeClaim%2Fbulk-claims%2Fdata-229');
    const rows = page.locator('td[data-node-id^="PersistentVolumeClaim/bulk-claims/"]');
    await expect(page.getByText('Showing 200 of 230 claims')).toBeVisible();
    await expect(rows).toHaveCount(201);
    await expect(page.locator('td[data-node-id="PersistentVolumeClaim/bulk-claims/data-229"]')).toBeVisible();
    await page.getByRole('button', { name: 'Show 30 more' }).click();
    await expect(rows).toHaveCount(230);
    await expect(page.getByText(/Showing \d+ of 230/)).toHaveCount(0);
  } finally {
    await kubectl('delete', 'namespace', 'bulk-claims', '--wait=false');
  }
});
