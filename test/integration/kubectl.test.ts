import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, startTestSim, type TestSim } from './harness';

let t: TestSim;
const dir = mkdtempSync(join(tmpdir(), 'ordinal-kubectl-'));
before(async () => {
  t = await startTestSim();
});
after(() => t.close());

const WEB = (replicas: number, image = 'nginx:1.27') => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 80, name: http}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: shop}
spec:
  serviceName: web
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports: [{containerPort: 80, name: http}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

async function ok(...args: string[]): Promise<string> {
  const r = await t.kubectl(...args);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

test('discovery: version, api-resources and the scale subresource', async () => {
  assert.match(await ok('version', '-o', 'json'), /"gitVersion": "v1.32/);
  const resources = await ok('api-resources', '--no-headers');
  for (const r of [
    'statefulsets',
    'persistentvolumeclaims',
    'endpointslices',
    'storageclasses',
    'controllerrevisions',
    'selfsubjectaccessreviews',
  ])
    assert.match(resources, new RegExp(`^${r}\\s`, 'm'));
  assert.match(await ok('auth', 'can-i', 'list', 'pods'), /yes/);
});

test('create, apply, get, describe, scale, patch, edit, rollout and delete a StatefulSet', async () => {
  await ok('create', 'namespace', 'shop');
  const file = join(dir, 'web.yaml');
  writeFileSync(file, WEB(2));
  assert.match(await ok('apply', '-f', file), /statefulset.apps\/web created/);
  await ok('rollout', 'status', 'sts/web', '-n', 'shop', '--timeout=30s');
  assert.match(await ok('get', 'sts', 'web', '-n', 'shop'), /web\s+2\/2/);
  assert.match(await ok('get', 'pvc', '-n', 'shop'), /www-web-0\s+Bound\s+pvc-/);
  assert.match(
    await ok('describe', 'sts', 'web', '-n', 'shop'),
    /SuccessfulCreate\s+.*create Pod web-1 in StatefulSet web successful/,
  );
  assert.match(await ok('describe', 'pod', 'web-0', '-n', 'shop'), /Scheduled\s+.*Successfully assigned shop\/web-0/);

  writeFileSync(file, WEB(2, 'nginx:1.28'));
  assert.match(await ok('apply', '-f', file), /statefulset.apps\/web configured/);
  await ok('rollout', 'status', 'sts/web', '-n', 'shop', '--timeout=30s');
  assert.match(
    await ok('get', 'pods', '-n', 'shop', '-o', 'jsonpath={.items[*].spec.containers[0].image}'),
    /^nginx:1.28 nginx:1.28$/,
  );
  assert.equal((await ok('diff', '-f', file)).trim(), '', 'no drift after apply');

  await ok('scale', 'sts/web', '-n', 'shop', '--replicas=3');
  await eventually(
    '3 ready',
    async () => (await ok('get', 'sts', 'web', '-n', 'shop', '-o', 'jsonpath={.status.readyReplicas}')) === '3',
  );
  await ok('patch', 'sts', 'web', '-n', 'shop', '-p', '{"spec":{"template":{"metadata":{"labels":{"tier":"edge"}}}}}');
  await ok('patch', 'sts', 'web', '-n', 'shop', '--type=merge', '-p', '{"metadata":{"labels":{"team":"a"}}}');
  await ok(
    'patch',
    'sts',
    'web',
    '-n',
    'shop',
    '--type=json',
    '-p',
    '[{"op":"add","path":"/metadata/labels/owner","value":"b"}]',
  );
  assert.equal(
    await ok(
      'get',
      'sts',
      'web',
      '-n',
      'shop',
      '-o',
      'jsonpath={.metadata.labels.team}/{.metadata.labels.owner}/{.spec.template.metadata.labels.tier}',
    ),
    'a/b/edge',
  );

  const editor = join(dir, 'editor.sh');
  writeFileSync(editor, '#!/bin/sh\nsed -i "s/replicas: 3/replicas: 1/" "$1"\n');
  chmodSync(editor, 0o755);
  const edited = await new Promise<number>((resolve) => {
    const p = spawn('kubectl', ['edit', 'sts', 'web', '-n', 'shop'], {
      env: { ...process.env, KUBECONFIG: t.kubeconfigPath, EDITOR: editor },
    });
    p.on('exit', (code) => resolve(code ?? 1));
  });
  assert.equal(edited, 0);
  await eventually(
    'scaled down by edit',
    async () => (await ok('get', 'pods', '-n', 'shop', '-o', 'name')).trim() === 'pod/web-0',
  );
  assert.match(await ok('get', 'pvc', '-n', 'shop', '-o', 'name'), /www-web-2/, 'claims are retained after scale-down');

  assert.match(await ok('delete', 'sts', 'web', '-n', 'shop', '--cascade=foreground'), /deleted/);
  assert.equal((await ok('get', 'pods', '-n', 'shop', '-o', 'name')).trim(), '');
});

test('a rollout with partition 2 moves only ordinal 2', async () => {
  await ok('create', 'namespace', 'part');
  const file = join(dir, 'part.yaml');
  writeFileSync(file, WEB(3).replaceAll('namespace: shop', 'namespace: part'));
  await ok('apply', '-f', file);
  await ok('rollout', 'status', 'sts/web', '-n', 'part', '--timeout=30s');
  await ok(
    'patch',
    'sts',
    'web',
    '-n',
    'part',
    '-p',
    '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}',
  );
  await ok('set', 'image', 'sts/web', '-n', 'part', 'nginx=nginx:2.0');
  const rev = (n: number) =>
    ok('get', 'pod', `web-${n}`, '-n', 'part', '-o', 'jsonpath={.metadata.labels.controller-revision-hash}');
  const update = await eventually('update revision recorded', async () => {
    const [cur, upd] = (
      await ok('get', 'sts', 'web', '-n', 'part', '-o', 'jsonpath={.status.currentRevision} {.status.updateRevision}')
    ).split(' ');
    return cur !== upd ? upd : '';
  });
  await eventually(
    'web-2 on the update revision and ready',
    async () =>
      (await rev(2)) === update &&
      (await ok('get', 'pod', 'web-2', '-n', 'part', '-o', 'jsonpath={.status.containerStatuses[0].ready}')) === 'true',
  );
  assert.notEqual(await rev(0), update);
  assert.notEqual(await rev(1), update);
  assert.match(
    await ok('rollout', 'status', 'sts/web', '-n', 'part', '--timeout=10s'),
    /partitioned roll out complete: 1 new pods have been updated/,
  );
});

test('a claim of a missing StorageClass stays Pending, and its pod too', async () => {
  await ok('create', 'namespace', 'stuck');
  const file = join(dir, 'etcd.yaml');
  writeFileSync(
    file,
    WEB(3)
      .replaceAll('namespace: shop', 'namespace: stuck')
      .replace(
        'resources: {requests: {storage: 1Gi}}',
        'storageClassName: fast\n      resources: {requests: {storage: 1Gi}}',
      ),
  );
  await ok('apply', '-f', file);
  await eventually('FailedScheduling recorded', async () =>
    /FailedScheduling/.test(await ok('get', 'events', '-n', 'stuck')),
  );
  assert.match(await ok('get', 'pvc', '-n', 'stuck'), /www-web-0\s+Pending\s+fast/);
  assert.match(await ok('get', 'pods', '-n', 'stuck'), /web-0\s+0\/1\s+Pending/);
  assert.doesNotMatch(await ok('get', 'pods', '-n', 'stuck', '-o', 'name'), /web-1/, 'OrderedReady waits at ordinal 0');
  assert.match(
    await ok('describe', 'pvc', 'www-web-0', '-n', 'stuck'),
    /ProvisioningFailed\s+.*storageclass.storage.k8s.io "fast" not found/,
  );
});

test('kubectl get -w streams changes as they happen', async () => {
  await ok('create', 'namespace', 'watch');
  const lines: string[] = [];
  const p = spawn('kubectl', ['get', 'configmaps', '-n', 'watch', '-w', '--output-watch-events'], {
    env: { ...process.env, KUBECONFIG: t.kubeconfigPath },
  });
  p.stdout.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  try {
    await eventually('the watch is open', () => t.sim.api.hub.size > 0);
    await ok('create', 'configmap', 'live', '-n', 'watch', '--from-literal=k=v');
    await ok('delete', 'configmap', 'live', '-n', 'watch');
    await eventually(
      'ADDED and DELETED lines',
      () => lines.some((l) => /^ADDED\s+live/.test(l)) && lines.some((l) => /^DELETED\s+live/.test(l)),
    );
  } finally {
    p.kill();
  }
});

test('a watch from a compacted resourceVersion reports Expired to kubectl', async () => {
  await t.simApi('POST', '/sim/v1/faults/compact');
  const r = await t.kubectl('get', '--raw', '/api/v1/configmaps?watch=true&resourceVersion=1', '--request-timeout=5s');
  const event = JSON.parse(r.stdout.trim().split('\n')[0]) as {
    type: string;
    object: { code: number; reason: string; message: string };
  };
  assert.equal(event.type, 'ERROR');
  assert.equal(event.object.code, 410);
  assert.equal(event.object.reason, 'Expired');
  assert.match(event.object.message, /too old resource version: 1 \(\d+\)/);
});

test('kubectl create secret and configmap (protobuf bodies) store the data', async () => {
  await ok('create', 'secret', 'generic', 'creds', '--from-literal=password=hunter2');
  assert.equal(
    await ok('get', 'secret', 'creds', '-o', 'jsonpath={.data.password}'),
    Buffer.from('hunter2').toString('base64'),
  );
  await ok('create', 'configmap', 'settings', '--from-literal=mode=<b>fast</b>');
  assert.equal(await ok('get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'), '<b>fast</b>');
});

test('kubectl logs reads a running pod, follows it, and is refused as the apiserver refuses', async () => {
  await ok('create', 'namespace', 'logs');
  writeFileSync(join(dir, 'logs.yaml'), WEB(1).replaceAll('namespace: shop', 'namespace: logs'));
  await ok('apply', '-f', join(dir, 'logs.yaml'));
  await ok('rollout', 'status', 'sts/web', '-n', 'logs', '--timeout=30s');
  const tail = await ok('logs', 'web-0', '-n', 'logs', '--tail=2', '--timestamps');
  const lines = tail.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
  const lines2: string[] = [];
  const p = spawn('kubectl', ['logs', '-f', 'web-0', '-n', 'logs', '--tail=1'], {
    env: { ...process.env, KUBECONFIG: t.kubeconfigPath },
  });
  p.stdout.on('data', (b: Buffer) => lines2.push(...b.toString().split('\n').filter(Boolean)));
  try {
    await eventually('kubectl logs -f prints new lines', () => lines2.length >= 3, 20_000);
  } finally {
    p.kill();
  }
  const previous = await t.kubectl('logs', 'web-0', '-n', 'logs', '--previous');
  assert.notEqual(previous.code, 0);
  assert.match(previous.stderr, /previous terminated container "nginx" in pod "web-0" not found/);
});
