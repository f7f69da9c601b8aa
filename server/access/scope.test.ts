import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessQuestion } from '../kube/transport';
import { Authorizer } from './authorizer';
import { resourceOf, sees, viewerScope, visibleNamespaces } from './scope';

test('kinds are asked as RBAC names them, cluster-wide first, per namespace only when needed', async () => {
  assert.deepEqual(resourceOf('StatefulSet'), { group: 'apps', resource: 'statefulsets' });
  assert.deepEqual(resourceOf('EndpointSlice'), { group: 'discovery.k8s.io', resource: 'endpointslices' });
  assert.deepEqual(resourceOf('Pod'), { group: '', resource: 'pods' });
  const asked: AccessQuestion[] = [];
  // An auditor: everything cluster-wide but Secrets, which only in "audit".
  const a = new Authorizer(
    async (q) => {
      asked.push(q);
      return q.resource !== 'secrets' || q.namespace === 'audit';
    },
    { ttlMs: 60_000 },
  );
  const scope = await viewerScope(a, { user: 'ann', groups: ['auditors'] }, ['audit', 'shop']);
  assert.ok(sees(scope, 'Pod', 'shop') && sees(scope, 'PersistentVolume') && sees(scope, 'Secret', 'audit'));
  assert.equal(sees(scope, 'Secret', 'shop'), false);
  assert.deepEqual(visibleNamespaces(scope, ['audit', 'shop']), ['audit', 'shop']);
  const perNamespace = asked.filter((q) => q.namespace);
  assert.deepEqual(
    [...new Set(perNamespace.map((q) => q.resource))],
    ['secrets'],
    'only the kind not allowed everywhere is asked per namespace',
  );
});
