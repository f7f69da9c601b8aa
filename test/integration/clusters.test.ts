import assert from 'node:assert/strict';
import { mergeKubeconfigs } from '../support/kubeconfig';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, startTestSim, type TestSim } from './harness';
import { startDashboard, type Dashboard } from './dashboard';
import { verifyBundle } from '@/server/audit/bundle';

/**
 * Several clusters side by side: one kubeconfig with two simulated clusters (`east`, the demo
 * scenario, current; `west`, a fresh cluster with one StatefulSet of its own). The default
 * cluster keeps today's URLs; `west` is under `/c/west/`, started on first use; stopping it
 * leaves `east` live.
 */
let d: Dashboard;
let west: TestSim;
let base: string;

before(async () => {
  d = await startDashboard();
  west = await startTestSim();
  await west.kubectl('create', 'namespace', 'westside');
  await west.kubectl('create', 'service', 'clusterip', 'sunset', '--tcp=80:80', '-n', 'westside');
  const merged = join(d.dir, 'two.kubeconfig');
  mergeKubeconfigs(merged, { east: d.kubeconfig, west: west.kubeconfigPath });
  base = (await d.another({ KUBECONFIG: merged, ORDINAL_HISTORY: join(d.dir, 'two.db') })).base;
});
after(async () => {
  await west?.close().catch(() => undefined);
  await d.close();
});

const clusters = async () =>
  (
    (await (await fetch(`${base}/api/v1/clusters`)).json()) as {
      clusters: Array<{ name: string; state: string; server: string; default?: boolean }>;
    }
  ).clusters;

const names = async (path: string) => {
  const r = await fetch(`${base}${path}`);
  const t = (await r.json()) as { nodes?: Array<{ id: string }> };
  return { status: r.status, ids: (t.nodes ?? []).map((n) => n.id) };
};

test("both clusters are listed; the default keeps today's URLs, the other is under /c/{cluster}/, started on first use", async () => {
  const listed = await clusters();
  assert.deepEqual(
    listed.map((c) => [c.name, c.default ?? false]),
    [
      ['east', true],
      ['west', false],
    ],
  );
  assert.equal(listed[1].state, 'idle', 'not started before anyone asks');
  assert.match(listed[1].server, /^https:\/\/127\.0\.0\.1:\d+$/);
  const westside = await eventually(
    'west synced and drawn',
    async () => {
      const r = await names('/c/west/api/v1/topology');
      return r.status === 200 && r.ids.includes('Service/westside/sunset') ? r : undefined;
    },
    30_000,
  );
  assert.ok(westside && !westside.ids.some((id) => id.includes('/databases/')), "west's graph is west's alone");
  const east = await names('/api/v1/topology');
  assert.ok(
    east.ids.some((id) => id.startsWith('StatefulSet/databases/')) && !east.ids.includes('Service/westside/sunset'),
  );
  await eventually('west says synced', async () => (await clusters())[1].state === 'synced', 20_000);
  const page = await (await fetch(`${base}/c/west/storage`)).text();
  assert.match(page, /data-base-path="\/c\/west"/, "the cluster's pages keep its prefix in every link and request");
  assert.equal((await fetch(`${base}/c/nowhere/api/v1/topology`)).status, 404);
  assert.equal((await fetch(`${base}/c/west`, { redirect: 'manual' })).headers.get('location'), '/c/west/');
});

test("each cluster's history is its own", async () => {
  const entries = async (path: string) =>
    ((await (await fetch(`${base}${path}`)).json()) as { entries: Array<{ cluster: string; namespace?: string }> })
      .entries;
  const w = await eventually(
    'west recorded',
    async () => {
      const e = await entries('/c/west/api/v1/history?namespace=westside');
      return e.length > 0 ? e : undefined;
    },
    30_000,
  );
  assert.ok(w?.every((e) => e.cluster === 'west'));
  const e = await eventually(
    'east recorded',
    async () => {
      const got = await entries('/api/v1/history?limit=500');
      return got.length > 0 ? got : undefined;
    },
    30_000,
  );
  assert.ok(
    e?.every((x) => x.cluster === 'east'),
    "no entry of west in east's history",
  );
  // The outside review's attack: a bundle asked for one cluster of a shared file held the other's entries
  // whole and its objects in the baseline. Now a bundle holds one cluster; the other's are opaque links.
  for (const [path, own, other] of [
    ['/api/v1/history?format=bundle', 'east', /westside|sunset|"cluster":"west"/],
    [
      '/c/west/api/v1/history?format=bundle&since=2020-01-01T00:00:00Z',
      'west',
      /"cluster":"east"|databases|kafka|zookeeper/,
    ],
  ] as const) {
    const lines = (await (await fetch(`${base}${path}`)).text()).trim().split('\n');
    const manifest = JSON.parse(lines[0]) as { scope: { cluster: string }; entries: number };
    assert.equal(manifest.scope.cluster, own);
    assert.ok(manifest.entries > 0, `${own} has entries in its bundle`);
    const leaked = lines.slice(1).filter((l) => other.test(l));
    assert.deepEqual(
      leaked.map((l) => l.slice(0, 120)),
      [],
      `no line of the other cluster in ${own}'s bundle`,
    );
    assert.equal(verifyBundle(lines).ok, true, `${own}'s bundle verifies`);
  }
});

test('stopping one cluster leaves the other live', async () => {
  await west.close();
  await eventually(
    'west unreachable',
    async () => (await clusters()).find((c) => c.name === 'west')?.state === 'unreachable',
    60_000,
  );
  const east = await names('/api/v1/topology');
  assert.equal(east.status, 200);
  await d.kubectl('create', 'configmap', 'after-west', '-n', 'databases', '--from-literal=k=v');
  await eventually(
    'east still follows its cluster',
    async () => (await names('/api/v1/topology')).ids.includes('ConfigMap/databases/after-west'),
    20_000,
  );
  assert.equal((await clusters()).find((c) => c.name === 'east')?.state, 'synced');
});
