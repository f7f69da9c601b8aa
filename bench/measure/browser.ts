import { chromium, type Browser, type Page } from '@playwright/test';

/**
 * What a person at a 1440×900 screen meets: time from navigation to the first useful paint of
 * each page (its data drawn, not a spinner), long main-thread tasks after that paint, and the
 * frame rate while panning and zooming the whole-cluster graph.
 */
export const PAGES: Array<{ path: string; useful: string }> = [
  { path: '/', useful: '[data-namespace]' },
  { path: '/topology', useful: '.graph [data-node-id], .graph canvas, .graph .empty' },
  { path: '/statefulsets', useful: 'tr[data-node-id]' },
  { path: '/storage', useful: 'td[data-node-id]' },
  { path: '/drift', useful: '[data-drift], .empty, table' },
  { path: '/services', useful: 'tr[data-node-id]' },
];

const LONG_TASK_MS = 200;

declare global {
  interface Window {
    __longTasks?: Array<{ start: number; duration: number }>;
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A new page at 1440×900; `locale` sets the browser's language and so its Accept-Language. */
async function freshPage(browser: Browser, locale = 'en-US'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks?.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  return page;
}

export interface PageFigures {
  path: string;
  paintMs: number;
  /** Long tasks (over 200 ms) that started after the first useful paint, within the next 5 s. */
  longTasksAfter: number;
  longestAfterMs: number;
}

export async function measurePage(
  browser: Browser,
  base: string,
  path: string,
  useful: string,
  timeoutMs: number,
): Promise<PageFigures> {
  const page = await freshPage(browser);
  try {
    const started = Date.now();
    await page.goto(`${base}${path}`, { waitUntil: 'commit', timeout: timeoutMs });
    await page.waitForSelector(useful, { timeout: timeoutMs, state: 'attached' });
    const paintMs = Date.now() - started;
    const paintedAt = await page.evaluate(() => performance.now());
    await page.waitForTimeout(5000); // the window in which long tasks are counted, not a synchronization
    const tasks = await page.evaluate(() => window.__longTasks ?? []);
    const after = tasks.filter((t) => t.start >= paintedAt && t.duration > LONG_TASK_MS);
    return {
      path,
      paintMs,
      longTasksAfter: after.length,
      longestAfterMs: Math.max(0, ...after.map((t) => t.duration)),
    };
  } finally {
    await page.close();
  }
}

/** Navigation to the first useful paint of `path`, in ms, for a reader whose browser speaks `locale`. */
export async function measurePaint(
  browser: Browser,
  base: string,
  path: string,
  useful: string,
  timeoutMs: number,
  locale: string,
): Promise<number> {
  const page = await freshPage(browser, locale);
  try {
    const started = Date.now();
    await page.goto(`${base}${path}`, { waitUntil: 'commit', timeout: timeoutMs });
    await page.waitForSelector(useful, { timeout: timeoutMs, state: 'attached' });
    return Date.now() - started;
  } finally {
    await page.close();
  }
}

/** Frames per second on /topology (whole cluster) while the wheel zooms and the mouse drags for `seconds`. */
export async function measurePanZoom(browser: Browser, base: string, timeoutMs: number, seconds = 3): Promise<number> {
  const page = await freshPage(browser);
  try {
    await page.goto(`${base}/topology`, { waitUntil: 'commit', timeout: timeoutMs });
    await page.waitForSelector(PAGES[1].useful, { timeout: timeoutMs, state: 'attached' });
    const box = await page.locator('.graph').boundingBox();
    if (!box) return 0;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // A string, not a function: the bundler's name helpers do not exist in the page.
    await page.evaluate('window.__frames = 0; (function tick() { window.__frames++; requestAnimationFrame(tick); })()');
    const t0 = Date.now();
    await page.mouse.move(cx, cy);
    for (let i = 0; Date.now() - t0 < seconds * 1000; i++) {
      if (i % 20 < 10) await page.mouse.wheel(0, i % 2 ? 120 : -120);
      else {
        await page.mouse.down();
        await page.mouse.move(cx + (i % 2 ? 80 : -80), cy + 40, { steps: 4 });
        await page.mouse.up();
      }
    }
    const elapsed = (Date.now() - t0) / 1000;
    const frames = Number(await page.evaluate('window.__frames'));
    return frames / elapsed;
  } finally {
    await page.close();
  }
}
