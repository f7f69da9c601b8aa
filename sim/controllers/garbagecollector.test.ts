import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { resources } from '../registry/lookup';
import { ns, testCluster, until } from '../testing';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function setup() {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'gc');
  const owner = c.registry.create(resources.configmaps, 'gc', { metadata: { name: 'owner' } }, { manager: 'test' });
  const ref = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: 'owner',
    uid: String(owner.metadata.uid),
    blockOwnerDeletion: true,
  };
  for (const n of ['a', 'b'])
    c.registry.create(
      resources.configmaps,
      'gc',
      { metadata: { name: n, ownerReferences: [ref] } },
      { manager: 'test' },
    );
  const names = () =>
    c.store
      .list(resources.configmaps, 'gc')
      .map((o) => o.metadata.name)
      .sort()
      .join(',');
  return { c, names };
}

test('background deletion removes the owner at once and its dependents after', async () => {
  const { c, names } = setup();
  c.registry.delete(resources.configmaps, 'gc', 'owner', { propagationPolicy: 'Background' });
  assert.equal(c.store.get(resources.configmaps, 'gc', 'owner'), undefined);
  await until(c, 'dependents gone', () => names() === '');
});

test('foreground deletion keeps the owner, marked, until its dependents are gone', async () => {
  const { c, names } = setup();
  const marked = c.registry.delete(resources.configmaps, 'gc', 'owner', { propagationPolicy: 'Foreground' });
  assert.ok(marked.metadata.deletionTimestamp);
  assert.deepEqual(marked.metadata.finalizers, ['foregroundDeletion']);
  const order: string[] = [];
  c.store.subscribe(
    (ev) => ev.type === 'DELETED' && ev.resource === resources.configmaps && order.push(ev.object.metadata.name),
  );
  await until(c, 'everything gone', () => names() === '');
  assert.equal(order[order.length - 1], 'owner', 'the owner goes last');
});

test('orphan deletion strips the owner references and keeps the dependents', async () => {
  const { c, names } = setup();
  c.registry.delete(resources.configmaps, 'gc', 'owner', { propagationPolicy: 'Orphan' });
  await until(c, 'owner gone', () => names() === 'a,b');
  assert.deepEqual(c.store.get(resources.configmaps, 'gc', 'a')?.metadata.ownerReferences, []);
});

test('deleting a namespace deletes its contents, then the namespace', async () => {
  const { c } = setup();
  const ns = c.registry.delete(resources.namespaces, undefined, 'gc');
  assert.equal((ns as { status?: { phase?: string } }).status?.phase, 'Terminating');
  assert.throws(
    () => c.registry.create(resources.configmaps, 'gc', { metadata: { name: 'late' } }),
    /being terminated/,
  );
  await until(c, 'namespace gone', () => !c.store.get(resources.namespaces, undefined, 'gc'));
  assert.equal(c.store.list(resources.configmaps, 'gc').length, 0);
});
