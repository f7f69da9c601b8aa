import { expect, test } from '@playwright/test';
import { kubectl, kubectlApply, pastSecondOf, screenshot } from './helpers';
import { restartLogTail, startNext, stopNext, waitClosed } from './servers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

test('scaling with kubectl makes the new ordinal appear and turn Ready, without reload', async ({ page }, info) => {
  await page.goto('/statefulsets/messaging/zookeeper');
  await expect(page.locator('[data-ordinal]')).toHaveCount(3);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await kubectl('scale', 'statefulset', 'zookeeper', '-n', 'messaging', '--replicas=4');
  const cell = page.locator('[data-ordinal="3"]');
  await expect(cell).toBeVisible();
  await expect(cell).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
  await expect(cell).toContainText('✓ Ready');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  await screenshot(page, info, 'statefulset-zookeeper-scaled');
});

test('scaling zookeeper 5 → 3 leaves it healthy, its retained claims information with the policy named', async ({
  page,
}) => {
  await kubectl('scale', 'statefulset', 'zookeeper', '-n', 'messaging', '--replicas=5');
  await page.goto('/statefulsets/messaging/zookeeper');
  await expect(page.locator('[data-ordinal="4"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
  await kubectl('scale', 'statefulset', 'zookeeper', '-n', 'messaging', '--replicas=3');
  await expect(page.locator('[data-ordinal="4"]:not(.orphan)')).toHaveCount(0, { timeout: 30_000 });
  await page.goto('/statefulsets?namespace=messaging');
  await expect(page.locator('tr[data-node-id="StatefulSet/messaging/zookeeper"]')).toHaveAttribute(
    'data-status',
    'ok',
    { timeout: 20_000 },
  );
  await page.goto('/');
  const kept = page.locator('.problems > li[data-node-id="StatefulSet/messaging/zookeeper"]');
  await expect(kept).toHaveAttribute('data-impact', 'information');
  await expect(kept).toContainText('whenScaled: Retain');
  await expect(kept).toContainText('data-zookeeper-3');
  await expect(kept).toContainText('data-zookeeper-4');
  await expect(kept.locator('[data-delete-command]')).toHaveText(
    'kubectl delete pvc -n messaging data-zookeeper-3 data-zookeeper-4',
  );
});

test('editing a ConfigMap makes drift appear live', async ({ page }) => {
  await page.goto('/drift?namespace=messaging&source=ConfigMap%2Fmessaging%2Fkafka-config');
  const row = page.locator('tr[data-node-id="ConfigMap/messaging/kafka-config"]');
  await expect(row).toContainText('in sync');
  const starts = (await kubectl('get', 'pods', '-n', 'messaging', '-o', 'jsonpath={.items[*].status.startTime}'))
    .split(' ')
    .filter(Boolean);
  await pastSecondOf(starts);
  await kubectl(
    'patch',
    'configmap',
    'kafka-config',
    '-n',
    'messaging',
    '--type=merge',
    '-p',
    '{"data":{"server.properties":"num.partitions=48\\n"}}',
  );
  await expect(row).toContainText(/3 stale pods/, { timeout: 20_000 });
  await expect(page.locator('tr[data-drift="stale"]').first()).toContainText('subPath');
  // Edited while watched: the key is named exactly.
  await expect(page.locator('tr[data-drift="stale"]').first().locator('td[data-keys]')).toHaveText('server.properties');
  await expect(page.locator('.config-diff')).toContainText('num.partitions=48');
  await expect(page.locator('.config-diff')).toContainText('num.partitions=12');
});

test('a deleted pod leaves and comes back under the same name', async ({ page }) => {
  await page.goto('/topology?namespace=messaging&select=Pod%2Fmessaging%2Fzookeeper-1');
  const node = page.locator('[data-node-id="Pod/messaging/zookeeper-1"]');
  await expect(node).toHaveAttribute('data-status', 'ok');
  const yaml = page.locator('.details .yaml');
  // The pod's own uid sits at metadata level (two spaces in); deeper ones are its owner's.
  const uid = /^  uid: (\S+)/m.exec((await yaml.textContent()) ?? '')?.[1];
  expect(uid).toBeTruthy();
  await kubectl('delete', 'pod', 'zookeeper-1', '-n', 'messaging', '--wait=false');
  await expect(node).toHaveAttribute('data-status', 'progressing');
  await expect(node).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
  await expect(yaml).toContainText(/\n  uid: /);
  await expect(yaml).not.toContainText(`\n  uid: ${uid}`);
});

test('a dropped stream reconnects and catches up', async ({ page }) => {
  // Zookeeper, not a demo trouble case: the other specs still see those as the demo left them.
  const replicas = Number(
    await kubectl('get', 'sts', 'zookeeper', '-n', 'messaging', '-o', 'jsonpath={.spec.replicas}'),
  );
  const streamLog: string[] = [];
  const started = Date.now();
  const note = (what: string, url: string) =>
    url.includes('/api/v1/stream') && streamLog.push(`${Date.now() - started} ms ${what}`);
  page.on('response', (r) => note(`${r.status()} ${r.url()}`, r.url()));
  page.on('requestfailed', (r) => note(`${r.failure()?.errorText} ${r.url()}`, r.url()));
  await page.goto('/statefulsets/messaging/zookeeper');
  await expect(page.locator('[data-connection="live"]')).toBeVisible();
  // Retained claims of earlier scale-downs show as leftover (orphan) cards beside the ordinals.
  await expect(page.locator('[data-ordinal]:not(.orphan)')).toHaveCount(replicas);
  const port = Number(process.env.ORDINAL_E2E_PORT);
  stopNext();
  await waitClosed(port, 20_000);
  try {
    await expect(page.locator('[data-connection="reconnecting"], [data-connection="offline"]')).toBeVisible();
    await expect(page.locator('.connection')).toContainText('stale since');
    await kubectl('scale', 'statefulset', 'zookeeper', '-n', 'messaging', `--replicas=${replicas + 1}`);
  } finally {
    // Later tests need the dashboard back whatever happened here.
    await startNext(port, String(process.env.ORDINAL_E2E_KUBECONFIG));
  }
  try {
    await expect(page.locator('[data-connection="live"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator(`[data-ordinal="${replicas}"]`)).toHaveAttribute('data-status', 'ok', {
      timeout: 20_000,
    });
  } catch (e) {
    // What the browser's stream saw, and what the restarted dashboard said: the CI run keeps no trace files.
    console.log(`stream requests:\n${streamLog.join('\n')}\nrestarted dashboard:\n${restartLogTail()}`);
    throw e;
  }
});

/** A claim in messaging naming a StorageClass that does not exist: it stays Pending, a problem. */
const stuckClaim = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'messaging' },
    spec: {
      storageClassName: 'e2e-missing',
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    },
  });

test('the overview follows the cluster live: a new broken claim shows as a problem, its removal clears it', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('[data-connection="live"]')).toBeVisible();
  // The cause is the missing class; the claim is listed under it.
  const row = page.locator('.problems > li[data-node-id="StorageClass/e2e-missing"]');
  await expect(row).toHaveCount(0);
  await kubectlApply(stuckClaim('e2e-nowhere'));
  await expect(row.locator('.affected li[data-node-id="PersistentVolumeClaim/messaging/e2e-nowhere"]')).toBeVisible({
    timeout: 20_000,
  });
  await expect(row).toContainText('e2e-missing');
  await expect(page.locator('tr[data-namespace="messaging"]')).toContainText('Pending');
  await kubectl('delete', 'pvc', 'e2e-nowhere', '-n', 'messaging');
  await expect(row).toHaveCount(0, { timeout: 20_000 });
});

test('the storage page follows the cluster live: a new claim appears without reload', async ({ page }) => {
  await page.goto('/storage?namespace=messaging');
  await expect(page.locator('[data-connection="live"]')).toBeVisible();
  const cell = page.locator('td[data-node-id="PersistentVolumeClaim/messaging/e2e-live-claim"]');
  await expect(cell).toHaveCount(0);
  await kubectlApply(stuckClaim('e2e-live-claim'));
  await expect(cell).toContainText('e2e-live-claim', { timeout: 20_000 });
  await kubectl('delete', 'pvc', 'e2e-live-claim', '-n', 'messaging');
  await expect(cell).toHaveCount(0, { timeout: 20_000 });
});
