import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

const linesShown = async (status: import('@playwright/test').Locator) =>
  Number(/the last (\d+) line/.exec((await status.textContent()) ?? '')?.[1] ?? 0);

test("kafka-2's pod page: container state, restarts, the failing probe, what changed in the rollout, and a live log", async ({
  page,
}, info) => {
  await page.goto('/statefulsets/messaging/kafka');
  await page.locator('[data-ordinal="2"] header a').click();
  await expect(page).toHaveURL(/\/pods\/messaging\/kafka-2$/);
  const card = page.locator('[data-container="kafka"]');
  await expect(card.locator('[data-state]')).toContainText('running');
  await expect(card.locator('[data-restarts]')).toHaveText('0');
  await expect(card.locator('[data-probe="readiness"]')).toContainText('tcp :9092');
  await expect(page.locator('[data-probe-failure]')).toContainText('connect: connection refused', { timeout: 20_000 });
  const image = page.locator('[data-rollout] tr[data-path="spec.containers[kafka].image"]');
  await expect(image).toContainText('apache/kafka:3.8.0');
  await expect(image).toContainText('apache/kafka:3.9.0');
  const logs = page.locator('.logs');
  await expect(
    logs.locator('.log-line').filter({ hasText: 'Fatal error during KafkaServer startup' }).first(),
  ).toBeVisible();
  const status = logs.locator('.log-status');
  await expect(status).toContainText('following');
  const before = await linesShown(status);
  await expect.poll(() => linesShown(status), { timeout: 15_000 }).toBeGreaterThan(before);
  await logs.getByRole('searchbox').fill('Fatal');
  await expect(status).toContainText('lines match');
  await expect(page.getByRole('region', { name: 'The same with kubectl' })).toContainText(
    'kubectl describe pod kafka-2 -n messaging',
  );
  await screenshot(page, info, 'pod-kafka-2');
});

test('escape sequences in a log show as text, and a pod that does not exist says so at once', async ({ page }) => {
  await page.goto('/pods/messaging/zookeeper-0');
  await expect(page.locator('.log-line').filter({ hasText: '␛[32mINFO' }).first()).toBeVisible({ timeout: 15_000 });
  let asked = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/pods/messaging/nope-0')) asked++;
  });
  await page.goto('/pods/messaging/nope-0');
  await expect(page.getByText('Cannot show pod messaging/nope-0')).toBeVisible();
  await expect(page.getByText('pod messaging/nope-0 not found')).toBeVisible();
  await expect(page.getByRole('link', { name: '← The topology of messaging' })).toBeVisible();
  // A 404 is an answer: asked once, not retried (the client used to retry it for seconds).
  expect(asked).toBe(1);
});
