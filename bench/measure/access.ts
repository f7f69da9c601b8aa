import { spawn } from 'node:child_process';
import { apiGroup, WATCHED_KINDS } from '../../server/kube/kinds';
import type { SimProcess } from './procs';

/**
 * Per-viewer access under load: `users` users, each bound by a RoleBinding to a Role reading
 * every watched namespaced kind but Secrets in one namespace (user-u → namespace u mod n), as
 * a team's `view` bindings would be. Reviews are counted in the sim's request log.
 */
export const userName = (u: number) => `user-${String(u).padStart(2, '0')}`;

/** The Roles and RoleBindings, one `kubectl apply` of a List. */
export async function grantUsers(kubeconfig: string, users: number, namespaces: string[]): Promise<void> {
  const resources = Object.values(WATCHED_KINDS).filter((k) => k.namespaced && k.kind !== 'Secret');
  const groups = [...new Set(resources.map(apiGroup))];
  const rules = groups.map((g) => ({
    apiGroups: [g],
    resources: resources.filter((k) => apiGroup(k) === g).map((k) => k.plural),
    verbs: ['get', 'list', 'watch'],
  }));
  const items: unknown[] = namespaces.map((ns) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'bench-reader', namespace: ns },
    rules,
  }));
  for (let u = 0; u < users; u++) {
    const ns = namespaces[u % namespaces.length];
    items.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `bench-${userName(u)}`, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'bench-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: userName(u) }],
    });
  }
  await new Promise<void>((resolve, reject) => {
    const p = spawn('kubectl', ['apply', '-f', '-'], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kubectl apply: ${err}`))));
    p.stdin.end(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  });
}

/** SubjectAccessReviews the sim has answered since `since` (ISO). */
export async function reviewsSince(sim: SimProcess, since: string): Promise<number> {
  const log = (await sim.api('GET', '/sim/v1/requests')) as Array<{ time: string; path: string }>;
  return log.filter((r) => r.time >= since && r.path.endsWith('/subjectaccessreviews')).length;
}

/** The most reviews one identity's scope can take per TTL: every kind cluster-wide, then per namespace, two verbs each. */
export function reviewBound(users: number, namespaces: number): number {
  return users * Object.keys(WATCHED_KINDS).length * 2 * (1 + namespaces);
}
