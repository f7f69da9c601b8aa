import type { JsonObject } from '../model/types';

/**
 * The apiserver's bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), the part
 * a client meets: cluster-admin for system:masters, discovery and the public health and version
 * paths for everyone signed in, and the self access reviews `kubectl auth can-i` sends.
 */
const RBAC = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTO = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function clusterRole(name: string, rules: JsonObject[]): JsonObject {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels: BOOTSTRAP, annotations: AUTO }, rules };
}

function clusterRoleBinding(name: string, groups: string[]): JsonObject {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: BOOTSTRAP, annotations: AUTO },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  };
}

const HEALTH = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

export const BOOTSTRAP_POLICY: JsonObject[] = [
  clusterRole('cluster-admin', [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]),
  clusterRole('system:discovery', [
    { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*', ...HEALTH], verbs: ['get'] },
  ]),
  clusterRole('system:public-info-viewer', [{ nonResourceURLs: HEALTH, verbs: ['get'] }]),
  clusterRole('system:basic-user', [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]),
  clusterRoleBinding('cluster-admin', ['system:masters']),
  clusterRoleBinding('system:discovery', ['system:authenticated']),
  clusterRoleBinding('system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
  clusterRoleBinding('system:basic-user', ['system:authenticated']),
];
