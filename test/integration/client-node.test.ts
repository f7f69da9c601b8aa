import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AppsV1Api, CoreV1Api, DiscoveryV1Api, makeInformer, Watch, type V1Pod } from '@kubernetes/client-node';
import { eventually, startTestSim, type TestSim } from './harness';

let t: TestSim;
before(async () => {
  t = await startTestSim();
});
after(() => t.close());

const sts = (name: string, ns: string, spec: object = {}) => ({
  metadata: { name, namespace: ns },
  spec: {
    replicas: 3,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: `${name}:1` }] } },
    ...spec,
  },
});
const isReady = (p: V1Pod) =>
  p.status?.phase === 'Running' && !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

async function namespace(name: string) {
  await t.kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
}

test('a 3-replica StatefulSet comes up in ordinal order, seen through a client-node watch', async () => {
  await namespace('order');
  const seen: string[] = [];
  const ready = new Set<string>();
  const w = await new Watch(t.kc).watch(
    '/api/v1/namespaces/order/pods',
    {},
    (type, p: V1Pod) => {
      const name = String(p.metadata?.name);
      if (type === 'ADDED') seen.push(`created ${name}`);
      if (type === 'MODIFIED' && isReady(p) && !ready.has(name)) {
        ready.add(name);
        seen.push(`ready ${name}`);
      }
    },
    () => undefined,
  );
  await t.kc.makeApiClient(AppsV1Api).createNamespacedStatefulSet({ namespace: 'order', body: sts('zk', 'order') });
  await eventually('three ready pods', () => ready.size === 3);
  w.abort();
  assert.deepEqual(seen, ['created zk-0', 'ready zk-0', 'created zk-1', 'ready zk-1', 'created zk-2', 'ready zk-2']);
});

test('list pagination with limit and continue returns every object once', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  await namespace('paging');
  for (let i = 0; i < 7; i++)
    await core.createNamespacedConfigMap({
      namespace: 'paging',
      body: { metadata: { name: `cm-${i}` }, data: { i: String(i) } },
    });
  const names: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await core.listNamespacedConfigMap({ namespace: 'paging', limit: 3, _continue: token });
    names.push(...page.items.map((c) => String(c.metadata?.name)));
    token = page.metadata?._continue;
    pages++;
  } while (token);
  assert.equal(pages, 3);
  assert.deepEqual(names, ['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5', 'cm-6']);
});

test('a watch from a compacted resourceVersion receives 410 Expired', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  const list = await core.listNamespacedConfigMap({ namespace: 'default' });
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after-list' } } });
  await t.simApi('POST', '/sim/v1/faults/compact');
  const events: Array<{ type: string; code?: number; reason?: string }> = [];
  let done = false;
  await new Watch(t.kc).watch(
    '/api/v1/namespaces/default/configmaps',
    { resourceVersion: list.metadata?.resourceVersion },
    (type, obj) => events.push({ type, code: obj.code, reason: obj.reason }),
    () => (done = true),
  );
  await eventually('the watch to end', () => done);
  assert.deepEqual(events, [{ type: 'ERROR', code: 410, reason: 'Expired' }]);
});

test('an informer relists after compaction and dropped watches, and converges on the live state', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  await namespace('inf');
  const informer = makeInformer(t.kc, '/api/v1/namespaces/inf/configmaps', () =>
    core.listNamespacedConfigMap({ namespace: 'inf' }),
  );
  await informer.start();
  await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'one' } } });
  await eventually('informer sees one', () => informer.list().length === 1);
  await t.simApi('POST', '/sim/v1/faults/drop-watches');
  await t.simApi('POST', '/sim/v1/faults/compact');
  await core.createNamespacedConfigMap({ namespace: 'inf', body: { metadata: { name: 'two' } } });
  await core.deleteNamespacedConfigMap({ name: 'one', namespace: 'inf' });
  await eventually(
    'informer converges',
    () =>
      informer
        .list()
        .map((c) => c.metadata?.name)
        .join() === 'two',
  );
  await informer.stop();
});

test('scale-down through the scale subresource deletes ordinals in reverse', async () => {
  const apps = t.kc.makeApiClient(AppsV1Api);
  const core = t.kc.makeApiClient(CoreV1Api);
  await namespace('down');
  await apps.createNamespacedStatefulSet({ namespace: 'down', body: sts('kafka', 'down', { replicas: 4 }) });
  await eventually(
    '4 ready',
    async () =>
      (await apps.readNamespacedStatefulSet({ name: 'kafka', namespace: 'down' })).status?.readyReplicas === 4,
  );
  const deleted: string[] = [];
  const w = await new Watch(t.kc).watch(
    '/api/v1/namespaces/down/pods',
    {},
    (type, p: V1Pod) => type === 'DELETED' && deleted.push(String(p.metadata?.name)),
    () => undefined,
  );
  const scale = await apps.readNamespacedStatefulSetScale({ name: 'kafka', namespace: 'down' });
  assert.equal(scale.status?.selector, 'app=kafka');
  await apps.replaceNamespacedStatefulSetScale({
    name: 'kafka',
    namespace: 'down',
    body: { ...scale, spec: { replicas: 1 } },
  });
  await eventually(
    'one pod left',
    async () => (await core.listNamespacedPod({ namespace: 'down' })).items.length === 1,
  );
  w.abort();
  assert.deepEqual(deleted, ['kafka-3', 'kafka-2', 'kafka-1']);
});

test('EndpointSlices follow pod readiness: a deleted pod turns terminating, then returns ready', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  const disc = t.kc.makeApiClient(DiscoveryV1Api);
  const apps = t.kc.makeApiClient(AppsV1Api);
  await namespace('eps');
  await core.createNamespacedService({
    namespace: 'eps',
    body: {
      metadata: { name: 'redis' },
      spec: { clusterIP: 'None', selector: { app: 'redis' }, ports: [{ port: 6379 }] },
    },
  });
  await apps.createNamespacedStatefulSet({ namespace: 'eps', body: sts('redis', 'eps') });
  const endpoints = async () =>
    (
      await disc.listNamespacedEndpointSlice({ namespace: 'eps', labelSelector: 'kubernetes.io/service-name=redis' })
    ).items.flatMap((s) => s.endpoints ?? []);
  await eventually(
    '3 ready endpoints with hostnames',
    async () => (await endpoints()).filter((e) => e.conditions?.ready && e.hostname).length === 3,
  );
  const states: string[] = [];
  const w = await new Watch(t.kc).watch(
    '/apis/discovery.k8s.io/v1/namespaces/eps/endpointslices',
    {},
    (
      _type,
      s: {
        endpoints?: Array<{ targetRef?: { name?: string }; conditions?: { ready?: boolean; terminating?: boolean } }>;
      },
    ) => {
      const e = s.endpoints?.find((x) => x.targetRef?.name === 'redis-1');
      states.push(
        !e ? 'absent' : e.conditions?.terminating ? 'terminating' : e.conditions?.ready ? 'ready' : 'not-ready',
      );
    },
    () => undefined,
  );
  await core.deleteNamespacedPod({ name: 'redis-1', namespace: 'eps' });
  await eventually(
    'redis-1 ready again',
    () => states.includes('terminating') && states[states.length - 1] === 'ready',
  );
  w.abort();
  const collapsed = states.filter((s, i) => s !== states[i - 1]);
  assert.deepEqual(collapsed.slice(collapsed.indexOf('terminating')), ['terminating', 'absent', 'not-ready', 'ready']);
});

test('watches with allowWatchBookmarks receive BOOKMARK events carrying the current resourceVersion', async () => {
  const t2 = await startTestSim({ bookmarkIntervalMs: 100 });
  try {
    const bookmarks: string[] = [];
    const w = await new Watch(t2.kc).watch(
      '/api/v1/pods',
      { allowWatchBookmarks: true, resourceVersion: String(t2.sim.store.resourceVersion) },
      (type, obj) => type === 'BOOKMARK' && bookmarks.push(obj.metadata.resourceVersion),
      () => undefined,
    );
    await eventually('two bookmarks', () => bookmarks.length >= 2);
    w.abort();
    assert.ok(Number(bookmarks[0]) >= 1000);
  } finally {
    await t2.close();
  }
});

test('sendInitialEvents replays the current objects, then a bookmark marks the end of the initial events', async () => {
  const events: Array<{ type: string; name?: string; annotations?: Record<string, string> }> = [];
  const w = await new Watch(t.kc).watch(
    '/api/v1/namespaces',
    { sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: 'NotOlderThan' },
    (type, obj) => events.push({ type, name: obj.metadata?.name, annotations: obj.metadata?.annotations }),
    () => undefined,
  );
  await eventually('the initial-events-end bookmark', () => events.some((e) => e.type === 'BOOKMARK'));
  w.abort();
  const end = events.findIndex((e) => e.type === 'BOOKMARK');
  assert.ok(events.slice(0, end).every((e) => e.type === 'ADDED'));
  assert.ok(events.slice(0, end).some((e) => e.name === 'kube-system'));
  assert.equal(events[end].annotations?.['k8s.io/initial-events-end'], 'true');
});

test('timeoutSeconds ends a watch from the server side', async () => {
  let ended = false;
  const started = Date.now();
  await new Watch(t.kc).watch(
    '/api/v1/pods',
    { timeoutSeconds: 1 },
    () => undefined,
    () => (ended = true),
  );
  await eventually('the watch to end', () => ended, 10_000);
  assert.ok(Date.now() - started >= 900);
});
