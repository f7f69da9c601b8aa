import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceByName } from '../model/resources';
import type { KubeObject } from '../model/types';
import { Store } from './store';

const pods = resourceByName('pods');
const cms = resourceByName('configmaps');
const obj = (name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...extra },
});

test('resourceVersions increase across every resource, like etcd revisions', () => {
  const s = new Store({ initialRv: 100 });
  const a = s.put(pods, obj('a'));
  const b = s.put(cms, { ...obj('b'), kind: 'ConfigMap' });
  const a2 = s.put(pods, { ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
  assert.deepEqual(
    [a, b, a2].map((o) => Number(o.metadata.resourceVersion)),
    [101, 102, 103],
  );
  assert.equal(s.resourceVersion, 103);
});

test('stored objects are frozen: writers must replace them', () => {
  const s = new Store();
  const a = s.put(pods, obj('a', { labels: { x: 'y' } }));
  assert.throws(() => {
    (a.metadata.labels as Record<string, string>).x = 'z';
  }, TypeError);
});

test('history replays events after a version, per resource, and expires on compaction', () => {
  const s = new Store({ initialRv: 10 });
  s.put(pods, obj('a'));
  const mark = s.resourceVersion;
  s.put(cms, { ...obj('c'), kind: 'ConfigMap' });
  s.put(pods, obj('b'));
  s.remove(pods, 'default', 'a');
  const since = s.history.since(mark, pods);
  assert.deepEqual(
    since?.map((e) => `${e.type} ${e.object.metadata.name}`),
    ['ADDED b', 'DELETED a'],
  );
  s.compact();
  assert.equal(s.history.since(mark, pods), undefined, 'a version before the compaction is too old');
  assert.deepEqual(s.history.since(s.resourceVersion, pods), []);
});

test('a full history window moves its floor: the oldest versions expire', () => {
  const s = new Store({ historyCapacity: 3, initialRv: 0 });
  for (const n of ['a', 'b', 'c', 'd', 'e']) s.put(pods, obj(n));
  assert.equal(s.history.since(1, pods), undefined);
  assert.deepEqual(
    s.history.since(2, pods)?.map((e) => e.object.metadata.name),
    ['c', 'd', 'e'],
  );
});

test('dependents are found through the owner-uid index and follow ownerReference edits', () => {
  const s = new Store();
  const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u-1' };
  s.put(pods, obj('db-0', { ownerReferences: [owner] }));
  s.put(pods, obj('db-1', { ownerReferences: [owner] }));
  assert.deepEqual(
    s
      .dependents('u-1', resourceByName)
      .map((d) => d.object.metadata.name)
      .sort(),
    ['db-0', 'db-1'],
  );
  s.put(pods, obj('db-1'));
  s.remove(pods, 'default', 'db-0');
  assert.deepEqual(s.dependents('u-1', resourceByName), []);
});

test("ownedBy finds one resource's objects of an owner in key order, as a controller's owner index does", () => {
  const s = new Store();
  const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u-1' };
  s.put(pods, obj('db-1', { ownerReferences: [owner] }));
  s.put(pods, obj('db-0', { ownerReferences: [owner] }));
  s.put(pods, obj('web-0', { ownerReferences: [{ ...owner, uid: 'u-2' }] }));
  s.put(cms, { ...obj('db-config', { ownerReferences: [owner] }), kind: 'ConfigMap' });
  assert.deepEqual(
    s.ownedBy(pods, 'u-1').map((o) => o.metadata.name),
    ['db-0', 'db-1'],
  );
  assert.deepEqual(
    s.ownedBy(cms, 'u-1').map((o) => o.metadata.name),
    ['db-config'],
  );
  assert.deepEqual(s.ownedBy(pods, undefined), []);
});

test('list is sorted by namespace/name and filters by namespace', () => {
  const s = new Store();
  s.put(pods, obj('b'));
  s.put(pods, obj('a', { namespace: 'z' }));
  s.put(pods, obj('a'));
  assert.deepEqual(
    s.list(pods).map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ['default/a', 'default/b', 'z/a'],
  );
  assert.deepEqual(
    s.list(pods, 'z').map((o) => o.metadata.name),
    ['a'],
  );
});

test("selectedBy finds a namespace's objects carrying every label of a selector, in key order, through relabels and deletes", () => {
  const s = new Store();
  const names = (ns: string, sel: Record<string, string>) => s.selectedBy(pods, ns, sel).map((o) => o.metadata.name);
  s.put(pods, obj('db-1', { labels: { app: 'db', tier: 'data' } }));
  s.put(pods, obj('db-0', { labels: { app: 'db', tier: 'data' } }));
  s.put(pods, obj('web-0', { labels: { app: 'web', tier: 'data' } }));
  s.put(pods, obj('db-0', { namespace: 'other', labels: { app: 'db', tier: 'data' } }));
  assert.deepEqual(names('default', { app: 'db', tier: 'data' }), ['db-0', 'db-1']);
  assert.deepEqual(names('default', { tier: 'data' }), ['db-0', 'db-1', 'web-0']);
  assert.deepEqual(names('other', { app: 'db' }), ['db-0'], 'one namespace only');
  s.put(pods, obj('db-1', { labels: { app: 'web', tier: 'data' } }));
  assert.deepEqual(names('default', { app: 'db' }), ['db-0'], 'relabelled out');
  assert.deepEqual(names('default', { app: 'web' }), ['db-1', 'web-0'], 'relabelled in');
  s.remove(pods, 'default', 'db-0');
  assert.deepEqual(names('default', { app: 'db' }), []);
  assert.deepEqual(names('default', { app: 'db', missing: 'x' }), []);
});
