import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { freePort } from '../../scripts/proc';
import { startDashboard, type Dashboard } from './dashboard';
import { eventually } from './harness';

/**
 * /metrics as a Prometheus scraper reads it, on ORDINAL_METRICS_PORT: informer states and
 * relists, SSE viewers, event lag after a change, requests by route (never by path).
 */
let d: Dashboard;
let scrape = '';

before(async () => {
  const port = await freePort();
  d = await startDashboard({ ORDINAL_METRICS_PORT: String(port) });
  scrape = `http://127.0.0.1:${port}/metrics`;
});
after(() => d.close());

async function metrics(): Promise<string> {
  const r = await fetch(scrape);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return r.text();
}

/** The value of one sample, by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('/metrics is on loopback only by default: another address of this machine is refused', async () => {
  const port = new URL(scrape).port;
  const other = await fetch(`http://127.0.0.2:${port}/metrics`).then(
    (r) => r.status,
    (e: Error) => (e.cause as { code?: string })?.code ?? e.message,
  );
  assert.equal(other, 'ECONNREFUSED');
});

test('every informer synced, listed once at least, with its objects counted', async () => {
  const text = await metrics();
  for (const kind of ['Pod', 'StatefulSet', 'PersistentVolumeClaim', 'ConfigMap', 'Secret', 'EndpointSlice', 'Event']) {
    assert.equal(sample(text, `ordinal_informer_state{kind="${kind}",state="synced"}`), 1, kind);
    assert.ok((sample(text, `ordinal_informer_lists_total{kind="${kind}"}`) ?? 0) >= 1, kind);
    assert.ok((sample(text, `ordinal_informer_watches_total{kind="${kind}"}`) ?? 0) >= 1, kind);
  }
  assert.ok((sample(text, 'ordinal_cache_objects{kind="Pod"}') ?? 0) > 0);
  assert.match(text, /^ordinal_process_resident_memory_bytes \d+/m);
});

test('a dropped watch shows as a watch restart; a relist after compaction as a list', async () => {
  const before = sample(await metrics(), 'ordinal_informer_watches_total{kind="Pod"}') ?? 0;
  await d.simApi('POST', '/sim/v1/faults/drop-watches');
  await eventually(
    'the Pod watch restarted',
    async () => (sample(await metrics(), 'ordinal_informer_watches_total{kind="Pod"}') ?? 0) > before,
  );
});

test('requests are counted by route, whatever the path; an open stream is a viewer; a change is timed to its viewers', async () => {
  await fetch(`${d.base}/api/v1/statefulsets/messaging/kafka`);
  await fetch(`${d.base}/api/v1/made-up-${Date.now()}`);
  const stream = new AbortController();
  const opened = await fetch(`${d.base}/api/v1/stream`, { signal: stream.signal });
  assert.equal(opened.status, 200);
  try {
    await eventually('one viewer', async () => sample(await metrics(), 'ordinal_sse_viewers') === 1);
    const lagBefore = sample(await metrics(), 'ordinal_event_lag_seconds_count') ?? 0;
    await d.kubectl(
      'label',
      'configmap',
      'kafka-config',
      '-n',
      'messaging',
      `metrics-test=${Date.now()}`,
      '--overwrite',
    );
    await eventually(
      'the change timed',
      async () => (sample(await metrics(), 'ordinal_event_lag_seconds_count') ?? 0) > lagBefore,
    );
  } finally {
    stream.abort();
  }
  const text = await metrics();
  assert.ok(
    (sample(text, 'ordinal_http_requests_total{route="/api/v1/statefulsets/[ns]/[name]",method="GET",status="200"}') ??
      0) >= 1,
  );
  assert.ok((sample(text, 'ordinal_http_requests_total{route="other",method="GET",status="404"}') ?? 0) >= 1);
  assert.doesNotMatch(text, /made-up|kafka"/, 'no path or name is a label');
  assert.equal((await fetch(`${d.base}/metrics`)).status, 404, 'not on the dashboard’s port');
  assert.equal((await fetch(scrape.replace('/metrics', '/other'))).status, 404);
});
