import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { eventually, startTestSim, type TestSim } from './harness';

let t: TestSim;
before(async () => {
  t = await startTestSim();
});
after(() => t.close());

interface LogEntry {
  time: string;
  verb: string;
  path: string;
  userAgent: string;
  status: number;
}

test('forbid answers 403 for that resource only, until clear', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  await t.simApi('POST', '/sim/v1/faults/forbid?resource=secrets');
  await assert.rejects(
    core.listSecretForAllNamespaces(),
    (e: { code?: number; body?: string }) => e.code === 403 && /secrets is forbidden/.test(String(e.body)),
  );
  assert.ok((await core.listConfigMapForAllNamespaces()).items.length >= 0);
  const r = await t.kubectl('get', 'secrets', '-A');
  assert.match(r.stderr, /Forbidden/);
  assert.match((await t.kubectl('auth', 'can-i', 'list', 'secrets')).stdout, /no/);
  await t.simApi('POST', '/sim/v1/faults/clear');
  await core.listSecretForAllNamespaces();
});

test('an error rate of 1 makes every Kubernetes request fail with 500; the sim endpoints keep working', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  await t.simApi('POST', '/sim/v1/faults/errors?rate=1');
  await assert.rejects(core.listNamespace(), (e: { code?: number }) => e.code === 500);
  const faults = (await t.simApi('GET', '/sim/v1/faults')) as { errorRate: number };
  assert.equal(faults.errorRate, 1);
  await t.simApi('POST', '/sim/v1/faults/clear');
  await core.listNamespace();
});

test('latency delays every request by at least the configured time', async () => {
  const core = t.kc.makeApiClient(CoreV1Api);
  await t.simApi('POST', '/sim/v1/faults/latency?ms=300');
  const started = Date.now();
  await core.listNamespace();
  const took = Date.now() - started;
  await t.simApi('POST', '/sim/v1/faults/clear');
  assert.ok(took >= 300, `took ${took} ms`);
});

test('drop-watches ends every open watch', async () => {
  let ended = 0;
  for (let i = 0; i < 2; i++)
    await new Watch(t.kc).watch(
      '/api/v1/pods',
      {},
      () => undefined,
      () => ended++,
    );
  await eventually('two open watches', () => t.sim.api.hub.size >= 2);
  const r = (await t.simApi('POST', '/sim/v1/faults/drop-watches')) as { dropped: number };
  assert.ok(r.dropped >= 2);
  await eventually('both watches ended', () => ended === 2);
});

test('invalid fault parameters are refused with 400', async () => {
  await assert.rejects(t.simApi('POST', '/sim/v1/faults/errors?rate=2'), /400/);
  await assert.rejects(t.simApi('POST', '/sim/v1/faults/latency?ms=-1'), /400/);
  await assert.rejects(t.simApi('POST', '/sim/v1/faults/forbid'), /400/);
});

test('the request log records verb, path, user agent and status of every request', async () => {
  await t.kubectl('get', 'pods', '-n', 'kube-system');
  await t.kc
    .makeApiClient(CoreV1Api)
    .createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'logged' } } });
  const log = (await t.simApi('GET', '/sim/v1/requests')) as LogEntry[];
  const kubectlList = log.find(
    (e) => e.path.startsWith('/api/v1/namespaces/kube-system/pods') && e.userAgent.startsWith('kubectl'),
  );
  assert.equal(kubectlList?.verb, 'list');
  assert.equal(kubectlList?.status, 200);
  const create = log.find((e) => e.path === '/api/v1/namespaces/default/configmaps' && e.verb === 'create');
  assert.equal(create?.status, 201);
  assert.ok(
    log.some((e) => e.verb === 'watch'),
    'watches are logged',
  );
  assert.ok(!Number.isNaN(Date.parse(String(log[0].time))));
});

test('requests without the bearer token are refused with 401', async () => {
  const res = await fetch(`${t.sim.url}/api/v1/pods`, { dispatcher: undefined } as RequestInit).catch((e: Error) => e);
  // The CA is private: plain fetch cannot even connect, which is the point of TLS; use the https module instead.
  assert.ok(res instanceof Error || res.status === 401);
  const { request } = await import('node:https');
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${t.sim.url}/api/v1/pods`, { ca: t.sim.caCert }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 401);
});
