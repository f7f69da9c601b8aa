/**
 * What one viewer may see of the cache, kind by kind: a namespaced kind everywhere (list and
 * watch allowed cluster-wide) or in some namespaces; a cluster-scoped kind (PersistentVolume,
 * StorageClass) or not. Computed from the authorizer's answers, so it is as fresh as its TTL.
 * A viewer who sees no kind anywhere has no access (the "no access" page, the API's 403).
 */

import { apiGroup, WATCHED_KINDS, WATCHED_KIND_NAMES, type WatchedKind } from '../kube/kinds';
import type { Authorizer, Resource, Viewer } from './authorizer';

export interface ViewerScope {
  /** Kinds seen everywhere: namespaced ones cluster-wide, and the cluster-scoped ones allowed. */
  everywhere: ReadonlySet<WatchedKind>;
  /** Namespaced kinds seen only in some namespaces. */
  inNamespace: ReadonlyMap<string, ReadonlySet<WatchedKind>>;
}

/** The resource a watched kind is, as RBAC names it. */
export function resourceOf(kind: WatchedKind): Resource {
  const spec = WATCHED_KINDS[kind];
  return { group: apiGroup(spec), resource: spec.plural };
}

export function sees(scope: ViewerScope, kind: WatchedKind, namespace?: string): boolean {
  if (scope.everywhere.has(kind)) return true;
  return namespace !== undefined && !!scope.inNamespace.get(namespace)?.has(kind);
}

export function hasAccess(scope: ViewerScope): boolean {
  return scope.everywhere.size > 0 || [...scope.inNamespace.values()].some((kinds) => kinds.size > 0);
}

/** The namespaces the viewer sees anything in (all of `namespaces` when some kind is seen cluster-wide). */
export function visibleNamespaces(scope: ViewerScope, namespaces: readonly string[]): string[] {
  const anyEverywhere = WATCHED_KIND_NAMES.some((k) => WATCHED_KINDS[k].namespaced && scope.everywhere.has(k));
  return anyEverywhere ? [...namespaces] : namespaces.filter((ns) => (scope.inNamespace.get(ns)?.size ?? 0) > 0);
}

/**
 * The viewer's scope over the cluster's namespaces: each kind asked cluster-wide first, then
 * (namespaced kinds only, when not allowed everywhere) per namespace. Reviews are the
 * authorizer's: remembered per identity, so a second tab asks nothing.
 */
export async function viewerScope(a: Authorizer, v: Viewer, namespaces: readonly string[]): Promise<ViewerScope> {
  const everywhere = new Set<WatchedKind>();
  const inNamespace = new Map<string, Set<WatchedKind>>();
  await Promise.all(
    WATCHED_KIND_NAMES.map(async (kind) => {
      const r = resourceOf(kind);
      if (await a.mayRead(v, r)) {
        everywhere.add(kind);
        return;
      }
      if (!WATCHED_KINDS[kind].namespaced) return;
      const allowed = await Promise.all(namespaces.map((ns) => a.mayRead(v, r, ns)));
      namespaces.forEach((ns, i) => {
        if (!allowed[i]) return;
        let kinds = inNamespace.get(ns);
        if (!kinds) inNamespace.set(ns, (kinds = new Set()));
        kinds.add(kind);
      });
    }),
  );
  return { everywhere, inNamespace };
}
