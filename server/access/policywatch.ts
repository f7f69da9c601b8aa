import type { SyncState } from '@/lib/wire/topology';
import type { KindSpec } from '../kube/kinds';
import { Reflector, type ReflectorTransport } from '../kube/reflector';

export const POLICY_KINDS: readonly KindSpec[] = [
  { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'roles', namespaced: true },
  { kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'rolebindings', namespaced: true },
  { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', plural: 'clusterroles', namespaced: false },
  {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
];

/**
 * The cluster's RBAC, watched only to know when it changed: any Role, ClusterRole, RoleBinding
 * or ClusterRoleBinding added, changed or removed — and every (re)list, which may have missed
 * some — calls `changed`, so the authorizer forgets its answers and a revoked binding takes
 * effect within a watch event, not a TTL. Nothing of the objects is kept. A 403 here (no read of
 * RBAC) leaves the TTL as the only bound, and `state` says so.
 */
export class PolicyWatch {
  private readonly reflectors: Reflector<null>[];
  private readonly states = new Map<string, SyncState>();

  constructor(transport: ReflectorTransport, changed: () => void) {
    const sink = { upsert: changed, remove: changed, replace: changed, forget: changed };
    this.reflectors = POLICY_KINDS.map(
      (spec) =>
        new Reflector<null>({
          spec,
          store: sink,
          // Only the fact of a change matters: nothing is kept.
          transform: () => null,
          transport,
          onState: (s) => this.states.set(spec.kind, s),
        }),
    );
  }

  start(): void {
    for (const r of this.reflectors) r.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.reflectors.map((r) => r.stop()));
  }

  /** Per RBAC kind: synced, forbidden (the TTL alone bounds staleness), or failing. */
  state(): Record<string, SyncState> {
    return Object.fromEntries(this.states);
  }
}
