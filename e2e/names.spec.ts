import { expect, test, type Page } from '@playwright/test';
import { kubectl, kubectlApply, screenshot } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL, viewport: { width: 1440, height: 900 } });

/** The longest names Kubernetes allows in practice: a 63-character namespace, a 49-character StatefulSet. */
const NS = `team-${'platform-observability-'.repeat(3)}`.slice(0, 62) + 'x';
const STS = `ingest-${'pipeline-'.repeat(5)}`.slice(0, 48) + 'x';

test.beforeAll(async () => {
  expect([NS.length, STS.length]).toEqual([63, 49]);
  await kubectl('create', 'namespace', NS);
  await kubectlApply(
    [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: STS, namespace: NS },
        spec: { clusterIP: 'None', selector: { app: 'ingest' }, ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: STS, namespace: NS },
        spec: {
          replicas: 2,
          serviceName: STS,
          podManagementPolicy: 'Parallel',
          selector: { matchLabels: { app: 'ingest' } },
          template: {
            metadata: { labels: { app: 'ingest' } },
            spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n'),
  );
});

test.afterAll(async () => {
  await kubectl('delete', 'namespace', NS, '--wait=false');
});

/** Nothing wider than the window: a long name never pushes the page sideways or squeezes a column to a letter. */
async function fitsTheWindow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  const narrowest = await page.evaluate(() =>
    Math.min(...[...document.querySelectorAll('main table th')].map((th) => th.getBoundingClientRect().width)),
  );
  expect(narrowest).toBeGreaterThan(40);
}

test('a 63-character namespace and a 49-character StatefulSet stay legible in every view', async ({ page }, info) => {
  await page.goto('/');
  const row = page.locator(`tr[data-namespace="${NS}"]`);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.locator('.name')).toHaveAttribute('title', NS);
  await fitsTheWindow(page);
  await screenshot(page, info, 'names-overview');

  await page.goto(`/statefulsets?namespace=${NS}`);
  const link = page.locator(`tr[data-node-id="StatefulSet/${NS}/${STS}"] a .name`);
  await expect(link).toHaveAttribute('title', STS);
  await fitsTheWindow(page);

  await page.goto(`/statefulsets/${NS}/${STS}`);
  // Each ordinal's pod keeps its suffix visible: the cards tell pod-0 from pod-1.
  for (const i of [0, 1])
    await expect(page.locator(`[data-ordinal="${i}"] header .name`)).toHaveText(new RegExp(`-${i}$`), {
      timeout: 20_000,
    });
  await fitsTheWindow(page);
  await screenshot(page, info, 'names-statefulset');

  await page.goto(`/storage?namespace=${NS}`);
  const claims = page.locator(`td[data-node-id^="PersistentVolumeClaim/${NS}/"] .cell-head .name`);
  await expect(claims).toHaveCount(2);
  const texts = await claims.allTextContents();
  expect(new Set(texts).size).toBe(2);
  await fitsTheWindow(page);

  await page.goto(`/topology?namespace=${NS}`);
  await expect(page.locator(`[data-node-id="StatefulSet/${NS}/${STS}"]`)).toBeVisible();
  await screenshot(page, info, 'names-topology');
});

test('a namespace that does not exist says so, in the picker and the view', async ({ page }) => {
  await page.goto('/topology?namespace=doesnotexist');
  await expect(page.getByText('Namespace doesnotexist does not exist in this cluster.')).toBeVisible();
  await expect(page.getByLabel('Namespace')).toHaveValue('doesnotexist');
  await expect(page.locator('select option[value="doesnotexist"]')).toHaveText('doesnotexist (does not exist)');
});
