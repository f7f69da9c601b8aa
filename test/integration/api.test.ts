import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { nextEvent as next, sseEvents as events, startDashboard, type Dashboard } from './dashboard';
import { eventually } from './harness';

/** The HTTP API as a browser or script meets it: `next start` against the sim's demo scenario. */
let d: Dashboard;
let base = '';

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const r = await fetch(base + path);
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

before(async () => {
  d = await startDashboard();
  base = d.base;
});
after(() => d.close());

test('readyz reports every kind synced; healthz answers', async () => {
  const r = await getJson('/api/readyz');
  assert.equal(r.status, 200);
  assert.deepEqual(
    Object.values(r.body.kinds as Record<string, string>).filter((s) => s !== 'synced'),
    [],
  );
  assert.equal((await fetch(`${base}/api/healthz`)).status, 200);
});

test('topology, StatefulSet, Service and drift routes answer with the demo trouble cases', async () => {
  const topo = await getJson('/api/v1/topology?namespace=analytics');
  const nodes = topo.body.nodes as Array<{ id: string; status: string }>;
  assert.equal(nodes.find((n) => n.id === 'StatefulSet/analytics/etcd')?.status, 'error');
  assert.ok(
    nodes.every(
      (n) => n.id.includes('/analytics/') || n.id.startsWith('PersistentVolume/') || n.id.startsWith('StorageClass/'),
    ),
  );
  const etcd = await getJson('/api/v1/statefulsets/analytics/etcd');
  const codes = (body: Record<string, unknown>) =>
    (body.findings as Array<{ code: string; params: Record<string, unknown> }>).map(
      (f) => `${f.code} ${JSON.stringify(f.params.storageClass ?? '')}`,
    );
  assert.ok(codes(etcd.body).includes('claim.pendingMissingStorageClass "fast"'), codes(etcd.body).join('\n'));
  assert.equal(
    (etcd.body.diagnosis as string[]).length,
    (etcd.body.findings as unknown[]).length,
    'the sentences stay beside the findings',
  );
  const svc = await getJson('/api/v1/services/analytics/metrics-exporter');
  assert.deepEqual(codes(svc.body), ['service.selectorMatchesNothing ""']);
  const drift = await getJson('/api/v1/drift?namespace=databases');
  assert.ok(
    (drift.body.findings as Array<{ source: string }>).some((f) => f.source === 'ConfigMap/databases/redis-config'),
  );
  assert.equal(topo.headers.get('x-content-type-options'), 'nosniff');
  const problems = await getJson('/api/v1/problems?namespace=analytics');
  const list = problems.body.problems as Array<{
    id: string;
    code: string;
    severity: string;
    title: string;
    cause: string;
    affected: string[];
    since: string;
  }>;
  const fast = list.find((p) => p.cause === 'StorageClass/fast');
  assert.equal(fast?.code, 'storageClass.missing');
  assert.ok(fast?.affected.includes('Pod/analytics/etcd-0') && !Number.isNaN(Date.parse(fast.since)));
  assert.ok(!list.some((p) => p.cause === 'StatefulSet/messaging/kafka'), 'another namespace’s problems are left out');
  const all = (await getJson('/api/v1/problems')).body.problems as Array<{ id: string }>;
  assert.equal(all[0].id, 'rollout.stuck:StatefulSet/messaging/kafka');
});

test('bad input gets a 4xx JSON error, never a 500', async () => {
  const cases: Array<[string, number]> = [
    ['/api/v1/topology?namespace=Not_A_Namespace', 400],
    ['/api/v1/topology?namespace=' + 'a'.repeat(64), 400],
    ['/api/v1/topology?bogus=1', 400],
    ['/api/v1/statefulsets/analytics/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 400],
    ['/api/v1/statefulsets/analytics/nope', 404],
    ['/api/v1/services/UPPER/x', 400],
    ['/api/v1/drift?namespace=%F0%9F%92%A5', 400],
    ['/api/v1/topology?kinds=Deployment', 400],
    ['/api/v1/topology?kinds=%3Cscript%3E,Pod', 400],
    ['/api/v1/topology?kinds=', 400],
    ['/api/v1/topology?kinds=Pod&kinds=Service', 400],
    ['/api/v1/summary?namespace=a', 400],
    ['/api/v1/problems?namespace=Not_Valid', 400],
    ['/api/v1/problems?x=1', 400],
    ['/api/v1/stream?view=graph', 400],
    ['/api/v1/stream?view=summary&namespace=analytics', 400],
    ['/api/v1/stream?kinds=Bogus', 400],
    ['/api/v1/topology?problems=true', 400],
    ['/api/v1/topology?view=grouped&problems=yes', 400],
    ['/api/v1/topology?view=summary', 400],
    ['/api/v1/storage?limit=0', 400],
    ['/api/v1/storage?limit=1e3', 400],
    ['/api/v1/storage?select=%3Cscript%3E', 400],
  ];
  for (const [path, status] of cases) {
    const r = await getJson(path);
    assert.equal(r.status, status, path);
    const err = r.body.error as { code: string; message: string };
    assert.ok(err.code && err.message, path);
    assert.ok(!JSON.stringify(r.body).includes('<script>'), 'input is not echoed back');
  }
  const sse = await fetch(`${base}/api/v1/stream`, { headers: { 'Last-Event-ID': 'abc' } });
  assert.equal(sse.status, 400);
});

test('a list page asks for its kinds only; the overview for the summary', async () => {
  const sets = await getJson('/api/v1/topology?kinds=StatefulSet,Service');
  const kinds = new Set((sets.body.nodes as Array<{ kind: string }>).map((n) => n.kind));
  assert.deepEqual([...kinds].sort(), ['Service', 'StatefulSet']);
  const edges = sets.body.edges as Array<{ kind: string }>;
  assert.ok(edges.length > 0 && edges.every((e) => e.kind === 'governs'), 'only edges between the kinds asked for');
  const whole = await getJson('/api/v1/topology');
  assert.ok((whole.body.nodes as unknown[]).length > (sets.body.nodes as unknown[]).length * 3);
  const grouped = await getJson('/api/v1/topology?view=grouped&problems=true&namespace=analytics');
  const drawn = grouped.body.nodes as Array<{ id: string; status: string }>;
  assert.ok(
    drawn.some((n) => n.id === 'StatefulSet/analytics/etcd'),
    'the failing StatefulSet is drawn',
  );
  const all = (await getJson('/api/v1/topology?namespace=analytics')).body.nodes as unknown[];
  assert.ok(drawn.length < all.length, 'problems only draws fewer');
  const storage = await getJson('/api/v1/storage?namespace=analytics&limit=1');
  const rows = storage.body.rows as Array<{ claim: { id: string; status: string } }>;
  assert.equal(rows.length, 1, 'one row asked for, one row sent');
  assert.notEqual(rows[0].claim.status, 'ok', 'problems first');
  assert.ok((storage.body.totalRows as number) > 1);
  const summary = await getJson('/api/v1/summary');
  const analytics = (summary.body.namespaces as Array<{ namespace: string; health: string }>).find(
    (n) => n.namespace === 'analytics',
  );
  assert.equal(analytics?.health, 'error');
  assert.ok(
    (summary.body.problems as Array<{ cause: string; affected: string[] }>).some(
      (p) => p.cause === 'StorageClass/fast' && p.affected.includes('StatefulSet/analytics/etcd'),
    ),
  );
  const ac = new AbortController();
  after(() => ac.abort());
  const res = await fetch(`${base}/api/v1/stream?view=summary`, { signal: ac.signal });
  const first = await next(events(res), (e) => e.event === 'summary');
  assert.deepEqual(first.data.namespaces, summary.body.namespaces);
  ac.abort();
});

test('the stream sends a snapshot, then changes with increasing ids, and resumes from Last-Event-ID', async () => {
  const ac = new AbortController();
  after(() => ac.abort());
  const res = await fetch(`${base}/api/v1/stream?namespace=messaging`, { signal: ac.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  assert.equal(res.headers.get('x-accel-buffering'), 'no');
  const it = events(res);
  const snap = await next(it, (e) => e.event === 'snapshot');
  assert.ok((snap.data.nodes as unknown[]).length > 5);
  await d.kubectl('scale', 'sts/zookeeper', '-n', 'messaging', '--replicas=4');
  const change = await next(
    it,
    (e) => e.event === 'change' && JSON.stringify(e.data).includes('Pod/messaging/zookeeper-3'),
  );
  assert.ok((change.id ?? 0) > (snap.id ?? 0));
  ac.abort();

  const ac2 = new AbortController();
  try {
    const resumed = await fetch(`${base}/api/v1/stream?namespace=messaging`, {
      headers: { 'Last-Event-ID': String(snap.id) },
      signal: ac2.signal,
    });
    const first = await next(events(resumed), (e) => e.event === 'change' || e.event === 'snapshot');
    assert.equal(first.event, 'change', 'a resume within the kept window replays changes instead of a snapshot');
    assert.ok((first.id ?? 0) > (snap.id ?? 0));
  } finally {
    ac2.abort();
  }
});

test('planted Secret canaries appear in no response', async () => {
  const canary = 'zz-canary-9f1c2b';
  const manifest = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'canary', namespace: 'databases' },
    stringData: { token: canary },
  });
  const file = join(mkdtempSync(join(tmpdir(), 'ordinal-canary-')), 'secret.json');
  writeFileSync(file, manifest);
  await d.kubectl('apply', '-f', file);
  await eventually('the canary Secret is cached', async () =>
    JSON.stringify((await getJson('/api/v1/topology?namespace=databases')).body).includes('Secret/databases/canary'),
  );
  const bodies = await Promise.all(
    [
      '/api/v1/topology',
      '/api/v1/topology?namespace=databases',
      '/api/v1/drift',
      '/api/v1/drift?namespace=databases',
      '/api/v1/statefulsets/databases/postgres',
      '/api/v1/services/databases/postgres',
      '/api/readyz',
    ].map(async (u) => (await fetch(base + u)).text()),
  );
  const ac = new AbortController();
  const sse = await fetch(`${base}/api/v1/stream`, { signal: ac.signal });
  const snap = await next(events(sse), (e) => e.event === 'snapshot');
  ac.abort();
  const all = [...bodies, JSON.stringify(snap.data)].join('\n');
  for (const needle of [
    canary,
    Buffer.from(canary).toString('base64'),
    'demo-canary',
    Buffer.from('demo-canary-pg-s3cr3t').toString('base64'),
  ])
    assert.ok(!all.includes(needle), needle);
});

test('the dashboard only ever got, listed and watched', async () => {
  const log = (await d.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; userAgent: string }>;
  const ours = log.filter((r) => r.userAgent.startsWith('ordinal-dashboard'));
  assert.ok(ours.length > 0);
  assert.deepEqual([...new Set(ours.map((r) => r.verb))].sort(), ['list', 'watch']);
});

test('a malformed kubeconfig makes readyz and the API answer 503 with the reason, without crashing', async () => {
  const bad = join(mkdtempSync(join(tmpdir(), 'ordinal-badkc-')), 'kubeconfig');
  writeFileSync(bad, 'clusters: [: broken');
  const { base: other } = await d.another({ KUBECONFIG: bad });
  const ready = await fetch(`${other}/api/readyz`);
  assert.equal(ready.status, 503);
  assert.match(JSON.stringify(await ready.json()), /is not valid/);
  const topo = await fetch(`${other}/api/v1/topology`);
  assert.equal(topo.status, 503);
  assert.equal(((await topo.json()) as { error: { code: string } }).error.code, 'ClusterUnavailable');
  assert.equal((await fetch(`${other}/api/healthz`)).status, 200, 'the process still serves');
});
