import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from './harness';
import { sseEvents, startDashboard, type Dashboard, type SseEvent } from './dashboard';

/**
 * Each viewer sees what the cluster lets them see (ORDINAL_AUTHZ=cluster-rbac), over the one
 * shared cache: the sim authorizes by RBAC as an apiserver does, a signing-in proxy names the
 * viewer, and every answer — pages, API, streams, history, exports, time travel — holds only what
 * their Roles let them list. alice may read every kind but Secrets in `databases`; bob nothing.
 */
let d: Dashboard;
const ALICE = { 'X-Forwarded-User': 'alice', 'X-Forwarded-Groups': 'devs' };
const BOB = { 'X-Forwarded-User': 'bob' };
/** Names of the demo's other namespaces and what is in them: none may reach alice. */
const ELSEWHERE = /messaging|analytics|kafka|zookeeper|cassandra|etcd|metrics-exporter|nightly-backup/;
const READS =
  'pods,statefulsets.apps,controllerrevisions.apps,persistentvolumeclaims,configmaps,services,endpointslices.discovery.k8s.io,events';

before(async () => {
  d = await startDashboard(
    { ORDINAL_AUTH: 'proxy', ORDINAL_TRUSTED_PROXIES: '127.0.0.1/32,::1', ORDINAL_AUTHZ: 'cluster-rbac' },
    { simArgs: ['--rbac'] },
  );
  await d.kubectl('create', 'role', 'reader', '-n', 'databases', '--verb=get,list,watch', `--resource=${READS}`);
  await d.kubectl('create', 'rolebinding', 'alice-reads', '-n', 'databases', '--role=reader', '--user=alice');
  // Logs on their own binding: taking it away leaves her scope as it was.
  await d.kubectl('create', 'role', 'log-reader', '-n', 'databases', '--verb=get', '--resource=pods/log');
  await d.kubectl('create', 'rolebinding', 'alice-logs', '-n', 'databases', '--role=log-reader', '--user=alice');
});
after(() => d.close());

const get = (path: string, who: Record<string, string>) => fetch(`${d.base}${path}`, { headers: who });

async function text(path: string, who: Record<string, string>): Promise<{ status: number; body: string }> {
  const r = await get(path, who);
  return { status: r.status, body: await r.text() };
}

const reviews = async () =>
  ((await d.simApi('GET', '/sim/v1/requests')) as Array<{ path: string }>).filter((r) =>
    r.path.endsWith('/subjectaccessreviews'),
  ).length;

test('alice sees databases only, in every view and API answer; no name from another namespace in any byte', async () => {
  const topology = await eventually(
    'alice sees the databases graph',
    async () => {
      const r = await get('/api/v1/topology', ALICE);
      const t = (await r.json()) as { nodes: Array<{ id: string; namespace?: string; kind: string }> };
      return r.status === 200 && t.nodes.some((n) => n.kind === 'StatefulSet') ? t : undefined;
    },
    30_000,
  );
  assert.ok(topology);
  assert.deepEqual([...new Set(topology.nodes.map((n) => n.namespace))], ['databases']);
  assert.equal(
    topology.nodes.filter((n) => n.kind === 'Secret' || n.kind === 'PersistentVolume' || n.kind === 'StorageClass')
      .length,
    0,
  );
  const paths = [
    '/api/v1/topology',
    '/api/v1/topology?view=grouped',
    '/api/v1/summary',
    '/api/v1/problems',
    '/api/v1/namespaces',
    '/api/v1/drift',
    '/api/v1/storage',
    '/api/v1/statefulsets/databases/postgres',
    '/api/v1/history?limit=1000',
    '/api/v1/history?format=csv',
    '/api/v1/history?format=jsonl',
    '/api/v1/history/timeline',
    '/',
    '/topology',
    '/storage',
  ];
  for (const path of paths) {
    const r = await text(path, ALICE);
    assert.equal(r.status, 200, `${path}: ${r.body.slice(0, 200)}`);
    assert.doesNotMatch(r.body, ELSEWHERE, `${path} names nothing alice may not list`);
  }
  const detail = (await (await get('/api/v1/statefulsets/databases/postgres', ALICE)).json()) as {
    ordinals: Array<{ pod: string | null; pvcs: Array<{ phase: string; volume: string | null }> }>;
  };
  assert.ok(detail.ordinals.some((o) => o.pod === 'postgres-0'));
  const pvcs = detail.ordinals.flatMap((o) => o.pvcs);
  // (The claims' own events, which she may list, still say what the provisioner did.)
  assert.ok(
    pvcs.some((c) => c.phase === 'Bound') && pvcs.every((c) => c.volume === null),
    'no volume named to a viewer who may not list volumes',
  );
  assert.equal(
    (await get('/api/v1/statefulsets/messaging/kafka', ALICE)).status,
    404,
    'another namespace is not there for her',
  );
  assert.equal(
    (await get('/api/v1/objects/Secret/databases/postgres-credentials', ALICE)).status,
    404,
    'nor are Secrets',
  );
  assert.equal(
    (await get('/api/v1/config/ConfigMap/messaging/kafka-config', ALICE)).status,
    404,
    "nor another namespace's config history",
  );
  assert.equal(
    (await get('/api/v1/pods/databases/postgres-0/log?tailLines=5', ALICE)).status,
    200,
    'her Role grants pods/log',
  );
  assert.equal(
    (await get('/api/v1/history?format=bundle', ALICE)).status,
    403,
    "a bundle's links name the whole chain",
  );
  const at = new Date().toISOString();
  const past = await text(`/api/v1/topology?at=${at}`, ALICE);
  assert.equal(past.status, 200, past.body.slice(0, 200));
  assert.doesNotMatch(past.body, ELSEWHERE, "the past, by today's access");
  assert.match(past.body, /postgres/);
  const who = (await (await get('/api/v1/whoami', ALICE)).json()) as { user: string; access: { state: string } };
  assert.deepEqual([who.user, who.access.state], ['alice', 'some']);
});

test("a claim's hidden volume is said so, not named; bob gets the no-access page and 403s", async () => {
  const t = (await (await get('/api/v1/topology?kinds=PersistentVolumeClaim', ALICE)).json()) as {
    nodes: Array<{ info: { volume: string; volumeHidden?: boolean }; findings?: Array<{ code: string }> }>;
  };
  const bound = t.nodes.filter((n) => n.info.volumeHidden);
  assert.ok(bound.length > 0, 'bound claims say their volume is hidden');
  assert.ok(bound.every((n) => n.info.volume === '' && n.findings?.some((f) => f.code === 'claim.volumeHidden')));
  assert.doesNotMatch(JSON.stringify(t), /pvc-[0-9a-f]{8}-/, 'no volume name');
  for (const path of ['/api/v1/topology', '/api/v1/stream', '/api/v1/history', '/api/v1/problems']) {
    const r = await text(path, BOB);
    assert.equal(r.status, 403, path);
    assert.match(r.body, /NoAccess/);
  }
  const page = await text('/', BOB);
  assert.match(page.body, /data-no-access/);
  assert.doesNotMatch(page.body, /postgres|kafka/);
});

test('two hundred requests of one viewer ask the cluster nothing more within the TTL', async () => {
  await get('/api/v1/topology', ALICE);
  const before = await reviews();
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      get(i % 2 ? '/api/v1/summary' : '/api/v1/problems', ALICE).then((r) => r.arrayBuffer()),
    ),
  );
  assert.equal(await reviews(), before);
});

test("a followed log ends, its last line saying why, once the viewer's pods/log is revoked", async () => {
  const ctl = new AbortController();
  const res = await fetch(`${d.base}/api/v1/pods/databases/postgres-0/log?follow=true&tailLines=5`, {
    headers: ALICE,
    signal: ctl.signal,
  });
  assert.equal(res.status, 200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      text += new TextDecoder().decode(value);
    }
  })();
  await d.kubectl('delete', 'rolebinding', 'alice-logs', '-n', 'databases');
  // The policy is watched: well within the TTL (60 s), the follow is ended by the server, not by us.
  const outcome = await Promise.race([ended, new Promise<false>((r) => setTimeout(() => r(false), 30_000))]);
  ctl.abort();
  assert.equal(outcome, true, 'the server ended the follow');
  assert.match(
    text,
    /ordinal: this log ended: you may no longer read the logs of pods in databases \(get pods\/log\)\n$/,
  );
  assert.equal((await get('/api/v1/pods/databases/postgres-0/log?tailLines=5', ALICE)).status, 403);
  assert.equal((await get('/api/v1/topology', ALICE)).status, 200, 'her scope is untouched');
});

test('the clusters list: only those a viewer sees anything in, the server URL to an admin only; system: groups are not believed', async () => {
  const list = async (who: Record<string, string>) =>
    ((await (await get('/api/v1/clusters', who)).json()) as { clusters: Array<{ name: string; server?: string }> })
      .clusters;
  const alice = await list(ALICE);
  assert.equal(alice.length, 1);
  assert.equal(alice[0].server, undefined, 'alice is no admin: no server URL');
  assert.deepEqual(await list(BOB), [], 'bob sees nothing anywhere: no cluster is named to him');
  const masters = { 'X-Forwarded-User': 'bob', 'X-Forwarded-Groups': 'system:masters' };
  assert.deepEqual(await list(masters), [], 'system:masters from the proxy is dropped');
  assert.equal((await get('/api/v1/topology', masters)).status, 403);
  const who = (await (await get('/api/v1/whoami', masters)).json()) as { groups: string[] };
  assert.deepEqual(who.groups, []);
  await d.kubectl('create', 'clusterrolebinding', 'carol-admin', '--clusterrole=cluster-admin', '--user=carol');
  const carol = await eventually(
    'carol is an admin',
    async () => {
      const c = await list({ 'X-Forwarded-User': 'carol' });
      return c.length === 1 && c[0].server ? c : undefined;
    },
    20_000,
  );
  assert.match(carol?.[0].server ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
  await d.kubectl('delete', 'clusterrolebinding', 'carol-admin');
});

test('a ClusterRole granting volumes shows them to alice; deleting her RoleBinding ends her stream and her access, live', async () => {
  await d.kubectl('create', 'clusterrole', 'pv-reader', '--verb=get,list,watch', '--resource=persistentvolumes');
  await d.kubectl('create', 'clusterrolebinding', 'devs-pvs', '--clusterrole=pv-reader', '--group=devs');
  await eventually(
    'alice sees volumes',
    async () => {
      const t = (await (await get('/api/v1/topology', ALICE)).json()) as { nodes: Array<{ kind: string }> };
      return t.nodes.some((n) => n.kind === 'PersistentVolume');
    },
    20_000,
  );
  const ctl = new AbortController();
  const res = await fetch(`${d.base}/api/v1/stream`, { headers: ALICE, signal: ctl.signal });
  assert.equal(res.status, 200);
  const events = sseEvents(res);
  const first = (await events.next()).value as SseEvent;
  assert.equal(first.event, 'snapshot');
  await d.kubectl('delete', 'rolebinding', 'alice-reads', '-n', 'databases');
  const seen: string[] = [];
  for await (const e of events) {
    seen.push(e.event);
    if (e.event === 'access') {
      assert.equal(e.data.access, 'changed', 'she still sees volumes: her scope changed');
      break;
    }
  }
  ctl.abort();
  assert.ok(seen.includes('access'), seen.join());
  const t = (await (await get('/api/v1/topology', ALICE)).json()) as {
    nodes: Array<{ kind: string; namespace?: string }>;
  };
  assert.ok(t.nodes.length > 0 && t.nodes.every((n) => n.kind === 'PersistentVolume'), 'volumes only, now');
  await d.kubectl('delete', 'clusterrolebinding', 'devs-pvs');
  await eventually(
    'alice has no access left',
    async () => (await get('/api/v1/topology', ALICE)).status === 403,
    10_000,
  );
});
