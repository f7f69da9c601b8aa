import { expect, test } from '@playwright/test';
import { kubectl, screenshot } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

const NS = 'history-e2e';

test('history: a kubectl edit shows on the timeline and in the list, and opens as a YAML diff', async ({ page }, info) => {
  await kubectl('create', 'namespace', NS);
  await kubectl('create', 'configmap', 'app-settings', '-n', NS, '--from-literal=level=info', '--from-literal=<b>html</b>=x');
  await kubectl('patch', 'configmap', 'app-settings', '-n', NS, '--type=merge', '-p', JSON.stringify({ data: { level: 'debug' } }));
  await page.goto(`/history?namespace=${NS}`);
  const edit = page.locator('tr[data-change-type="MODIFIED"]', { hasText: 'data.level: info → debug' });
  await expect(edit).toBeVisible();
  await expect(page.locator('tr[data-change-type="ADDED"]', { hasText: 'app-settings' })).toBeVisible();
  await expect(page.locator('.timeline rect.bar').first()).toBeVisible();
  // Cluster text is text: the key named like markup stays literal.
  await expect(page.locator('b', { hasText: 'html' })).toHaveCount(0);
  await edit.getByRole('button').click();
  await expect(page).toHaveURL(/object=ConfigMap%2Fhistory-e2e%2Fapp-settings/);
  const diff = page.locator('.yaml-diff');
  await expect(diff.locator('.del')).toContainText('level: info');
  await expect(diff.locator('.add')).toContainText('level: debug');
  await screenshot(page, info, 'history-diff');
  // A drag across the timeline picks a window; "Whole history" goes back.
  const box = await page.locator('.timeline svg').boundingBox();
  if (!box) throw new Error('no timeline');
  await page.mouse.move(box.x + box.width * 0.1, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.9, box.y + 20, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/since=.*until=/);
  await page.getByRole('button', { name: 'Whole history' }).click();
  await expect(page).not.toHaveURL(/since=/);
  const csv = await page.request.get(`/api/v1/history?format=csv&namespace=${NS}`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).split('\r\n')[0]).toBe('id,time,cluster,type,kind,namespace,name,uid,resourceVersion,observed,windowFrom,windowTo,manager,summary,hash,prevHash');
});
