import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { expect, test, type Page } from '@playwright/test';
import { screenshot } from './helpers';

/**
 * Every page in Simplified Chinese, as a reader whose browser asks for it sees them: the language negotiated from
 * Accept-Language, `<html lang>`, the navigation and the diagnosis in Chinese, no sentence of the English catalog
 * left over. Cluster text (names, reasons, events) stays as the cluster wrote it.
 */
test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL, viewport: { width: 1440, height: 900 } });

type Catalog = { [key: string]: string | Catalog };
const catalog = (name: string): Catalog =>
  JSON.parse(readFileSync(join(process.cwd(), 'lib/i18n/messages', `${name}.json`), 'utf8'));

function messages(c: Catalog): string[] {
  return Object.values(c).flatMap((v) => (typeof v === 'string' ? [v] : messages(v)));
}

/** A message's literal text runs, at every depth (inside plural, select and rich-text tags too). */
function literals(els: MessageFormatElement[]): string[] {
  return els.flatMap((el) => {
    if (el.type === TYPE.literal) return [el.value];
    if (el.type === TYPE.tag) return literals(el.children);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      return Object.values(el.options).flatMap((o) => literals(o.value));
    return [];
  });
}

/**
 * The English catalog's sentences a Chinese page must not show: literal runs of three words or more that the
 * Chinese catalog does not itself keep (it keeps some terms, e.g. `whenScaled: Retain`, on purpose).
 */
function englishSentences(): string[] {
  const zh = messages(catalog('zh-CN')).join('\n');
  const runs = messages(catalog('en')).flatMap((m) => literals(parse(m, { ignoreTag: false })));
  const sentences = runs
    .map((r) => r.trim().replace(/\s+/g, ' '))
    .filter((r) => /^\S+( \S+){2,}$/.test(r) && /[a-z]{3}/.test(r));
  return [...new Set(sentences)].filter((s) => !zh.includes(s));
}
const ENGLISH = englishSentences();

/** What a reader sees or hears of the page: its text, its title and the labels a screen reader speaks. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, document.title, ...attrs].join('\n').replace(/\s+/g, ' ');
  });
}

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' } });

  const PAGES: Array<{ name: string; path: string; ready: (p: Page) => Promise<void> }> = [
    { name: 'overview', path: '/', ready: (p) => expect(p.locator('ol.problems > li').first()).toBeVisible() },
    {
      name: 'topology',
      path: '/topology?namespace=messaging',
      ready: (p) => expect(p.locator('[data-node-id="StatefulSet/messaging/kafka"]')).toBeVisible(),
    },
    {
      name: 'statefulsets',
      path: '/statefulsets',
      ready: (p) => expect(p.locator('tr[data-node-id="StatefulSet/messaging/kafka"]')).toBeVisible(),
    },
    {
      name: 'statefulset',
      path: '/statefulsets/messaging/kafka',
      ready: (p) => expect(p.locator('[data-ordinal="2"]')).toBeVisible(),
    },
    {
      name: 'pod',
      path: '/pods/messaging/kafka-2',
      ready: (p) => expect(p.locator('.logs .log-line').first()).toBeVisible(),
    },
    {
      name: 'storage',
      path: '/storage',
      ready: (p) => expect(p.locator('td[data-node-id="PersistentVolumeClaim/analytics/data-etcd-0"]')).toBeVisible(),
    },
    {
      name: 'drift',
      path: '/drift?namespace=databases&source=ConfigMap%2Fdatabases%2Fredis-config',
      ready: (p) => expect(p.locator('.config-diff .yaml-diff').first()).toBeVisible(),
    },
    {
      name: 'services',
      path: '/services',
      ready: (p) => expect(p.locator('tr[data-node-id="Service/analytics/metrics-exporter"]')).toBeVisible(),
    },
    {
      name: 'service',
      path: '/services/databases/postgres-headless',
      ready: (p) => expect(p.getByText('postgres-1.postgres-headless.databases.svc.cluster.local')).toBeVisible(),
    },
    { name: 'history', path: '/history', ready: (p) => expect(p.locator('[data-change-type]').first()).toBeVisible() },
    {
      name: 'missing-object',
      path: '/statefulsets/messaging/no-such-set',
      ready: (p) => expect(p.getByText('无法显示 StatefulSet')).toBeVisible(),
    },
    {
      name: 'unknown-page',
      path: '/no-such-page',
      ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible(),
    },
  ];

  for (const { name, path, ready } of PAGES) {
    test(`${name}: html lang, Chinese navigation, no English sentence of the catalog`, async ({ page }, info) => {
      await page.goto(path);
      await ready(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      const nav = page.getByRole('navigation', { name: '主导航' });
      for (const word of ['概览', '拓扑', '存储', '配置漂移', '变更历史'])
        await expect(nav.getByRole('link', { name: word })).toBeVisible();
      await expect(page.locator('[data-locale]')).toHaveAttribute('data-locale', 'zh-CN');
      const text = await pageText(page);
      expect(
        ENGLISH.filter((s) => text.includes(s)),
        'English catalog sentences on a Chinese page',
      ).toEqual([]);
      await screenshot(page, info, `zh-CN-${name}`);
    });
  }

  test("Kafka's stuck rollout is diagnosed in Chinese, on the overview and the StatefulSet's page", async ({
    page,
  }) => {
    await page.goto('/');
    const first = page.locator('ol.problems > li').first();
    await expect(first).toHaveAttribute('data-problem', 'rollout.stuck:StatefulSet/messaging/kafka');
    await expect(first).toContainText('StatefulSet messaging/kafka 的滚动更新卡在序号 2');
    await page.goto('/statefulsets/messaging/kafka');
    const diagnosis = page.locator('.diagnosis');
    await expect(diagnosis.getByRole('heading')).toHaveText('诊断');
    await expect(diagnosis).toContainText('序号 2 已');
    await expect(diagnosis).toContainText('位于更新修订版本——滚动更新卡在这里');
    // The probe's own words are the cluster's: they stay as kubelet wrote them.
    await expect(diagnosis).toContainText('Readiness probe failed');
  });

  test('the API keeps its English message, code and params whatever the reader speaks', async ({ page }) => {
    await page.goto('/');
    const res = await page.request.get('/api/v1/statefulsets/messaging/kafka', {
      headers: { 'Accept-Language': 'zh-CN' },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      findings: Array<{ code: string; message: string; params: Record<string, unknown> }>;
    };
    const stuck = body.findings.find((f) => f.code === 'ordinal.notReady');
    // Since when, as a time: the node holds while the clock runs; readers word how long ago.
    expect(stuck?.message).toMatch(
      /^ordinal 2 not Ready since \d{4}-\d\d-\d\dT[\d:.]+Z: .* the rollout is stuck here$/,
    );
    expect(stuck?.params).toMatchObject({ ordinal: 2, onUpdateRevision: true });
    expect(Date.parse(String(stuck?.params.since))).toBeLessThan(Date.now());
  });
});

test('the picker switches English ↔ Chinese in place: the URL, the selection and the page itself stay', async ({
  page,
  context,
}) => {
  await page.goto('/topology?namespace=messaging&select=StatefulSet%2Fmessaging%2Fkafka');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.details')).toBeVisible();
  // The leak check's control: the English page does show the catalog's sentences it looks for.
  const english = await pageText(page);
  expect(
    ENGLISH.filter((s) => english.includes(s)).length,
    'English sentences the check finds on an English page',
  ).toBeGreaterThan(3);
  const url = page.url();
  // A mark on the window: a reload or a fresh navigation would lose it.
  await page.evaluate(() => Object.assign(window, { ordinalMark: 'kept' }));
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '概览' })).toBeVisible();
  await expect(page.getByRole('toolbar')).not.toContainText('Show');
  expect(page.url()).toBe(url);
  await expect(page.locator('.details')).toBeVisible();
  await expect(page.locator('g.node.selected')).toHaveAttribute('data-node-id', 'StatefulSet/messaging/kafka');
  expect(await page.evaluate(() => (window as unknown as { ordinalMark?: string }).ordinalMark)).toBe('kept');
  // Remembered: a new page in the same browser opens in Chinese though the browser asks for English.
  const cookie = (await context.cookies()).find((c) => c.name === 'ordinal-locale');
  expect(cookie?.value).toBe('zh-CN');
  const other = await context.newPage();
  await other.goto('/storage');
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await other.close();
  // And back.
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toBeVisible();
  expect(page.url()).toBe(url);
  await expect(page.locator('g.node.selected')).toHaveAttribute('data-node-id', 'StatefulSet/messaging/kafka');
  expect(await page.evaluate(() => (window as unknown as { ordinalMark?: string }).ordinalMark)).toBe('kept');
});
