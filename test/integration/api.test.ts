import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { eventually } from './harness';

/**
 * The HTTP API as a browser or script meets it: `next start` (the production build)
 * against the sim's demo scenario, both as child processes.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
let base = '';
let kubeconfig = '';
let simUrl = '';
let simToken = '';

function start(cmd: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<string> {
  const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(p);
  let out = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${args.join(' ')} not ready:\n${out}`)), 120_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1] ?? m[0]);
      }
    };
    p.stdout?.on('data', on);
    p.stderr?.on('data', on);
    p.on('exit', (code) => rej(new Error(`${args.join(' ')} exited ${code}:\n${out}`)));
  });
}

async function nextServer(env: Record<string, string>): Promise<string> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  await start(process.execPath, [join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], { NEXT_TELEMETRY_DISABLED: '1', ...env }, /Ready in/);
  return `http://127.0.0.1:${port}`;
}

function kubectl(...args: string[]): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(err))));
  });
}

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const r = await fetch(base + path);
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

before(async () => {
  if (!existsSync(join(ROOT, '.next/BUILD_ID'))) {
    const build = spawn(process.execPath, [join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    await new Promise((r) => build.on('exit', r));
  }
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'ordinal-api-')), 'kubeconfig');
  const ready = await start(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'demo', '--fast', '--kubeconfig', kubeconfig], {}, /^ready url=(\S+)/m);
  simUrl = ready;
  simToken = /token: (\S+)/.exec((await import('node:fs')).readFileSync(kubeconfig, 'utf8'))?.[1] ?? '';
  base = await nextServer({ KUBECONFIG: kubeconfig });
  await eventually('readyz 200', async () => (await fetch(`${base}/api/readyz`)).status === 200, 30_000);
});
after(() => children.forEach((c) => c.kill('SIGTERM')));

test('readyz reports every kind synced; healthz answers', async () => {
  const r = await getJson('/api/readyz');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.values(r.body.kinds as Record<string, string>).filter((s) => s !== 'synced'), []);
  assert.equal((await fetch(`${base}/api/healthz`)).status, 200);
});

test('topology, StatefulSet, Service and drift routes answer with the demo trouble cases', async () => {
  const topo = await getJson('/api/v1/topology?namespace=analytics');
  const nodes = topo.body.nodes as Array<{ id: string; status: string }>;
  assert.equal(nodes.find((n) => n.id === 'StatefulSet/analytics/etcd')?.status, 'error');
  assert.ok(nodes.every((n) => n.id.includes('/analytics/') || n.id.startsWith('PersistentVolume/') || n.id.startsWith('StorageClass/')));
  const etcd = await getJson('/api/v1/statefulsets/analytics/etcd');
  assert.ok((etcd.body.diagnosis as string[]).includes('claim data-etcd-0 Pending: StorageClass fast does not exist'));
  const svc = await getJson('/api/v1/services/analytics/metrics-exporter');
  assert.match((svc.body.diagnosis as string[])[0], /matches no pods/);
  const drift = await getJson('/api/v1/drift?namespace=databases');
  assert.ok((drift.body.findings as Array<{ source: string }>).some((f) => f.source === 'ConfigMap/databases/redis-config'));
  assert.equal(topo.headers.get('x-content-type-options'), 'nosniff');
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

interface SseEvent {
  id?: number;
  event: string;
  data: Record<string, unknown>;
}

async function* events(res: Response): AsyncGenerator<SseEvent> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const lines = block.split('\n');
      const ev = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
      if (ev && data) yield { event: ev, data: JSON.parse(data) as Record<string, unknown>, ...(id ? { id: Number(id) } : {}) };
    }
  }
}

async function next(it: AsyncGenerator<SseEvent>, want: (e: SseEvent) => boolean, timeoutMs = 15_000): Promise<SseEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await Promise.race([it.next(), new Promise<null>((res) => setTimeout(() => res(null), Math.max(1, deadline - Date.now())))]);
    if (r === null || r.done) throw new Error('no matching event before the deadline');
    if (want(r.value)) return r.value;
  }
}

test('the stream sends a snapshot, then changes with increasing ids, and resumes from Last-Event-ID', async () => {
  const ac = new AbortController();
  after(() => ac.abort());
  const res = await fetch(`${base}/api/v1/stream?namespace=messaging`, { signal: ac.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  assert.equal(res.headers.get('x-accel-buffering'), 'no');
  const it = events(res);
  const snap = await next(it, (e) => e.event === 'snapshot');
  assert.ok((snap.data.nodes as unknown[]).length > 5);
  await kubectl('scale', 'sts/zookeeper', '-n', 'messaging', '--replicas=4');
  const change = await next(it, (e) => e.event === 'change' && JSON.stringify(e.data).includes('Pod/messaging/zookeeper-3'));
  assert.ok((change.id ?? 0) > (snap.id ?? 0));
  ac.abort();

  const ac2 = new AbortController();
  try {
    const resumed = await fetch(`${base}/api/v1/stream?namespace=messaging`, { headers: { 'Last-Event-ID': String(snap.id) }, signal: ac2.signal });
    const first = await next(events(resumed), (e) => e.event === 'change' || e.event === 'snapshot');
    assert.equal(first.event, 'change', 'a resume within the kept window replays changes instead of a snapshot');
    assert.ok((first.id ?? 0) > (snap.id ?? 0));
  } finally {
    ac2.abort();
  }
});

test('planted Secret canaries appear in no response', async () => {
  const canary = 'zz-canary-9f1c2b';
  const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'canary', namespace: 'databases' }, stringData: { token: canary } });
  const p = spawn('kubectl', ['apply', '-f', '-'], { env: { ...process.env, KUBECONFIG: kubeconfig } });
  p.stdin.end(manifest);
  await new Promise((r) => p.on('exit', r));
  await eventually('the canary Secret is cached', async () => JSON.stringify((await getJson('/api/v1/topology?namespace=databases')).body).includes('Secret/databases/canary'));
  const bodies = await Promise.all(['/api/v1/topology', '/api/v1/topology?namespace=databases', '/api/v1/drift', '/api/v1/drift?namespace=databases', '/api/v1/statefulsets/databases/postgres', '/api/v1/services/databases/postgres', '/api/readyz'].map(async (u) => (await fetch(base + u)).text()));
  const ac = new AbortController();
  const sse = await fetch(`${base}/api/v1/stream`, { signal: ac.signal });
  const snap = await next(events(sse), (e) => e.event === 'snapshot');
  ac.abort();
  const all = [...bodies, JSON.stringify(snap.data)].join('\n');
  for (const needle of [canary, Buffer.from(canary).toString('base64'), 'demo-canary', Buffer.from('demo-canary-pg-s3cr3t').toString('base64')]) assert.ok(!all.includes(needle), needle);
});

test('the dashboard only ever got, listed and watched', async () => {
  const { request } = await import('node:https');
  const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec((await import('node:fs')).readFileSync(kubeconfig, 'utf8'))?.[1] ?? '', 'base64');
  const log = await new Promise<Array<{ verb: string; userAgent: string }>>((res, rej) => {
    const req = request(`${simUrl}/sim/v1/requests`, { ca, headers: { Authorization: `Bearer ${simToken}` } }, (r) => {
      let b = '';
      r.on('data', (c) => (b += c));
      r.on('end', () => res(JSON.parse(b)));
    });
    req.on('error', rej);
    req.end();
  });
  const ours = log.filter((r) => r.userAgent.startsWith('ordinal-dashboard'));
  assert.ok(ours.length > 0);
  assert.deepEqual([...new Set(ours.map((r) => r.verb))].sort(), ['list', 'watch']);
});

test('a malformed kubeconfig makes readyz and the API answer 503 with the reason, without crashing', async () => {
  const bad = join(mkdtempSync(join(tmpdir(), 'ordinal-badkc-')), 'kubeconfig');
  writeFileSync(bad, 'clusters: [: broken');
  const other = await nextServer({ KUBECONFIG: bad });
  const ready = await fetch(`${other}/api/readyz`);
  assert.equal(ready.status, 503);
  assert.match(JSON.stringify(await ready.json()), /is not valid/);
  const topo = await fetch(`${other}/api/v1/topology`);
  assert.equal(topo.status, 503);
  assert.equal(((await topo.json()) as { error: { code: string } }).error.code, 'ClusterUnavailable');
  assert.equal((await fetch(`${other}/api/healthz`)).status, 200, 'the process still serves');
});
