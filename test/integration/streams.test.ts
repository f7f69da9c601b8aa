import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { nextEvent, rssBytes, sseEvents, startDashboard, type Dashboard } from './dashboard';
import { eventually } from './harness';

/** Streams end with their client: HEAD holds nothing, early closes release at once, the caps answer 429. */
let d: Dashboard;
before(async () => {
  d = await startDashboard();
});
after(() => d.close());

const liveStreams = async (base: string) =>
  ((await (await fetch(`${base}/api/readyz`)).json()) as { streams: { live: number } }).streams.live;

/** HEAD, or a GET closed as soon as its headers arrive (a tab closed during load). */
function openAndClose(base: string, method: 'HEAD' | 'GET'): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/api/v1/stream', method }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
  });
}

async function inBatches(n: number, width: number, fn: () => Promise<number>): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let done = 0; done < n; done += width) {
    const batch = await Promise.all(Array.from({ length: Math.min(width, n - done) }, fn));
    for (const s of batch) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  return statuses;
}

test('2,000 HEAD and 2,000 early-closed GET streams during churn leave no live stream and no memory growth', async () => {
  // Warm up: the routes compiled and loaded, one stream opened and closed.
  await inBatches(50, 25, () => openAndClose(d.base, 'GET'));
  await eventually('warm-up streams released', async () => (await liveStreams(d.base)) === 0, 10_000);
  const startRss = rssBytes(d.pid);
  let churning = true;
  const churn = (async () => {
    for (let i = 0; churning; i++)
      await d.kubectl('scale', 'sts/zookeeper', '-n', 'messaging', `--replicas=${3 + (i % 3)}`);
  })();
  const heads = await inBatches(2000, 50, () => openAndClose(d.base, 'HEAD'));
  const gets = await inBatches(2000, 50, () => openAndClose(d.base, 'GET'));
  churning = false;
  await churn;
  assert.deepEqual([...heads], [[200, 2000]], 'every HEAD answered 200');
  assert.deepEqual([...gets], [[200, 2000]], 'every GET answered 200 (50 at a time stays under the caps)');
  await eventually('no live stream', async () => (await liveStreams(d.base)) === 0, 10_000);
  const limit = startRss * 1.1;
  await eventually(
    `memory back within 10% of ${(startRss / 2 ** 20).toFixed(0)} MiB`,
    () => rssBytes(d.pid) <= limit,
    30_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message} (now ${(rssBytes(d.pid) / 2 ** 20).toFixed(0)} MiB)`);
  });
});

test('a client beyond the per-client cap gets 429 with Retry-After; a closed stream frees its place', async () => {
  const other = await d.another({ ORDINAL_MAX_STREAMS: '10', ORDINAL_MAX_STREAMS_PER_CLIENT: '3' });
  const held = await Promise.all(
    Array.from({ length: 3 }, async () => {
      const ac = new AbortController();
      const res = await fetch(`${other.base}/api/v1/stream`, { signal: ac.signal });
      await nextEvent(sseEvents(res), (e) => e.event === 'snapshot');
      return ac;
    }),
  );
  assert.equal(await liveStreams(other.base), 3);
  const refused = await fetch(`${other.base}/api/v1/stream`);
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'TooManyStreams');
  const head = await fetch(`${other.base}/api/v1/stream`, { method: 'HEAD' });
  assert.equal(head.status, 200, 'HEAD holds no place, so it is never refused for the caps');
  held[0].abort();
  await eventually('the closed stream released', async () => (await liveStreams(other.base)) === 2);
  const again = new AbortController();
  const res = await fetch(`${other.base}/api/v1/stream`, { signal: again.signal });
  assert.equal(res.status, 200);
  again.abort();
  for (const ac of held) ac.abort();
  await eventually('all released', async () => (await liveStreams(other.base)) === 0);
  // Not behind a trusted proxy: X-Forwarded-For is the client's own word, and four values are one client.
  const spoofed = await Promise.all(
    ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'].map(async (xff) => {
      const ac = new AbortController();
      const r = await fetch(`${other.base}/api/v1/stream`, { signal: ac.signal, headers: { 'x-forwarded-for': xff } });
      return { status: r.status, ac };
    }),
  );
  assert.deepEqual(
    spoofed.map((r) => r.status).sort(),
    [200, 200, 200, 429],
    "the fourth is over the one client's cap of three",
  );
  for (const r of spoofed) r.ac.abort();
  await eventually('all released', async () => (await liveStreams(other.base)) === 0);
});
