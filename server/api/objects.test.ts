import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from '../cache/normalize';
import type { KObject } from '../cache/types';
import { HttpError } from '../kube/transport';
import { wholeOf } from './objects';

const cached = normalize('Pod', 'v1', {
  metadata: { name: 'db-0', namespace: 'data', uid: 'u1', resourceVersion: '4' },
});
const served = {
  metadata: { name: 'db-0', namespace: 'data', uid: 'u1', resourceVersion: '5', managedFields: [{ manager: 'x' }] },
  spec: { dnsPolicy: 'ClusterFirst' },
};

type Kube = NonNullable<Parameters<typeof wholeOf>[0]>;
const kube = (getJson: Kube['getJson']): Kube => ({ getJson, getText: () => Promise.reject(new Error('unused')) });

test('the details read the object whole with a get of its own path, normalized as the cache would', async () => {
  const asked: string[] = [];
  const read = await wholeOf(
    kube(async (path) => (asked.push(path), served)),
    'Pod',
    cached,
  );
  assert.deepEqual(asked, ['/api/v1/namespaces/data/pods/db-0']);
  assert.ok('whole' in read);
  const whole = read.whole as KObject & { spec: { dnsPolicy: string } };
  assert.equal(whole.spec.dnsPolicy, 'ClusterFirst');
  assert.equal('managedFields' in whole.metadata, false);
  const pv = normalize('PersistentVolume', 'v1', { metadata: { name: 'pv 1', uid: 'v' } });
  await wholeOf(
    kube(async (path) => (asked.push(path), { metadata: { name: 'pv 1', uid: 'v' } })),
    'PersistentVolume',
    pv,
  );
  assert.equal(asked[1], '/api/v1/persistentvolumes/pv%201', 'cluster-scoped, the name escaped');
});

test('when the get fails or finds another object, the cached facts stand and the reason is given', async () => {
  const forbidden = await wholeOf(
    kube(() => Promise.reject(new HttpError(403, 'Forbidden', '403 Forbidden: pods "db-0" is forbidden'))),
    'Pod',
    cached,
  );
  assert.deepEqual(forbidden, { partial: '403 Forbidden: pods "db-0" is forbidden' });
  const replaced = await wholeOf(
    kube(async () => ({ ...served, metadata: { ...served.metadata, uid: 'u2' } })),
    'Pod',
    cached,
  );
  assert.deepEqual(replaced, { partial: 'the API server holds a newer object of this name' });
  const slow = await wholeOf(
    kube(
      (_p, _q, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    ),
    'Pod',
    cached,
    20,
  );
  assert.deepEqual(slow, { partial: 'the API server did not answer in time' });
  assert.deepEqual(await wholeOf(undefined, 'Pod', cached), { partial: 'no API server to read it from' });
});
