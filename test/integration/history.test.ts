import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { spawn } from 'node:child_process';
import type { HistoryEntry, HistoryPage, HistoryStatus, HistoryTimeline, HistoryVerdict } from '@/lib/wire/history';
import type { DriftReport, Topology } from '@/lib/wire/topology';
import { verifyBundle } from '@/server/audit/bundle';
import { startDashboard, type Dashboard } from './dashboard';
import { eventually } from './harness';
import { freePort } from '../../scripts/proc';

/**
 * The change history as an auditor meets it: kubectl changes recorded with their diffs, a
 * kill -9 and a change while down recorded as unobserved, exports, the hash chain.
 * One dashboard at a time writes the file; the tests run in order on the same record.
 */
let d: Dashboard;
let base = '';
const NS = 'messaging';
const CANARY = 'audit-canary-7f3b9c-do-not-store';

async function get<T>(path: string): Promise<T> {
  const r = await fetch(base + path);
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return (await r.json()) as T;
}

async function entries(query: string): Promise<HistoryEntry[]> {
  return (await get<HistoryPage>(`/api/v1/history?limit=1000&${query}`)).entries;
}

/** What `check` finds, once it finds it (eventually's value, never undefined). */
async function found<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const v = await eventually(what, check, timeoutMs);
  if (v === undefined) throw new Error(`${what}: not found`);
  return v;
}

async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  d = await startDashboard();
  base = d.base;
  await eventually(
    'the first lists recorded',
    async () => (await get<{ entries: number }>('/api/v1/history/status')).entries > 0,
    30_000,
  );
});
after(() => d.close());

let beforeScale = '';

test('kubectl scale, a ConfigMap edit and a pod delete are each recorded, observed, with their diff', async () => {
  beforeScale = new Date().toISOString();
  await d.kubectl('scale', 'sts/zookeeper', '-n', NS, '--replicas=4');
  await d.kubectl('create', 'configmap', 'audit-cm', '-n', NS, '--from-literal=level=info');
  await d.kubectl(
    'patch',
    'configmap',
    'audit-cm',
    '-n',
    NS,
    '--type=merge',
    '-p',
    JSON.stringify({ data: { level: 'debug' } }),
  );
  await d.kubectl('delete', 'pod', 'zookeeper-0', '-n', NS, '--wait=false');
  const scaled = await found(
    'the scale',
    async () =>
      (await entries(`kind=StatefulSet&name=zookeeper&namespace=${NS}`)).find((e) =>
        /spec\.replicas: \d+ → 4/.test(e.summary),
      ),
    20_000,
  );
  assert.equal(scaled.observed, true);
  assert.equal(scaled.type, 'MODIFIED');
  const edit = await found(
    'the edit',
    async () =>
      (await entries(`kind=ConfigMap&name=audit-cm`)).find((e) => e.summary.includes('data.level: info → debug')),
    20_000,
  );
  const added = (await entries('kind=ConfigMap&name=audit-cm')).find((e) => e.type === 'ADDED');
  assert.ok(added);
  const diff = await get<{
    patch: Array<{ op: string; path: string; value?: unknown }>;
    from: { yaml: string };
    to: { yaml: string };
  }>(`/api/v1/history/object/ConfigMap/${NS}/audit-cm?from=${added.id}&to=${edit.id}`);
  assert.deepEqual(
    diff.patch.filter((op) => op.path.startsWith('/data/')),
    [{ op: 'replace', path: '/data/level', value: 'debug' }],
  );
  assert.deepEqual(
    diff.patch.filter((op) => !/^\/(data|lastChange|dataChange)\//.test(op.path)),
    [],
    'nothing else changed but who and when',
  );
  assert.match(diff.from.yaml, /level: info/);
  assert.match(diff.to.yaml, /level: debug/);
  await eventually(
    'the pod deletion',
    async () =>
      (await entries(`kind=Pod&name=zookeeper-0&namespace=${NS}`)).some((e) => e.type === 'DELETED' && e.observed),
    20_000,
  );
});

test('time travel: the topology before the scale has the old ordinals; the diff names the new pod', async () => {
  await eventually(
    'zookeeper-3 live',
    async () =>
      (await get<Topology>(`/api/v1/topology?namespace=${NS}`)).nodes.some((n) => n.id === `Pod/${NS}/zookeeper-3`),
    20_000,
  );
  const past = await get<Topology & { at: string; objects: number }>(
    `/api/v1/topology?namespace=${NS}&at=${encodeURIComponent(beforeScale)}`,
  );
  assert.equal(past.at, beforeScale);
  const pods = past.nodes
    .filter((n) => n.id.startsWith(`Pod/${NS}/zookeeper-`))
    .map((n) => n.id)
    .sort();
  assert.deepEqual(
    pods,
    [0, 1, 2].map((i) => `Pod/${NS}/zookeeper-${i}`),
  );
  const sts = past.nodes.find((n) => n.id === `StatefulSet/${NS}/zookeeper`);
  assert.equal((sts?.info as { replicas?: number } | undefined)?.replicas, 3);
  const now = new Date().toISOString();
  const diff = await get<{ added: Array<{ id: string }> }>(
    `/api/v1/topology/diff?namespace=${NS}&from=${encodeURIComponent(beforeScale)}&to=${encodeURIComponent(now)}`,
  );
  assert.ok(diff.added.some((n) => n.id === `Pod/${NS}/zookeeper-3`));
  const timeline = await get<HistoryTimeline>(`/api/v1/history/timeline?namespace=${NS}&buckets=10`);
  assert.equal(timeline.buckets.length, 10);
  assert.ok(timeline.buckets.reduce((n, b) => n + b.added + b.modified + b.deleted, 0) > 0);
  // The scale left zookeeper short of Ready replicas until its new pod was Ready: a turn and a recovery.
  const turns = await found('the scale marked on the timeline as a turn and a recovery', async () => {
    const t = await get<HistoryTimeline>(`/api/v1/history/timeline?namespace=${NS}&kind=StatefulSet&buckets=10`);
    const zk = t.turns.filter((x) => x.name === 'zookeeper' && Date.parse(x.time) >= Date.parse(beforeScale));
    return zk.some((x) => x.turn === 'recovered') ? zk : undefined;
  });
  assert.equal(turns[0].turn, 'turned');
  assert.equal(turns[0].code, 'statefulset.converging');
  const turned = await entries(`status=turned&kind=StatefulSet&namespace=${NS}`);
  assert.ok(turned.some((e) => e.id === turns[0].id && e.problem?.turn === 'turned'));
  assert.ok(
    turned.every((e) => e.problem?.turn === 'turned'),
    'the status filter keeps only turns',
  );
  assert.equal((await fetch(`${base}/api/v1/history?status=broken`)).status, 400);
  for (const bad of ['at=yesterday', 'at=2026-13-45T00:00:00Z', 'at=%E0%A4%A']) {
    assert.equal((await fetch(`${base}/api/v1/topology?${bad}`)).status, 400, bad);
  }
});

test('exports: the CSV parses with one row per change, JSON Lines the same rows', async () => {
  const all = await entries('');
  const csv = await (await fetch(`${base}/api/v1/history?format=csv&until=${encodeURIComponent(all[0].time)}`)).text();
  const rows = parseCsv(csv);
  assert.equal(rows[0][0], 'id');
  const ids = rows.slice(1).map((r) => Number(r[0]));
  const expected = all
    .filter((e) => e.time <= all[0].time)
    .map((e) => e.id)
    .sort((a, b) => a - b);
  assert.deepEqual(ids, expected);
  assert.ok(
    rows.slice(1).every((r) => r.length === rows[0].length),
    'every row has every column',
  );
  const jsonl = await (await fetch(`${base}/api/v1/history?format=jsonl&kind=ConfigMap&name=audit-cm`)).text();
  const lines = jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as HistoryEntry);
  assert.deepEqual(
    lines.map((e) => e.id),
    (await entries('kind=ConfigMap&name=audit-cm')).map((e) => e.id).reverse(),
  );
  const bundle = await (await fetch(`${base}/api/v1/history?format=bundle&namespace=${NS}&kind=ConfigMap`)).text();
  const verdict = verifyBundle(bundle.split('\n'));
  assert.equal(verdict.ok, true, JSON.stringify(verdict));
  const manifest = JSON.parse(bundle.split('\n')[0]) as { entries: number };
  assert.equal(manifest.entries, (await entries(`namespace=${NS}&kind=ConfigMap`)).length);
  assert.equal(
    (await fetch(`${base}/api/v1/history?format=bundle&q=x`)).status,
    400,
    'a bundle is scoped by namespace, kind and time only',
  );
});

test('drift: since when a pod has run stale config comes from the history, not from the latest edit', async () => {
  // kafka mounts server.properties by subPath: a change of that key leaves its pods stale.
  const edit = (n: number) =>
    d.kubectl(
      'patch',
      'configmap',
      'kafka-config',
      '-n',
      NS,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'server.properties': `num.partitions=${n}\n` } }),
    );
  await edit(1);
  const first = await found('the first edit recorded', async () =>
    (await entries('kind=ConfigMap&name=kafka-config')).find((e) => e.summary.includes('server.properties')),
  );
  await edit(2);
  await found('the second edit recorded', async () =>
    (await entries('kind=ConfigMap&name=kafka-config')).find(
      (e) => e.id > first.id && e.summary.includes('server.properties'),
    ),
  );
  const report = await get<DriftReport>(`/api/v1/drift?namespace=${NS}`);
  const stale = report.findings.filter((f) => f.source === `ConfigMap/${NS}/kafka-config`);
  assert.ok(stale.length > 0, 'kafka pods run the older config');
  for (const f of stale) {
    assert.equal(f.staleSince?.entry, first.id, `${f.pod}: stale since the first edit after it started`);
    assert.ok(f.staleSince && f.staleSince.time < f.sourceChanged, 'earlier than the latest edit');
  }
});

test('a Secret value appears nowhere: not in the file, the exports or the revisions', async () => {
  await d.kubectl('create', 'secret', 'generic', 'audit-secret', '-n', NS, `--from-literal=password=${CANARY}`);
  const [added] = await found(
    'the Secret',
    async () => {
      const found = await entries('kind=Secret&name=audit-secret');
      return found.length ? found : undefined;
    },
    20_000,
  );
  const texts = await Promise.all([
    fetch(`${base}/api/v1/history?format=csv`).then((r) => r.text()),
    fetch(`${base}/api/v1/history?format=jsonl`).then((r) => r.text()),
    fetch(`${base}/api/v1/history/object/Secret/${NS}/audit-secret`).then((r) => r.text()),
  ]);
  const b64 = Buffer.from(CANARY).toString('base64');
  for (const t of texts) assert.ok(!t.includes(CANARY) && !t.includes(b64));
  assert.ok(added.id > 0);
  const file = join(d.dir, 'history.db');
  for (const f of [file, `${file}-wal`]) {
    const bytes = readFileSync(f);
    assert.equal(bytes.includes(CANARY) || bytes.includes(b64), false, `${f} holds the canary`);
  }
});

test('beside the running dashboard: the audit CLI verifies and exports the file it writes, and a second dashboard names it', async () => {
  const file = join(d.dir, 'history.db');
  const ok = await audit('verify', file);
  assert.equal(ok.code, 0, ok.out);
  const csv = await audit('export', '--history', file, '--format', 'csv');
  assert.equal(csv.code, 0, csv.out);
  const rows = parseCsv(csv.out).slice(1);
  assert.ok(
    rows.some((r) => r.includes('audit-cm')),
    'the ConfigMap recorded by the running dashboard is exported',
  );
  const second = await d.another({});
  try {
    await eventually(
      'the second dashboard ready',
      async () => (await fetch(`${second.base}/api/readyz`)).status === 200,
      30_000,
    );
    const status = (await (await fetch(`${second.base}/api/v1/history/status`)).json()) as {
      enabled: boolean;
      reason?: string;
    };
    assert.equal(status.enabled, false, 'one writer per file: the second does not fork the chain');
    assert.match(status.reason ?? '', new RegExp(`being recorded by another process \\(pid ${d.pid} on `));
  } finally {
    process.kill(second.pid, 'SIGTERM');
    await eventually('the second dashboard stopped', async () => !(await alive(second.pid)), 15_000);
  }
  assert.equal((await get<{ enabled: boolean }>('/api/v1/history/status')).enabled, true, 'the first records on');
});

test('kill -9, changes while down, restart: no net change is lost, and the blind window is marked', async () => {
  process.kill(d.pid, 'SIGKILL');
  await eventually('the dashboard gone', async () => !(await alive(d.pid)), 10_000);
  await d.kubectl('scale', 'sts/zookeeper', '-n', NS, '--replicas=2');
  await d.kubectl('delete', 'configmap', 'audit-cm', '-n', NS);
  const again = await d.another({});
  base = again.base;
  d.pid = again.pid;
  await eventually('readyz', async () => (await fetch(`${base}/api/readyz`)).status === 200, 30_000);
  const scaled = await found(
    'the unobserved scale',
    async () =>
      (await entries(`kind=StatefulSet&name=zookeeper&namespace=${NS}`)).find(
        (e) => !e.observed && /spec\.replicas: 4 → 2/.test(e.summary),
      ),
    20_000,
  );
  const gone = await found(
    'the unobserved deletion',
    async () => (await entries('kind=ConfigMap&name=audit-cm')).find((e) => e.type === 'DELETED'),
    20_000,
  );
  for (const e of [scaled, gone]) {
    assert.equal(e.observed, false);
    assert.ok(
      e.window?.from && e.window.from < e.window.to,
      `${e.kind}: a window with a start (${JSON.stringify(e.window)})`,
    );
  }
});

/** `npm run audit -- …` as an auditor runs it: exit code and output. */
function audit(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('exit', (code) => res({ code: code ?? -1, out }));
  });
}

test('verify: the chain holds; the audit CLI verifies, exports and serves the file with no cluster; one edited byte is reported at its entry', async () => {
  assert.deepEqual((await get<HistoryVerdict>('/api/v1/history/verify')).ok, true);
  // The walk runs in the history worker, one at a time per process: the others asked meanwhile are 429.
  const now = encodeURIComponent(new Date().toISOString());
  const together = await Promise.all(
    [
      '/api/v1/history/verify',
      `/api/v1/topology?at=${now}`,
      '/api/v1/history/verify',
      `/api/v1/topology?at=${now}`,
    ].map((p) => fetch(`${base}${p}`)),
  );
  const statuses = together.map((r) => r.status);
  assert.ok(
    statuses.includes(200) && statuses.includes(429) && statuses.every((s) => s === 200 || s === 429),
    statuses.join(),
  );
  const busy = together.find((r) => r.status === 429);
  assert.ok(Number(busy?.headers.get('retry-after')) > 0);
  assert.equal(((await busy?.json()) as { error: { code: string } }).error.code, 'Busy');
  const recorded = await entries('');
  const target = (await entries('kind=ConfigMap&name=audit-cm')).find((e) =>
    e.summary.includes('data.level: info → debug'),
  );
  assert.ok(target);
  process.kill(d.pid, 'SIGTERM');
  await eventually('the dashboard stopped', async () => !(await alive(d.pid)), 15_000);
  const file = join(d.dir, 'history.db');
  const ok = await audit('verify', file);
  assert.equal(ok.code, 0, ok.out);
  const csv = await audit('export', '--history', file, '--format', 'csv');
  const exported = new Set(
    parseCsv(csv.out)
      .slice(1)
      .map((r) => Number(r[0])),
  );
  assert.deepEqual(
    recorded.filter((e) => !exported.has(e.id)),
    [],
    'every entry the API listed is a row of the export',
  );
  await served(file, async (at) => {
    const page = (await (await fetch(`${at}/api/v1/history?kind=ConfigMap&name=audit-cm`)).json()) as HistoryPage;
    assert.ok(page.entries.some((e) => e.id === target.id));
    assert.equal((await fetch(`${at}/history`)).status, 200);
  });
  // A bundle of the namespace, handed over alone: served, verified, and the past rebuilt from it.
  const bundle = join(d.dir, 'messaging.jsonl');
  const bundled = await audit('export', '--history', file, '--format', 'bundle', '--namespace', NS);
  writeFileSync(bundle, bundled.out);
  await served(bundle, async (at) => {
    const status = (await (await fetch(`${at}/api/v1/history/status`)).json()) as HistoryStatus;
    assert.equal(status.bundle?.scope.namespace, NS);
    assert.equal(status.bundle?.verdict.ok, true, JSON.stringify(status.bundle?.verdict));
    const v = (await (await fetch(`${at}/api/v1/history/verify`)).json()) as HistoryVerdict;
    assert.equal(v.ok, true);
    const manifest = JSON.parse(bundled.out.slice(0, bundled.out.indexOf('\n'))) as {
      entries: number;
      links: number;
    };
    assert.ok(manifest.links > 0, 'other namespaces changed in between');
    assert.equal(v.checked, manifest.entries + manifest.links, 'the links between, too');
    const page = (await (await fetch(`${at}/api/v1/history?kind=ConfigMap&name=audit-cm`)).json()) as HistoryPage;
    assert.ok(page.entries.some((e) => e.id === target.id && e.hash === target.hash));
    const other = recorded.find((e) => e.namespace && e.namespace !== NS)?.namespace;
    assert.ok(other, 'the file has another namespace');
    const others = (await (await fetch(`${at}/api/v1/history?namespace=${other}`)).json()) as HistoryPage;
    assert.deepEqual(others.entries, [], 'nothing of another namespace');
    const past = (await (
      await fetch(`${at}/api/v1/topology?namespace=${NS}&at=${encodeURIComponent(beforeScale)}`)
    ).json()) as Topology;
    assert.deepEqual(
      past.nodes.filter((n) => n.id.startsWith(`Pod/${NS}/zookeeper-`)).length,
      3,
      'the ordinals before the scale',
    );
  });
  const bytes = readFileSync(file);
  // The summary text is stored once, in its entry (contents hold patches, not arrows).
  const at = bytes.indexOf(Buffer.from('info → debug'));
  assert.ok(at > 0, 'the summary is in the file (the WAL was folded in on stop)');
  bytes[at] = 'I'.charCodeAt(0);
  writeFileSync(file, bytes);
  const broken = await audit('verify', file);
  assert.equal(broken.code, 1);
  assert.match(broken.out, new RegExp(`BROKEN at entry ${target.id}\\b`));
  const again = await d.another({});
  base = again.base;
  const verdict = await get<HistoryVerdict>('/api/v1/history/verify');
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken?.id, target.id);
});

/** `npm run audit -- serve --history FILE` on a free port while `check` runs against it. */
async function served(file: string, check: (at: string) => Promise<void>): Promise<void> {
  // A port known free now: a random one could be taken (20000-40000 overlaps the ephemeral range).
  const port = String(await freePort());
  const p = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/audit.ts', 'serve', '--history', file, '--port', port],
    {
      stdio: 'ignore',
    },
  );
  try {
    const at = `http://127.0.0.1:${port}`;
    await eventually('the audit server ready', async () => (await fetch(`${at}/api/readyz`)).status === 200, 60_000);
    await check(at);
  } finally {
    p.kill('SIGTERM');
    await eventually('the audit server stopped', async () => p.exitCode !== null || p.signalCode !== null, 15_000);
  }
}

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}
