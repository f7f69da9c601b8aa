/** The kinds Ordinal watches: one informer each (per namespace under ORDINAL_NAMESPACES). */
export interface KindSpec {
  kind: string;
  apiVersion: string;
  plural: string;
  namespaced: boolean;
  /**
   * Listed once the rest are in, and readiness does not wait for it: Events, the largest list of
   * a busy cluster (nine in ten of the objects at 20k pods), explain what the graph shows but draw
   * none of it — listed alongside, they would hold the drawing back.
   */
  listedAfterGraph?: true;
}

export const WATCHED_KINDS = {
  StatefulSet: { kind: 'StatefulSet', apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true },
  Pod: { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true },
  PersistentVolumeClaim: {
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
    plural: 'persistentvolumeclaims',
    namespaced: true,
  },
  PersistentVolume: { kind: 'PersistentVolume', apiVersion: 'v1', plural: 'persistentvolumes', namespaced: false },
  StorageClass: { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', plural: 'storageclasses', namespaced: false },
  ConfigMap: { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', namespaced: true },
  Secret: { kind: 'Secret', apiVersion: 'v1', plural: 'secrets', namespaced: true },
  Service: { kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true },
  EndpointSlice: {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    plural: 'endpointslices',
    namespaced: true,
  },
  ControllerRevision: {
    kind: 'ControllerRevision',
    apiVersion: 'apps/v1',
    plural: 'controllerrevisions',
    namespaced: true,
  },
  Event: { kind: 'Event', apiVersion: 'v1', plural: 'events', namespaced: true, listedAfterGraph: true },
} as const satisfies Record<string, KindSpec>;

export type WatchedKind = keyof typeof WATCHED_KINDS;

/**
 * Reads beyond the watches, each a `get` of a subresource: the deploy ClusterRole grants exactly
 * WATCHED_KINDS (get, list, watch) and these (get), nothing else (test/integration/deploy.test.ts).
 */
export const READ_SUBRESOURCES = [
  { group: '', resource: 'pods/log', why: "a pod's container logs, on the pod page" },
] as const;

export const WATCHED_KIND_NAMES = Object.keys(WATCHED_KINDS) as WatchedKind[];

/** Whether a kind is listed after the graph's kinds, readiness not waiting for it (KindSpec.listedAfterGraph). */
export function listedAfterGraph(kind: WatchedKind): boolean {
  const spec: KindSpec = WATCHED_KINDS[kind];
  return spec.listedAfterGraph === true;
}

export function isWatchedKind(kind: string): kind is WatchedKind {
  return Object.hasOwn(WATCHED_KINDS, kind);
}

/** The kind's API group as RBAC names it: `apps` for apps/v1, `` for the core v1. */
export function apiGroup(spec: Pick<KindSpec, 'apiVersion'>): string {
  return spec.apiVersion.includes('/') ? spec.apiVersion.split('/')[0] : '';
}

/** The collection path, e.g. /apis/apps/v1/namespaces/db/statefulsets or /api/v1/persistentvolumes. */
export function collectionPath(spec: KindSpec, namespace?: string): string {
  const prefix = spec.apiVersion.includes('/') ? `/apis/${spec.apiVersion}` : `/api/${spec.apiVersion}`;
  return spec.namespaced && namespace
    ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${spec.plural}`
    : `${prefix}/${spec.plural}`;
}
