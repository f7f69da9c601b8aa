import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allows,
  appliesTo,
  forbiddenMessage,
  ruleAllows,
  serviceAccountIdentity,
  serviceAccountOf,
  type Attributes,
  type Binding,
  type Policy,
  type Role,
} from './rbac';

const get = (resource: string, extra: Partial<Extract<Attributes, { resourceRequest: true }>> = {}): Attributes => ({
  resourceRequest: true,
  verb: 'get',
  apiGroup: '',
  resource,
  ...extra,
});

test('a rule matches verb, group, resource and subresource, names — as the apiserver evaluates them', () => {
  const pods = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };
  assert.equal(ruleAllows(pods, get('pods')), true);
  assert.equal(ruleAllows(pods, get('pods', { verb: 'delete' })), false);
  assert.equal(ruleAllows(pods, get('pods', { apiGroup: 'apps' })), false);
  assert.equal(ruleAllows(pods, get('pods', { subresource: 'log' })), false, 'pods does not grant pods/log');
  assert.equal(ruleAllows({ ...pods, resources: ['pods/log'] }, get('pods', { subresource: 'log' })), true);
  assert.equal(ruleAllows({ ...pods, resources: ['*/scale'] }, get('statefulsets', { subresource: 'scale' })), true);
  assert.equal(ruleAllows({ ...pods, resources: ['*/scale'] }, get('statefulsets')), false);
  assert.equal(ruleAllows({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, get('anything', { verb: 'x' })), true);
  const named = { ...pods, resourceNames: ['a'] };
  assert.equal(ruleAllows(named, get('pods', { name: 'a' })), true);
  assert.equal(ruleAllows(named, get('pods', { name: 'b' })), false);
  assert.equal(
    ruleAllows(named, get('pods', { verb: 'list' })),
    false,
    'a list names nothing: resourceNames never match it',
  );
});

test('non-resource URLs: exact, or a prefix ending in *', () => {
  const rule = { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] };
  const path = (p: string): Attributes => ({ resourceRequest: false, verb: 'get', path: p });
  assert.equal(ruleAllows(rule, path('/healthz')), true);
  assert.equal(ruleAllows(rule, path('/healthz/etcd')), false);
  assert.equal(ruleAllows(rule, path('/apis/apps/v1')), true);
  assert.equal(ruleAllows(rule, path('/metrics')), false);
  assert.equal(ruleAllows({ verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, path('/healthz')), false);
});

test('subjects: users by name, groups, service accounts (their namespace defaults to the binding’s)', () => {
  const alice = { name: 'alice', groups: ['devs', 'system:authenticated'] };
  const sa = serviceAccountIdentity('ordinal', 'dashboard');
  assert.equal(appliesTo({ kind: 'User', name: 'alice' }, alice), true);
  assert.equal(appliesTo({ kind: 'Group', name: 'devs' }, alice), true);
  assert.equal(appliesTo({ kind: 'Group', name: 'ops' }, alice), false);
  assert.equal(appliesTo({ kind: 'ServiceAccount', name: 'dashboard', namespace: 'ordinal' }, sa), true);
  assert.equal(appliesTo({ kind: 'ServiceAccount', name: 'dashboard' }, sa, 'ordinal'), true);
  assert.equal(appliesTo({ kind: 'ServiceAccount', name: 'dashboard' }, sa, 'other'), false);
  assert.equal(appliesTo({ kind: 'User', name: 'system:serviceaccount:ordinal:dashboard' }, sa), true);
  assert.deepEqual(serviceAccountOf(sa.name), { namespace: 'ordinal', name: 'dashboard' });
  assert.equal(serviceAccountOf('alice'), undefined);
});

function policy(roles: Role[], clusterRoles: Role[], rbs: Binding[], crbs: Binding[]): Policy {
  return {
    clusterRoleBindings: () => crbs,
    roleBindings: (ns) => rbs.filter((b) => b.metadata.namespace === ns),
    clusterRole: (name) => clusterRoles.find((r) => r.metadata.name === name),
    role: (ns, name) => roles.find((r) => r.metadata.namespace === ns && r.metadata.name === name),
  };
}

test('bindings: a ClusterRole bound cluster-wide, or in one namespace by a RoleBinding; a Role only in its own', () => {
  const reader: Role = {
    metadata: { name: 'reader' },
    rules: [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }],
  };
  const local: Role = {
    metadata: { name: 'cm', namespace: 'a' },
    rules: [{ verbs: ['update'], apiGroups: [''], resources: ['configmaps'] }],
  };
  const p = policy(
    [local],
    [reader],
    [
      {
        metadata: { name: 'r', namespace: 'a' },
        roleRef: { kind: 'ClusterRole', name: 'reader' },
        subjects: [{ kind: 'User', name: 'bob' }],
      },
      {
        metadata: { name: 'c', namespace: 'a' },
        roleRef: { kind: 'Role', name: 'cm' },
        subjects: [{ kind: 'User', name: 'bob' }],
      },
      // A RoleBinding in b naming a's Role grants nothing: Roles are looked up in the binding's namespace.
      {
        metadata: { name: 'x', namespace: 'b' },
        roleRef: { kind: 'Role', name: 'cm' },
        subjects: [{ kind: 'User', name: 'bob' }],
      },
    ],
    [
      {
        metadata: { name: 'all' },
        roleRef: { kind: 'ClusterRole', name: 'reader' },
        subjects: [{ kind: 'Group', name: 'ops' }],
      },
    ],
  );
  const bob = { name: 'bob', groups: ['system:authenticated'] };
  const ops = { name: 'carol', groups: ['ops'] };
  assert.equal(allows(p, bob, get('pods', { verb: 'list', namespace: 'a' })), true);
  assert.equal(allows(p, bob, get('pods', { verb: 'list', namespace: 'b' })), false);
  assert.equal(allows(p, bob, get('pods', { verb: 'list' })), false, 'not at the cluster scope');
  assert.equal(allows(p, ops, get('pods', { verb: 'list' })), true);
  assert.equal(allows(p, bob, get('configmaps', { verb: 'update', namespace: 'a' })), true);
  assert.equal(allows(p, bob, get('configmaps', { verb: 'update', namespace: 'b' })), false);
  assert.equal(allows(p, { name: 'root', groups: ['system:masters'] }, get('secrets', { verb: 'delete' })), true);
});

test('a denial is worded as the apiserver words it', () => {
  const sa = serviceAccountIdentity('ordinal', 'ordinal');
  assert.equal(
    forbiddenMessage(sa, { resourceRequest: true, verb: 'list', apiGroup: 'apps', resource: 'statefulsets' }),
    'statefulsets.apps is forbidden: User "system:serviceaccount:ordinal:ordinal" cannot list resource "statefulsets" in API group "apps" at the cluster scope',
  );
  assert.equal(
    forbiddenMessage(sa, get('pods', { name: 'p', namespace: 'db', subresource: 'log' })),
    'pods "p" is forbidden: User "system:serviceaccount:ordinal:ordinal" cannot get resource "pods/log" in API group "" in the namespace "db"',
  );
  assert.equal(
    forbiddenMessage(sa, { resourceRequest: false, verb: 'get', path: '/metrics' }),
    'forbidden: User "system:serviceaccount:ordinal:ordinal" cannot get path "/metrics"',
  );
});
