import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { resources } from '../registry/lookup';
import { ns, statefulSet, standardClass, testCluster, until, type Obj } from '../testing';
import { isRunningAndReady } from './podview';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function setup() {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'db');
  standardClass(c);
  const sts = (name = 'pg') => c.store.get(resources.statefulsets, 'db', name) as Obj;
  const pod = (name: string) => c.store.get(resources.pods, 'db', name);
  const podsOf = (name = 'pg') =>
    c.store.list(resources.pods, 'db').filter((p) => p.metadata.name.startsWith(`${name}-`));
  const readyAll = (name = 'pg') =>
    Number(sts(name).status?.readyReplicas ?? 0) === Number(sts(name).spec.replicas) &&
    podsOf(name).length === Number(sts(name).spec.replicas);
  return { c, sts, pod, podsOf, readyAll };
}

test('OrderedReady creates ordinal n+1 only after ordinal n is Running and Ready', async () => {
  const { c, readyAll } = setup();
  const log: string[] = [];
  c.store.subscribe((ev) => {
    if (ev.resource !== resources.pods) return;
    if (ev.type === 'ADDED') log.push(`created ${ev.object.metadata.name}`);
    if (ev.type === 'MODIFIED' && isRunningAndReady(ev.object) && !(ev.previous && isRunningAndReady(ev.previous)))
      log.push(`ready ${ev.object.metadata.name}`);
  });
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg'), { manager: 'test' });
  await until(c, 'pg ready', () => readyAll());
  assert.deepEqual(log, ['created pg-0', 'ready pg-0', 'created pg-1', 'ready pg-1', 'created pg-2', 'ready pg-2']);
  const claims = c.store.list(resources.persistentvolumeclaims, 'db').map((p) => p.metadata.name);
  assert.deepEqual(claims, ['data-pg-0', 'data-pg-1', 'data-pg-2']);
  const p0 = c.store.get(resources.pods, 'db', 'pg-0') as Obj;
  assert.equal(p0.spec.hostname, 'pg-0');
  assert.equal(p0.spec.subdomain, 'pg');
  assert.equal(p0.metadata.labels?.['statefulset.kubernetes.io/pod-name'], 'pg-0');
  assert.equal(p0.metadata.labels?.['apps.kubernetes.io/pod-index'], '0');
});

test('Parallel creates every ordinal without waiting', async () => {
  const { c, podsOf, readyAll } = setup();
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg', { podManagementPolicy: 'Parallel', replicas: 4 }), {
    manager: 'test',
  });
  await until(c, 'four pods exist', () => podsOf().length === 4);
  assert.equal(podsOf().filter(isRunningAndReady).length, 0, 'all four were created before any became Ready');
  await until(c, 'pg ready', () => readyAll());
});

test('scale-down removes the highest ordinal first, one at a time, and keeps claims (Retain)', async () => {
  const { c, sts, readyAll, podsOf } = setup();
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg', { replicas: 4 }), { manager: 'test' });
  await until(c, 'pg ready', () => readyAll());
  const deleted: string[] = [];
  c.store.subscribe(
    (ev) => ev.resource === resources.pods && ev.type === 'DELETED' && deleted.push(ev.object.metadata.name),
  );
  c.registry.mutate(resources.statefulsets, sts(), (o) => ((o as Obj).spec.replicas = 1), { manager: 'test' });
  await until(c, 'one pod left', () => podsOf().length === 1 && Number(sts().status?.replicas) === 1);
  assert.deepEqual(deleted, ['pg-3', 'pg-2', 'pg-1']);
  assert.equal(c.store.list(resources.persistentvolumeclaims, 'db').length, 4, 'claims of removed ordinals stay');
});

test('whenScaled: Delete removes the claims of condemned ordinals with their pods', async () => {
  const { c, sts, readyAll } = setup();
  c.registry.create(
    resources.statefulsets,
    'db',
    statefulSet('pg', { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } }),
    { manager: 'test' },
  );
  await until(c, 'pg ready', () => readyAll());
  c.registry.mutate(resources.statefulsets, sts(), (o) => ((o as Obj).spec.replicas = 1), { manager: 'test' });
  await until(
    c,
    'claims of ordinals 1 and 2 gone',
    () =>
      c.store
        .list(resources.persistentvolumeclaims, 'db')
        .map((p) => p.metadata.name)
        .join() === 'data-pg-0',
  );
});

test('a RollingUpdate with partition 2 moves only ordinal 2 to the update revision', async () => {
  const { c, sts, pod, readyAll } = setup();
  c.registry.create(
    resources.statefulsets,
    'db',
    statefulSet('pg', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }),
    { manager: 'test' },
  );
  await until(c, 'pg ready', () => readyAll());
  const before = sts().status?.currentRevision;
  c.registry.mutate(
    resources.statefulsets,
    sts(),
    (o) => {
      ((o as Obj).spec.template as { spec: { containers: Array<{ image: string }> } }).spec.containers[0].image =
        'pg:2';
    },
    { manager: 'test' },
  );
  const rev = (n: string) => pod(n)?.metadata.labels?.['controller-revision-hash'];
  await until(
    c,
    'pg-2 updated and ready',
    () =>
      sts().status?.updateRevision !== before &&
      rev('pg-2') === sts().status?.updateRevision &&
      isRunningAndReady(pod('pg-2') as Obj),
  );
  const s = sts();
  assert.notEqual(s.status?.updateRevision, before);
  assert.equal(s.status?.currentRevision, before, 'the rollout is not complete below the partition');
  assert.equal(rev('pg-0'), before);
  assert.equal(rev('pg-1'), before);
  assert.equal(s.status?.updatedReplicas, 1);
  assert.equal(s.status?.currentReplicas, 2);
  assert.equal(c.store.list(resources.controllerrevisions, 'db').length, 2);
});

test('a full rolling update goes from the highest ordinal down and completes the revision', async () => {
  const { c, sts, readyAll } = setup();
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg'), { manager: 'test' });
  await until(c, 'pg ready', () => readyAll());
  const before = sts().status?.currentRevision;
  const order: string[] = [];
  c.store.subscribe(
    (ev) => ev.resource === resources.pods && ev.type === 'DELETED' && order.push(ev.object.metadata.name),
  );
  c.registry.mutate(
    resources.statefulsets,
    sts(),
    (o) => {
      ((o as Obj).spec.template as { spec: { containers: Array<{ image: string }> } }).spec.containers[0].image =
        'pg:2';
    },
    { manager: 'test' },
  );
  await until(
    c,
    'rollout complete',
    () =>
      sts().status?.currentRevision !== before &&
      sts().status?.currentRevision === sts().status?.updateRevision &&
      Number(sts().status?.updatedReplicas) === 3 &&
      readyAll(),
  );
  assert.deepEqual(order, ['pg-2', 'pg-1', 'pg-0']);
});

test('a pod that never becomes Ready stops an OrderedReady rollout at its ordinal', async () => {
  const { c, sts, pod, readyAll } = setup();
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg'), { manager: 'test' });
  await until(c, 'pg ready', () => readyAll());
  c.registry.mutate(
    resources.statefulsets,
    sts(),
    (o) => {
      const t = (o as Obj).spec.template as { metadata: { annotations?: Record<string, string> } };
      t.metadata.annotations = { 'sim.ordinal.dev/never-ready': 'true' };
    },
    { manager: 'test' },
  );
  const rev = (n: string) => pod(n)?.metadata.labels?.['controller-revision-hash'];
  await until(
    c,
    'pg-2 recreated on the new revision',
    () => rev('pg-2') === sts().status?.updateRevision && (pod('pg-2') as Obj).status?.phase === 'Running',
  );
  await until(c, 'an Unhealthy event for pg-2', () =>
    c.store.list(resources.events, 'db').some((e) => (e as Obj & { reason?: string }).reason === 'Unhealthy'),
  );
  assert.notEqual(rev('pg-1'), sts().status?.updateRevision, 'pg-1 waits behind the unready pg-2');
  assert.equal(sts().status?.readyReplicas, 2);
});

test('OnDelete keeps pods on the old revision until they are deleted', async () => {
  const { c, sts, pod, readyAll } = setup();
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg', { updateStrategy: { type: 'OnDelete' } }), {
    manager: 'test',
  });
  await until(c, 'pg ready', () => readyAll());
  c.registry.mutate(
    resources.statefulsets,
    sts(),
    (o) => {
      ((o as Obj).spec.template as { spec: { containers: Array<{ image: string }> } }).spec.containers[0].image =
        'pg:2';
    },
    { manager: 'test' },
  );
  await until(c, 'update revision recorded', () => sts().status?.updateRevision !== sts().status?.currentRevision);
  const rev = (n: string) => pod(n)?.metadata.labels?.['controller-revision-hash'];
  assert.equal(rev('pg-1'), sts().status?.currentRevision);
  const oldUid = pod('pg-1')?.metadata.uid;
  c.registry.delete(resources.pods, 'db', 'pg-1', { gracePeriodSeconds: 0 });
  await until(
    c,
    'pg-1 back on the update revision',
    () => !!pod('pg-1') && pod('pg-1')?.metadata.uid !== oldUid && rev('pg-1') === sts().status?.updateRevision,
  );
  assert.equal(rev('pg-0'), sts().status?.currentRevision);
});

test('spec.ordinals.start shifts the ordinals', async () => {
  const { c, podsOf, readyAll } = setup();
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg', { replicas: 2, ordinals: { start: 5 } }), {
    manager: 'test',
  });
  await until(c, 'pg ready', () => readyAll());
  assert.deepEqual(
    podsOf()
      .map((p) => p.metadata.name)
      .sort(),
    ['pg-5', 'pg-6'],
  );
});

test('deleting a StatefulSet with whenDeleted: Delete removes its pods and claims', async () => {
  const { c, readyAll } = setup();
  c.registry.create(
    resources.statefulsets,
    'db',
    statefulSet('pg', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }),
    { manager: 'test' },
  );
  await until(c, 'pg ready', () => readyAll());
  c.registry.delete(resources.statefulsets, 'db', 'pg');
  await until(
    c,
    'pods, claims and revisions gone',
    () =>
      c.store.list(resources.pods, 'db').length === 0 &&
      c.store.list(resources.persistentvolumeclaims, 'db').length === 0 &&
      c.store.list(resources.controllerrevisions, 'db').length === 0,
  );
});
