import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCluster } from '../cluster';
import type { JsonObject } from '../model/types';
import { StatusError } from './errors';
import { resources } from './lookup';

const frozen = () => createCluster({ controllers: false });
const cm = (name: string, data: Record<string, string> = { a: '1' }) => ({ metadata: { name }, data });

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

test('create stamps identity and defaults, and refuses duplicates and missing namespaces', () => {
  const { registry } = frozen();
  const o = registry.create(resources.configmaps, 'default', cm('c'), { manager: 'kubectl-create' });
  assert.match(String(o.metadata.uid), /^[0-9a-f-]{36}$/);
  assert.ok(o.metadata.creationTimestamp);
  assert.equal((o.metadata.managedFields as JsonObject[])[0].manager, 'kubectl-create');
  assert.equal(statusOf(() => registry.create(resources.configmaps, 'default', cm('c'))).code, 409);
  const nsErr = statusOf(() => registry.create(resources.configmaps, 'nope', cm('c')));
  assert.equal(nsErr.code, 404);
  assert.match(nsErr.message, /namespaces "nope" not found/);
});

test('invalid objects are refused with 422 and the field that is wrong', () => {
  const { registry } = frozen();
  const bad = statusOf(() => registry.create(resources.configmaps, 'default', cm('Not_Valid')));
  assert.equal(bad.code, 422);
  assert.match(bad.message, /metadata.name: Invalid value: "Not_Valid"/);
  const sts = statusOf(() =>
    registry.create(resources.statefulsets, 'default', {
      metadata: { name: 's' },
      spec: {
        selector: { matchLabels: { app: 'a' } },
        template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
    }),
  );
  assert.match(sts.message, /`selector` does not match template `labels`/);
});

test('an update with a stale resourceVersion conflicts; a no-op update keeps the version', () => {
  const { registry } = frozen();
  const v1 = registry.create(resources.configmaps, 'default', cm('c'));
  const v2 = registry.update(resources.configmaps, 'default', 'c', { ...v1, data: { a: '2' } });
  assert.notEqual(v2.metadata.resourceVersion, v1.metadata.resourceVersion);
  assert.equal(
    statusOf(() => registry.update(resources.configmaps, 'default', 'c', { ...v1, data: { a: '3' } })).code,
    409,
  );
  const same = registry.update(resources.configmaps, 'default', 'c', v2);
  assert.equal(same.metadata.resourceVersion, v2.metadata.resourceVersion);
});

test('status is written only through the status subresource; generation moves with the spec only', () => {
  const { registry } = frozen();
  const pvc = registry.create(resources.persistentvolumeclaims, 'default', {
    metadata: { name: 'p' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  const sneaky = registry.update(resources.persistentvolumeclaims, 'default', 'p', {
    ...pvc,
    status: { phase: 'Bound' },
    metadata: { ...pvc.metadata, labels: { x: 'y' } },
  });
  assert.equal(
    (sneaky as unknown as { status: JsonObject }).status.phase,
    'Pending',
    'the main resource ignores status',
  );
  assert.equal(sneaky.metadata.generation, pvc.metadata.generation, 'a label change is not a spec change');
  const viaStatus = registry.update(
    resources.persistentvolumeclaims,
    'default',
    'p',
    { ...sneaky, status: { phase: 'Bound' } },
    { subresource: 'status' },
  );
  assert.equal((viaStatus as unknown as { status: JsonObject }).status.phase, 'Bound');
  const resized = registry.patch(resources.persistentvolumeclaims, 'default', 'p', 'merge', {
    spec: { resources: { requests: { storage: '2Gi' } } },
  });
  assert.equal(resized.metadata.generation, Number(pvc.metadata.generation) + 1);
  assert.equal(
    statusOf(() =>
      registry.patch(resources.persistentvolumeclaims, 'default', 'p', 'merge', {
        spec: { accessModes: ['ReadWriteMany'] },
      }),
    ).code,
    422,
  );
});

test('managedFields record when each manager last changed the object', () => {
  const { registry } = frozen();
  registry.create(resources.configmaps, 'default', cm('c'), { manager: 'helm' });
  const edited = registry.patch(
    resources.configmaps,
    'default',
    'c',
    'merge',
    { data: { a: '2' } },
    { manager: 'kubectl-edit' },
  );
  const managers = (edited.metadata.managedFields as JsonObject[]).map((m) => m.manager);
  assert.deepEqual(managers, ['helm', 'kubectl-edit']);
  assert.deepEqual((edited.metadata.managedFields as JsonObject[])[1].fieldsV1, { 'f:data': { 'f:a': {} } });
});

test('objects with finalizers are marked for deletion and go when the last finalizer is removed', () => {
  const { registry, store } = frozen();
  registry.create(resources.configmaps, 'default', {
    ...cm('c'),
    metadata: { name: 'c', finalizers: ['example.com/hold'] },
  });
  const marked = registry.delete(resources.configmaps, 'default', 'c');
  assert.ok(marked.metadata.deletionTimestamp);
  assert.ok(store.get(resources.configmaps, 'default', 'c'));
  registry.patch(resources.configmaps, 'default', 'c', 'merge', { metadata: { finalizers: null } });
  assert.equal(store.get(resources.configmaps, 'default', 'c'), undefined);
});

test('Secrets accept stringData and store it base64-encoded in data', () => {
  const { registry } = frozen();
  const s = registry.create(resources.secrets, 'default', {
    metadata: { name: 's' },
    stringData: { password: 'hunter2' },
  }) as unknown as { data: Record<string, string> };
  assert.equal(s.data.password, Buffer.from('hunter2').toString('base64'));
  assert.equal((s as unknown as JsonObject).stringData, undefined);
});

test('a created pod starts Pending with the QoS class its resources give, whatever status it was sent with', () => {
  const { registry } = frozen();
  const pod = (name: string, limits: Record<string, Record<string, string>>) =>
    registry.create(resources.pods, 'default', {
      metadata: { name },
      spec: { containers: [{ name: 'main', image: 'x', resources: limits }] },
      status: { phase: 'Running', qosClass: 'Guaranteed' },
    }) as { status?: { phase?: string; qosClass?: string } };
  assert.deepEqual(pod('a', {}).status, { phase: 'Pending', qosClass: 'BestEffort' });
  assert.equal(pod('b', { requests: { cpu: '100m' } }).status?.qosClass, 'Burstable');
  assert.equal(pod('c', { limits: { cpu: '1', memory: '1Gi' } }).status?.qosClass, 'Guaranteed');
  assert.equal(
    pod('d', { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } }).status?.qosClass,
    'Burstable',
  );
});

test('the system namespaces cannot be deleted', () => {
  const { registry } = frozen();
  assert.throws(
    () => registry.delete(resources.namespaces, undefined, 'kube-system'),
    /this namespace may not be deleted/,
  );
});
