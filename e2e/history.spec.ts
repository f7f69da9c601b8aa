import { expect, test } from '@playwright/test';
import { kubectl, kubectlApply, screenshot } from './helpers';

test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

const NS = 'history-e2e';

test('history: a kubectl edit shows on the timeline and in the list, and opens as a YAML diff', async ({
  page,
}, info) => {
  await kubectl('create', 'namespace', NS);
  await kubectl('create', 'configmap', 'app-settings', '-n', NS, '--from-literal=level=info');
  await kubectl('annotate', 'configmap', 'app-settings', '-n', NS, 'note=<b>html</b><script>alert(1)</script>');
  await kubectl(
    'patch',
    'configmap',
    'app-settings',
    '-n',
    NS,
    '--type=merge',
    '-p',
    JSON.stringify({ data: { level: 'debug' } }),
  );
  await page.goto(`/history?namespace=${NS}`);
  const edit = page.locator('tr[data-change-type="MODIFIED"]', { hasText: 'data.level: info → debug' });
  await expect(edit).toBeVisible();
  await expect(page.locator('tr[data-change-type="ADDED"]', { hasText: 'app-settings' })).toBeVisible();
  await expect(page.locator('.timeline rect.bar').first()).toBeVisible();
  // Cluster text is text: the annotation written like markup shows literally.
  await expect(page.locator('tr', { hasText: 'metadata.annotations: + {"note":"<b>html</b><script>' })).toBeVisible();
  await expect(page.locator('b', { hasText: 'html' })).toHaveCount(0);
  await edit.getByRole('button').click();
  await expect(page).toHaveURL(/object=ConfigMap%2Fhistory-e2e%2Fapp-settings/);
  const diff = page.locator('.yaml-diff');
  await expect(diff.locator('.del', { hasText: 'level: info' })).toHaveCount(1);
  await expect(diff.locator('.add', { hasText: 'level: debug' })).toHaveCount(1);
  await screenshot(page, info, 'history-diff');
  await page.getByRole('button', { name: 'Side by side' }).click();
  const split = page.getByRole('table', { name: 'Changes, side by side' });
  await expect(split.locator('td.del', { hasText: 'level: info' })).toHaveCount(1);
  await expect(split.locator('td.add', { hasText: 'level: debug' })).toHaveCount(1);
  await screenshot(page, info, 'history-diff-split');
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
  expect((await csv.text()).split('\r\n')[0]).toBe(
    'id,time,cluster,type,kind,namespace,name,uid,resourceVersion,observed,windowFrom,windowTo,manager,summary,problem,turn,hash,prevHash',
  );
});

const TT = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: tt, namespace: ${NS} }
spec:
  serviceName: tt
  replicas: 1
  selector: { matchLabels: { app: tt } }
  template:
    metadata: { labels: { app: tt } }
    spec: { containers: [{ name: main, image: busybox }] }
`;

test('time travel: the topology before a scale, step to the next change, back to live; what changed before this', async ({
  page,
}, info) => {
  await kubectlApply(TT);
  await page.goto(`/topology?namespace=${NS}`);
  await expect(page.locator(`[data-node-id="Pod/${NS}/tt-0"]`)).toHaveAttribute('data-status', 'ok', {
    timeout: 20_000,
  });
  const beforeScale = new Date().toISOString();
  await kubectl('scale', 'sts/tt', '-n', NS, '--replicas=2');
  await expect(page.locator(`[data-node-id="Pod/${NS}/tt-1"]`)).toHaveCount(1, { timeout: 20_000 });
  await page.goto(`/topology?namespace=${NS}&at=${encodeURIComponent(beforeScale)}`);
  await expect(page.locator('.past-banner')).toContainText('Not live');
  await expect(page.locator('[data-live="false"]')).toHaveCount(1);
  await expect(page.locator(`[data-node-id="Pod/${NS}/tt-0"]`)).toHaveCount(1);
  await expect(page.locator(`[data-node-id="Pod/${NS}/tt-1"]`)).toHaveCount(0);
  await screenshot(page, info, 'topology-past');
  // The past as files: the graph's JSON at that time, and the drawing as SVG.
  const json = await page.request.get((await page.getByRole('link', { name: 'JSON' }).getAttribute('href')) ?? '');
  expect(((await json.json()) as { at: string }).at).toBe(beforeScale);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'SVG' }).click();
  const svg = await download;
  expect(svg.suggestedFilename()).toMatch(/^ordinal-topology-history-e2e-.*\.svg$/);
  const text = await (await svg.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'));
  expect(text).toContain('tt-0');
  expect(text).not.toContain('tt-1');
  await page.getByRole('button', { name: 'Next change ▶' }).click();
  await expect(page).not.toHaveURL(new RegExp(`at=${encodeURIComponent(beforeScale)}`));
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(page).not.toHaveURL(/at=/);
  await expect(page.locator(`[data-node-id="Pod/${NS}/tt-1"]`)).toHaveCount(1);
  // What changed before this: the scale, from the StatefulSet's details and from its page.
  await page.goto(`/topology?namespace=${NS}&select=${encodeURIComponent(`StatefulSet/${NS}/tt`)}`);
  const details = page.getByRole('complementary', { name: /Details of StatefulSet tt/ });
  await expect(details.getByRole('region', { name: 'What changed before this' })).toContainText('spec.replicas: 1 → 2');
  await screenshot(page, info, 'what-changed');
  await details.getByRole('link', { name: /spec\.replicas: 1 → 2/ }).click();
  await expect(page).toHaveURL(/\/history\?object=StatefulSet%2Fhistory-e2e%2Ftt&revision=\d+/);
  await expect(page.locator('.yaml-diff .add', { hasText: 'replicas: 2' })).toHaveCount(1);
  await page.goto(`/statefulsets/${NS}/tt`);
  await expect(page.getByRole('region', { name: /History: what changed/ })).toContainText('spec.replicas: 1 → 2');
  // The scale left tt short of Ready replicas for a moment: marked on the timeline, found by the status filter.
  await page.goto(`/history?namespace=${NS}&kind=StatefulSet`);
  const turned = page.locator('.timeline .turn[data-turn="turned"]');
  await expect(turned.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.timeline .turn[data-turn="recovered"]').first()).toBeVisible({ timeout: 20_000 });
  await expect(turned.first()).toHaveAttribute(
    'aria-label',
    /StatefulSet history-e2e\/tt turned into a problem \(statefulset\.converging\)/,
  );
  await screenshot(page, info, 'history-turns');
  await turned.first().click();
  await expect(page).toHaveURL(/object=StatefulSet%2Fhistory-e2e%2Ftt&revision=\d+/);
  await page.getByLabel('Status').selectOption('turned');
  await expect(page).toHaveURL(/status=turned/);
  const rows = page.getByRole('table', { name: 'Recorded changes' }).locator('tbody tr');
  await expect(rows.first()).toContainText('turned: statefulset.converging');
  await expect(rows.filter({ hasNotText: 'turned:' })).toHaveCount(0);
});
