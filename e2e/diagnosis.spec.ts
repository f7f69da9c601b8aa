import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL, viewport: { width: 1440, height: 900 } });

test("the topology's Show filter draws one problem: its cause selected, what it affects lit, the rest dimmed", async ({
  page,
}, info) => {
  await page.goto('/topology?namespace=analytics');
  const show = page.getByLabel('Show');
  const option = show.locator('option', { hasText: 'StorageClass fast does not exist' });
  await expect(option).toHaveCount(1);
  await show.selectOption({ label: (await option.textContent()) ?? '' });
  await expect(page).toHaveURL(/problem=storageClass\.missing%3AStorageClass%2Ffast/);
  await expect(page).toHaveURL(/select=StorageClass%2Ffast/);
  await expect(page.locator('.details')).toContainText('It does not exist in the cluster');
  await expect(page.locator('.details .error-panel')).toHaveCount(0);
  for (const id of [
    'StorageClass/fast',
    'PersistentVolumeClaim/analytics/data-etcd-0',
    'Pod/analytics/etcd-0',
    'StatefulSet/analytics/etcd',
  ])
    await expect(page.locator(`g.node[data-node-id="${id}"]`)).not.toHaveClass(/dim/);
  await expect(page.locator('g.node[data-node-id="StatefulSet/analytics/cassandra"]')).toHaveClass(/dim/);
  await expect(page.getByRole('toolbar').getByRole('status')).toContainText('in this problem');
  await screenshot(page, info, 'topology-one-problem');
  // Back to everything: the filter gone from the URL, the selection kept (its neighbours lit, as any selection's).
  await show.selectOption('all');
  await expect(page).not.toHaveURL(/problem=/);
  await expect(page.getByRole('toolbar').getByRole('status')).not.toContainText('in this problem');
  await expect(page.locator('g.node[data-node-id="PersistentVolumeClaim/analytics/data-etcd-0"]')).not.toHaveClass(
    /dim/,
  );
  await expect(page.locator('g.node[data-node-id="Pod/analytics/etcd-0"]')).toHaveClass(/dim/);
});

test('the overview offers each problem in the graph and as kubectl', async ({ page }) => {
  await page.goto('/');
  const first = page.locator('ol.problems > li').first();
  await expect(first).toHaveAttribute('data-problem', 'rollout.stuck:StatefulSet/messaging/kafka');
  await first.locator('summary', { hasText: 'kubectl' }).click();
  await expect(first.locator('code').first()).toHaveText('kubectl describe statefulset kafka -n messaging');
  await expect(first.locator('code', { hasText: 'kubectl describe pod kafka-2 -n messaging' })).toHaveCount(1);
  await first.getByRole('link', { name: 'in the graph' }).click();
  await expect(page).toHaveURL(/\/topology\?namespace=messaging&problem=/);
  await expect(page.locator('g.node[data-node-id="Pod/messaging/kafka-2"]')).not.toHaveClass(/dim/);
  await expect(page.locator('g.node[data-node-id="Pod/messaging/zookeeper-0"]')).toHaveClass(/dim/);
});

test("selecting a node on the right keeps the graph's left column in view", async ({ page }) => {
  await page.goto('/topology?namespace=messaging');
  const svc = page.locator('g.node[data-node-id="Service/messaging/kafka-headless"]');
  await expect(svc).toBeVisible();
  await page.locator('g.node[data-node-id^="PersistentVolume/"]').first().click();
  await expect(page.locator('.details')).toBeVisible();
  // Let the camera settle (d3-zoom applies the move in one step), then compare edges.
  await expect
    .poll(async () => {
      const box = await page.locator('.graph').boundingBox();
      const s = await svc.boundingBox();
      return !!box && !!s && s.x >= box.x;
    })
    .toBe(true);
  const pv = await page.locator('g.node.selected').boundingBox();
  const box = await page.locator('.graph').boundingBox();
  expect(pv && box && pv.x + pv.width <= box.x + box.width).toBeTruthy();
});

test('pods running stale config are badged in the topology', async ({ page }) => {
  await page.goto('/topology?namespace=databases');
  for (const i of [0, 1, 2])
    await expect(page.locator(`g.node[data-node-id="Pod/databases/redis-${i}"] .node-stale`)).toBeVisible();
  await expect(page.locator('g.node[data-node-id="Pod/databases/postgres-0"] .node-stale')).toHaveCount(0);
  await expect(page.locator('g.node[data-node-id="Pod/databases/redis-0"]')).toHaveAttribute(
    'aria-label',
    /stale config/,
  );
});

test('a Service: its ports, why its selector matches nothing, and its pods in the words every view uses', async ({
  page,
}) => {
  await page.goto('/services');
  await expect(page.locator('tr[data-node-id="Service/analytics/metrics-exporter"] .ports')).toHaveText(
    'metrics 9100/TCP',
  );
  await page.goto('/services/analytics/metrics-exporter');
  const near = page.locator('.near-matches');
  await expect(near).toContainText('No pod in analytics nearly matches');
  await expect(near.locator('dd')).toContainText(/cassandra \(\d+ pods\)/);
  await expect(near.locator('dd')).toContainText('etcd');
  await expect(page.getByRole('region', { name: 'The same with kubectl' })).toContainText(
    'kubectl get endpointslices -n analytics -l kubernetes.io/service-name=metrics-exporter',
  );
  // kafka-2 is stuck: a warning on its pod page, in its endpoint row, and on the Service it keeps from full strength.
  await page.goto('/services/messaging/kafka-headless');
  const row = page.locator('tr[data-node-id="Pod/messaging/kafka-2"]');
  await expect(row).toHaveAttribute('data-status', 'warning');
  await expect(row.locator('.status')).toHaveText(/Warning/);
  await expect(page.locator('.title-row .status')).toHaveText(/Warning/);
  await page.goto('/pods/messaging/kafka-2');
  await expect(page.locator('h1 + .status, .title-row .status').first()).toHaveText(/Warning/);
});

test("a claim's provisioning events, one click from its row in the storage view", async ({ page }) => {
  await page.goto('/storage?namespace=analytics');
  await page.locator('td[data-node-id="PersistentVolumeClaim/analytics/data-etcd-0"] .cell-head a').click();
  await expect(page).toHaveURL(/select=PersistentVolumeClaim%2Fanalytics%2Fdata-etcd-0/);
  const panel = page.locator('.selected-object');
  await expect(panel.getByRole('heading')).toHaveText('Events of PersistentVolumeClaim analytics/data-etcd-0');
  await expect(panel.locator('tr[data-event-type="Warning"]')).toContainText('ProvisioningFailed');
  await expect(panel.locator('tr[data-event-type="Warning"]')).toContainText(
    'storageclass.storage.k8s.io "fast" not found',
  );
  await panel.locator('summary', { hasText: 'kubectl' }).click();
  await expect(
    panel.locator('code', {
      hasText: 'kubectl get events -n analytics --field-selector involvedObject.name=data-etcd-0',
    }),
  ).toHaveCount(1);
});
