import { expect, test, type Page } from '@playwright/test';
import { screenshot } from './helpers';

/**
 * The pages a first-time user opens, at a desktop and a small laptop size, light and dark:
 * each screenshot is kept for a person to look at, and each page is checked for what a
 * person would notice first — content pushed sideways, a table column squeezed to a letter,
 * text cut mid-word, the page still loading.
 */
test.use({ baseURL: process.env.ORDINAL_E2E_BASE_URL });

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

const PAGES: Array<{ name: string; path: string; ready: (p: Page) => Promise<void> }> = [
  { name: 'overview', path: '/', ready: (p) => expect(p.locator('ol.problems > li').first()).toBeVisible() },
  {
    name: 'statefulset',
    path: '/statefulsets/messaging/kafka',
    ready: (p) => expect(p.locator('[data-ordinal="2"]')).toBeVisible(),
  },
  {
    name: 'pod',
    path: '/pods/messaging/kafka-2',
    ready: (p) => expect(p.locator('[data-container="kafka"] [data-state]')).toBeVisible(),
  },
  {
    name: 'logs',
    path: '/pods/messaging/kafka-2',
    ready: async (p) => {
      await expect(p.locator('.logs .log-line').first()).toBeVisible();
      await p.locator('.logs').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'drift',
    path: '/drift?namespace=databases&source=ConfigMap%2Fdatabases%2Fredis-config',
    ready: (p) => expect(p.locator('.config-diff .yaml-diff').first()).toBeVisible(),
  },
  {
    name: 'topology',
    path: '/topology?namespace=messaging',
    ready: (p) => expect(p.locator('[data-node-id="StatefulSet/messaging/kafka"]')).toBeVisible(),
  },
];

/**
 * What a reader notices at a glance: nothing wider than the window, and no name or header
 * broken inside a word — a piece of text on more lines than it has words ("Rea/dy",
 * "StatefulSet/ka/fka"). Text that wraps between words is fine.
 */
async function holdsTogether(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(
    width,
  );
  const broken = await page.evaluate(() => {
    const out: string[] = [];
    for (const cell of document.querySelectorAll('main th, main td, main .chain li, main dd')) {
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) {
        const words = (t.textContent ?? '').trim().split(/\s+/).filter(Boolean).length;
        if (!words) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        const tops: number[] = [];
        for (const r of range.getClientRects())
          if (r.width > 0 && !tops.some((y) => Math.abs(y - r.top) < 4)) tops.push(r.top);
        if (tops.length > words) out.push(t.textContent ?? '');
      }
    }
    return out;
  });
  expect(broken, 'text broken mid-word').toEqual([]);
}

async function backgroundIsDark(page: Page): Promise<boolean> {
  const rgb = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    if (!c) return [255, 255, 255];
    c.fillStyle = getComputedStyle(document.body).backgroundColor;
    c.fillRect(0, 0, 1, 1);
    return [...c.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  });
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 128;
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`the main pages at ${size.width}×${size.height}, ${colorScheme}`, async ({ page }, info) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      for (const { name, path, ready } of PAGES) {
        await page.goto(path);
        await ready(page);
        await holdsTogether(page, size.width);
        expect(await backgroundIsDark(page), 'the page follows the color scheme').toBe(colorScheme === 'dark');
        await screenshot(page, info, `screen-${name}-${size.width}x${size.height}-${colorScheme}`);
      }
    });
  }
}
