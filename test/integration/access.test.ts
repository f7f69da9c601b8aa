import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Authorizer } from '../../server/access/authorizer';
import { hasAccess, sees, viewerScope, visibleNamespaces } from '../../server/access/scope';
import { PolicyWatch } from '../../server/access/policywatch';
import { KubeTransport } from '../../server/kube/transport';
import { dashboardWrites } from '../support/readonly';
import { eventually, startTestSim, type TestSim } from './harness';

/**
 * Per-viewer access asked of the cluster itself: the dashboard's transport sends
 * SubjectAccessReviews to the sim with RBAC on, as it would to a real apiserver, and the
 * authorizer's answers follow Roles, ClusterRoles and bindings as kubectl changes them.
 */
let t: TestSim;
let authorizer: Authorizer;
const alice = { user: 'alice', groups: ['devs'] };
const bob = { user: 'bob', groups: [] };
const pods = { group: '', resource: 'pods' };
const volumes = { group: '', resource: 'persistentvolumes' };

before(async () => {
  t = await startTestSim({ rbac: true });
  const transport = new KubeTransport(t.kc);
  authorizer = new Authorizer((q) => transport.reviewAccess(q, AbortSignal.timeout(10_000)), { ttlMs: 60_000 });
  for (const ns of ['databases', 'messaging']) await t.kubectl('create', 'namespace', ns);
  await t.kubectl('create', 'role', 'reader', '-n', 'databases', '--verb=get,list,watch', '--resource=pods');
  await t.kubectl('create', 'rolebinding', 'alice-reads', '-n', 'databases', '--role=reader', '--user=alice');
});
after(() => t.close());

test('alice, bound to a Role in databases, may read pods there and nowhere else; bob may read nothing', async () => {
  assert.equal(await authorizer.mayRead(alice, pods, 'databases'), true);
  assert.equal(await authorizer.mayRead(alice, pods, 'messaging'), false);
  assert.equal(await authorizer.mayRead(alice, pods), false, 'not cluster-wide either');
  assert.equal(await authorizer.mayRead(bob, pods, 'databases'), false);
  assert.equal(await authorizer.mayRead(alice, volumes), false, 'no PersistentVolumes without a ClusterRole');
});

test("alice's scope: pods in databases only; bob's: nothing, which is no access", async () => {
  const namespaces = ['databases', 'messaging'];
  const scope = await viewerScope(authorizer, alice, namespaces);
  assert.deepEqual(
    [
      sees(scope, 'Pod', 'databases'),
      sees(scope, 'Pod', 'messaging'),
      sees(scope, 'Secret', 'databases'),
      sees(scope, 'PersistentVolume'),
    ],
    [true, false, false, false],
  );
  assert.deepEqual(visibleNamespaces(scope, namespaces), ['databases']);
  const before = authorizer.counts.reviews;
  await viewerScope(authorizer, alice, namespaces);
  assert.equal(authorizer.counts.reviews, before, 'a second tab asks the cluster nothing within the TTL');
  assert.equal(hasAccess(await viewerScope(authorizer, bob, namespaces)), false);
});

test('a ClusterRole granting PersistentVolumes, and a deleted RoleBinding, are followed once the policy is re-read', async () => {
  await t.kubectl('create', 'clusterrole', 'pv-reader', '--verb=get,list,watch', '--resource=persistentvolumes');
  await t.kubectl('create', 'clusterrolebinding', 'devs-pvs', '--clusterrole=pv-reader', '--group=devs');
  authorizer.invalidate();
  assert.equal(await authorizer.mayRead(alice, volumes), true);
  assert.equal(await authorizer.mayRead(alice, pods, 'databases'), true);
  await t.kubectl('delete', 'rolebinding', 'alice-reads', '-n', 'databases');
  assert.equal(
    await authorizer.mayRead(alice, pods, 'databases'),
    true,
    'remembered within the TTL until told the policy changed',
  );
  authorizer.invalidate();
  assert.equal(await authorizer.mayRead(alice, pods, 'databases'), false);
});

test('asking is a read of policy: the only non-read the dashboard sent is the review itself', async () => {
  assert.deepEqual(await dashboardWrites(t.simApi), []);
  const log = (await t.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; path: string; userAgent: string }>;
  const reviews = log.filter(
    (r) => r.userAgent.startsWith('ordinal-dashboard/') && r.path.endsWith('/subjectaccessreviews'),
  );
  assert.equal(
    reviews.length,
    authorizer.counts.reviews,
    'every question the cluster answered is in its request log, as a create',
  );
  assert.ok(reviews.every((r) => r.verb === 'create'));
  assert.ok(authorizer.counts.reviews > 0 && authorizer.counts.failures === 0, JSON.stringify(authorizer.counts));
});

test("deleting alice's RoleBinding removes her access live: the policy watch forgets the answers, no TTL to wait out", async () => {
  const transport = new KubeTransport(t.kc);
  const live = new Authorizer((q) => transport.reviewAccess(q, AbortSignal.timeout(10_000)), { ttlMs: 3_600_000 });
  const watch = new PolicyWatch(transport, () => live.invalidate());
  watch.start();
  try {
    await eventually(
      'the policy watch synced',
      () =>
        Object.values(watch.state()).length === 4 && Object.values(watch.state()).every((s) => s.state === 'synced'),
    );
    await t.kubectl('create', 'rolebinding', 'alice-again', '-n', 'databases', '--role=reader', '--user=alice');
    await eventually('alice may read again', () => live.mayRead(alice, pods, 'databases'));
    await t.kubectl('delete', 'rolebinding', 'alice-again', '-n', 'databases');
    await eventually('alice lost her access', async () => !(await live.mayRead(alice, pods, 'databases')));
  } finally {
    await watch.stop();
  }
});
