import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

test('overview: problems by root cause, the most urgent first, each listing what it breaks', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.locator('[data-connection="live"]')).toBeVisible();
  const problems = page.locator('.problems > li');
  // The stuck Kafka rollout breaks a serving set: first, whatever the names sort as.
  await expect(problems.first()).toHaveAttribute('data-problem', 'rollout.stuck:StatefulSet/messaging/kafka');
  await expect(problems.first()).toContainText('Rollout of StatefulSet messaging/kafka stuck at ordinal 2');
  // One missing StorageClass is one problem, listing its claim, pod, StatefulSet and Service.
  const fast = page.locator('.problems > li[data-node-id="StorageClass/fast"]');
  await expect(fast).toContainText('StorageClass fast does not exist');
  for (const id of [
    'PersistentVolumeClaim/analytics/data-etcd-0',
    'Pod/analytics/etcd-0',
    'StatefulSet/analytics/etcd',
    'Service/analytics/etcd-headless',
  ])
    await expect(fast.locator(`.affected li[data-node-id="${id}"]`)).toBeVisible();
  for (const id of [
    'StatefulSet/analytics/etcd',
    'Pod/analytics/etcd-0',
    'PersistentVolumeClaim/analytics/data-etcd-0',
  ])
    await expect(page.locator(`.problems > li[data-node-id="${id}"]`)).toHaveCount(0);
  await expect(page.locator('.problems > li[data-node-id="Service/analytics/metrics-exporter"]')).toContainText(
    'matches no pods',
  );
  // Claims kept by whenScaled: Retain are information, listed last, not a warning.
  const kept = page.locator('.problems > li[data-node-id="StatefulSet/analytics/cassandra"]');
  await expect(kept).toHaveAttribute('data-impact', 'information');
  await expect(kept).toContainText('data-cassandra-3');
  await expect(page.locator('tr[data-namespace="analytics"]')).toContainText('Failing');
  await expect(page.locator('tr[data-namespace="databases"]')).toContainText('3 stale');
  await screenshot(page, info, 'overview');
  await fast.locator('.affected li[data-node-id="StatefulSet/analytics/etcd"] a').click();
  await expect(page).toHaveURL(/\/statefulsets\/analytics\/etcd$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
});

test('topology: a live layered graph with DOM hooks, search, filters and a details panel', async ({ page }, info) => {
  await page.goto('/topology?namespace=analytics');
  const etcd = page.locator('[data-node-id="StatefulSet/analytics/etcd"]');
  await expect(etcd).toHaveAttribute('data-status', 'error');
  await expect(page.locator('[data-node-id="StorageClass/fast"]')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('.graph [data-node-id]')).not.toHaveCount(0);
  await screenshot(page, info, 'topology-analytics');
  // "Objects with problems" keeps problems and their direct neighbours; in databases postgres-0 is neither.
  await page.goto('/topology?namespace=databases');
  await expect(page.locator('[data-node-id="Pod/databases/postgres-0"]')).toHaveCount(1);
  await page.getByLabel('Show').selectOption('unhealthy');
  await expect(page).toHaveURL(/health=problems/);
  await expect(page.locator('[data-node-id="Pod/databases/postgres-0"]')).toHaveCount(0);
  await expect(page.locator('[data-node-id="Pod/databases/redis-0"]')).toHaveCount(1);
  await page.getByLabel('Show').selectOption('all');
  await expect(page).not.toHaveURL(/health=/);
  await page.goto('/topology?namespace=analytics');
  await page.getByRole('searchbox', { name: 'Search' }).fill('cassandra-1');
  await expect(page.locator('[data-node-id="Pod/analytics/cassandra-1"]')).not.toHaveClass(/dim/);
  await expect(page.locator('[data-node-id="Pod/analytics/cassandra-0"]')).toHaveClass(/dim/);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  // Keyboard: focus the node and press Enter to open its details.
  await etcd.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/select=StatefulSet%2Fanalytics%2Fetcd/);
  const details = page.getByRole('complementary', { name: /Details of StatefulSet etcd/ });
  await expect(details).toContainText('StorageClass fast does not exist');
  await expect(details.locator('.yaml')).toContainText('volumeClaimTemplates');
  await expect(details.locator('.yaml')).not.toContainText('managedFields');
  await screenshot(page, info, 'topology-details');
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/select=/);
  await page.goto('/topology');
  await expect(page.locator('[data-node-id="StatefulSet/messaging/kafka"]')).toBeVisible();
  await screenshot(page, info, 'topology-cluster');
});

test('StatefulSet: the ordinal lane with revisions, the partition marker, orphans and the diagnosis', async ({
  page,
}, info) => {
  await page.goto('/statefulsets/databases/postgres');
  await expect(page.locator('[data-ordinal]')).toHaveCount(3);
  await expect(page.getByRole('note', { name: /partition 2/ })).toBeVisible();
  await expect(page.locator('[data-ordinal="2"]')).toContainText('update');
  await expect(page.locator('[data-ordinal="0"]')).toContainText('current');
  await expect(page.locator('.diagnosis')).toContainText('rollout held at partition 2');
  await screenshot(page, info, 'statefulset-postgres');
  await page.goto('/statefulsets/analytics/cassandra');
  await expect(page.locator('[data-ordinal="4"].orphan')).toContainText('data-cassandra-4');
  await expect(page.locator('.diagnosis')).toContainText('claims of removed ordinals kept by whenScaled: Retain');
  await expect(page.locator('.diagnosis')).toContainText(
    'kubectl delete pvc -n analytics data-cassandra-3 data-cassandra-4',
  );
  // Drift where people look: each redis ordinal says it runs stale config, a link to the drift view.
  await page.goto('/statefulsets/databases/redis');
  for (const i of [0, 1, 2])
    await expect(page.locator(`[data-ordinal="${i}"] [data-stale-config]`)).toContainText(
      'runs an older ConfigMap redis-config',
    );
  await page.goto('/statefulsets/messaging/kafka');
  await expect(page.locator('[data-ordinal="2"]')).toHaveAttribute('data-status', 'warning');
  await expect(page.locator('[data-ordinal="2"]')).toContainText('Readiness probe failed');
  await expect(page.locator('.diagnosis')).toContainText('the rollout is stuck here');
  await expect(page.locator('table.events')).toContainText('SuccessfulCreate');
  await screenshot(page, info, 'statefulset-kafka');
});

test('storage, drift and services views show their trouble cases', async ({ page }, info) => {
  await page.goto('/storage');
  await expect(page.locator('td[data-node-id="PersistentVolumeClaim/analytics/data-etcd-0"]')).toContainText(
    'StorageClass fast does not exist',
  );
  await expect(page.locator('td[data-node-id="PersistentVolumeClaim/analytics/data-cassandra-4"]')).toContainText(
    'retained after scale-down',
  );
  await expect(page.locator('.released-row')).toContainText('Released');
  await screenshot(page, info, 'storage');
  await page.goto('/drift?namespace=databases');
  const redis = page.locator('tr[data-node-id="ConfigMap/databases/redis-config"]');
  await expect(redis).toContainText('3 stale pods');
  await expect(redis).toContainText('differs: REDIS_MODE, redis.conf');
  await redis.getByRole('button').click();
  await expect(page).toHaveURL(/source=ConfigMap%2Fdatabases%2Fredis-config/);
  // One row per pod, naming it, with its ways of consuming the source and the keys that changed.
  const stale = page.locator('tr[data-drift="stale"]');
  await expect(stale).toHaveCount(3);
  for (const i of [0, 1, 2])
    await expect(page.locator(`tr[data-drift="stale"][data-node-id="Pod/databases/redis-${i}"]`)).toContainText(
      `redis-${i}`,
    );
  await expect(stale.first().locator('td[data-keys]')).toContainText('REDIS_MODE, redis.conf');
  await expect(stale.first()).toContainText('env');
  await expect(stale.first()).toContainText('volume');
  await expect(page.locator('.meanings li')).toHaveCount(2);
  await expect(page.locator('.config-diff')).toContainText('maxmemory 256mb');
  // Changed lines within a value, not the whole old and new value.
  const conf = page.locator('.config-diff tr[data-key="redis.conf"]');
  await expect(conf.locator('.del')).toHaveText(['- maxmemory 256mb']);
  await expect(conf.locator('.add').first()).toHaveText('+ maxmemory 512mb');
  await page.locator('.drift summary', { hasText: 'kubectl' }).click();
  await expect(page.locator('.drift code').first()).toHaveText('kubectl describe configmap redis-config -n databases');
  await screenshot(page, info, 'drift');
  await page.goto('/services/databases/postgres-headless');
  await expect(page.getByText('postgres-1.postgres-headless.databases.svc.cluster.local')).toBeVisible();
  await screenshot(page, info, 'service-postgres-headless');
  await page.goto('/services/analytics/metrics-exporter');
  await expect(page.locator('.diagnosis')).toContainText('matches no pods');
  await page.goto('/services');
  await expect(page.locator('tr[data-node-id="Service/analytics/metrics-exporter"]')).toHaveAttribute(
    'data-status',
    'warning',
  );
  await screenshot(page, info, 'services');
});

test('dark theme and a laptop-sized screen', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/statefulsets/messaging/kafka');
  await page.getByRole('button', { name: /Theme:/ }).click();
  await page.getByRole('button', { name: /Theme:/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('[data-ordinal="2"]')).toBeVisible();
  await screenshot(page, info, 'statefulset-kafka-dark');
  await page.goto('/topology?namespace=databases');
  await expect(page.locator('[data-node-id="ConfigMap/databases/redis-config"]')).toBeVisible();
  await screenshot(page, info, 'topology-databases-dark');
});
