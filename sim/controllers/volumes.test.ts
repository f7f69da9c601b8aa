import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { resources } from '../registry/lookup';
import { ns, standardClass, testCluster, until, type Obj } from '../testing';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function setup() {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'app');
  const claim = (name: string) => c.store.get(resources.persistentvolumeclaims, 'app', name) as Obj | undefined;
  const pv = (name: string) => c.store.get(resources.persistentvolumes, undefined, name) as Obj | undefined;
  const events = (reason: string) =>
    c.store.list(resources.events, 'app').filter((e) => (e as Obj & { reason?: string }).reason === reason);
  const newClaim = (name: string, spec: object = {}) =>
    c.registry.create(
      resources.persistentvolumeclaims,
      'app',
      {
        metadata: { name },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, ...spec },
      },
      { manager: 'test' },
    );
  return { c, claim, pv, events, newClaim };
}

test('a claim of a missing StorageClass stays Pending, with a ProvisioningFailed event, and so does its pod', async () => {
  const { c, claim, events, newClaim } = setup();
  standardClass(c);
  newClaim('data', { storageClassName: 'fast' });
  c.registry.create(
    resources.pods,
    'app',
    {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'm', image: 'm:1' }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
      },
    },
    { manager: 'test' },
  );
  await until(
    c,
    'ProvisioningFailed and FailedScheduling events',
    () => events('ProvisioningFailed').length === 1 && events('FailedScheduling').length === 1,
  );
  assert.match(
    String((events('ProvisioningFailed')[0] as Obj & { message: string }).message),
    /storageclass.storage.k8s.io "fast" not found/,
  );
  assert.equal(claim('data')?.status?.phase, 'Pending');
  const pod = c.store.get(resources.pods, 'app', 'p') as Obj;
  assert.equal(pod.status?.phase, 'Pending');
  assert.equal(pod.spec.nodeName, undefined);
  // Creating the class unblocks both.
  standardClass(c, 'fast', { metadata: { name: 'fast' } });
  await until(
    c,
    'claim bound and pod running',
    () =>
      claim('data')?.status?.phase === 'Bound' &&
      (c.store.get(resources.pods, 'app', 'p') as Obj).status?.phase === 'Running',
  );
});

test('a claim without a class gets the default class, is provisioned and bound', async () => {
  const { c, claim, pv, newClaim } = setup();
  standardClass(c);
  newClaim('data');
  await until(c, 'claim bound', () => claim('data')?.status?.phase === 'Bound');
  const cl = claim('data') as Obj;
  assert.equal(cl.spec.storageClassName, 'standard');
  const vol = pv(String(cl.spec.volumeName)) as Obj;
  assert.equal(vol.status?.phase, 'Bound');
  assert.equal((vol.spec.claimRef as { name: string }).name, 'data');
  assert.deepEqual(cl.status?.capacity, { storage: '5Gi' });
});

test('WaitForFirstConsumer provisions only once a pod using the claim is scheduled', async () => {
  const { c, claim, events, newClaim } = setup();
  standardClass(c, 'standard', { volumeBindingMode: 'WaitForFirstConsumer' });
  newClaim('data');
  await until(c, 'WaitForFirstConsumer event', () => events('WaitForFirstConsumer').length === 1);
  assert.equal(claim('data')?.status?.phase, 'Pending');
  c.registry.create(
    resources.pods,
    'app',
    {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'm', image: 'm:1' }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
      },
    },
    { manager: 'test' },
  );
  await until(c, 'claim bound and pod on the selected node', () => {
    const pod = c.store.get(resources.pods, 'app', 'p') as Obj;
    return (
      claim('data')?.status?.phase === 'Bound' &&
      pod.spec.nodeName === claim('data')?.metadata.annotations?.['volume.kubernetes.io/selected-node']
    );
  });
});

test('deleting a claim releases a Retain volume and deletes a Delete volume', async () => {
  const { c, claim, pv, newClaim } = setup();
  standardClass(c, 'keep', { metadata: { name: 'keep' }, reclaimPolicy: 'Retain' });
  standardClass(c, 'drop', { metadata: { name: 'drop' }, reclaimPolicy: 'Delete' });
  newClaim('kept', { storageClassName: 'keep' });
  newClaim('dropped', { storageClassName: 'drop' });
  await until(
    c,
    'both bound',
    () => claim('kept')?.status?.phase === 'Bound' && claim('dropped')?.status?.phase === 'Bound',
  );
  const keptVol = String(claim('kept')?.spec.volumeName);
  const droppedVol = String(claim('dropped')?.spec.volumeName);
  c.registry.delete(resources.persistentvolumeclaims, 'app', 'kept');
  c.registry.delete(resources.persistentvolumeclaims, 'app', 'dropped');
  await until(c, 'Released and deleted', () => pv(keptVol)?.status?.phase === 'Released' && !pv(droppedVol));
});

test('a pre-created Available volume is bound to a matching claim instead of provisioning', async () => {
  const { c, claim, newClaim } = setup();
  c.registry.create(
    resources.persistentvolumes,
    undefined,
    {
      metadata: { name: 'manual-1' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        hostPath: { path: '/data' },
      },
    },
    { manager: 'test' },
  );
  await until(
    c,
    'volume Available',
    () => (c.store.get(resources.persistentvolumes, undefined, 'manual-1') as Obj).status?.phase === 'Available',
  );
  newClaim('data', { storageClassName: '' });
  await until(
    c,
    'bound to manual-1',
    () => claim('data')?.spec.volumeName === 'manual-1' && claim('data')?.status?.phase === 'Bound',
  );
});
