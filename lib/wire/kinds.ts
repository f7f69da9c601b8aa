/**
 * The kinds drawn as graph nodes, one row each: the graph column it sits in, the
 * abbreviation on the node, whether it is cluster-scoped (ids `Kind/name`), and the view
 * that shows it best. The node kind type, the kind filter's order, the layout's layers,
 * the labels and the links all derive from this table; the server's watched kinds are
 * in server/kube/kinds.ts. Row order is the filter's order.
 */

export type KindView = 'statefulsets' | 'services' | 'storage' | 'drift' | 'pods' | 'topology';

interface NodeKindSpec {
  layer: number;
  abbr: string;
  clusterScoped: boolean;
  view: KindView;
  /** The resource as kubectl takes it (`kubectl get <resource>`). */
  resource: string;
}

export const NODE_KINDS = {
  Service: { layer: 0, abbr: 'SVC', clusterScoped: false, view: 'services', resource: 'service' },
  EndpointSlice: { layer: 1, abbr: 'EPS', clusterScoped: false, view: 'topology', resource: 'endpointslice' },
  StatefulSet: { layer: 1, abbr: 'STS', clusterScoped: false, view: 'statefulsets', resource: 'statefulset' },
  Pod: { layer: 2, abbr: 'POD', clusterScoped: false, view: 'pods', resource: 'pod' },
  ConfigMap: { layer: 3, abbr: 'CM', clusterScoped: false, view: 'drift', resource: 'configmap' },
  Secret: { layer: 3, abbr: 'SEC', clusterScoped: false, view: 'drift', resource: 'secret' },
  PersistentVolumeClaim: { layer: 3, abbr: 'PVC', clusterScoped: false, view: 'storage', resource: 'pvc' },
  PersistentVolume: { layer: 4, abbr: 'PV', clusterScoped: true, view: 'storage', resource: 'pv' },
  StorageClass: { layer: 5, abbr: 'SC', clusterScoped: true, view: 'storage', resource: 'storageclass' },
} as const satisfies Record<string, NodeKindSpec>;

export type NodeKind = keyof typeof NODE_KINDS;

export const NODE_KIND_LIST = Object.keys(NODE_KINDS) as NodeKind[];

/** The drawn kinds that live in a namespace (a namespace's graph builds one row each). */
export type NamespacedNodeKind = {
  [K in NodeKind]: (typeof NODE_KINDS)[K]['clusterScoped'] extends true ? never : K;
}[NodeKind];

/** The number of graph columns. */
export const LAYERS = Math.max(...NODE_KIND_LIST.map((k) => NODE_KINDS[k].layer)) + 1;

export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(NODE_KINDS, kind);
}

/** A node's identity as data: what its id (`Kind/namespace/name`, `Kind/name` when cluster-scoped) encodes. */
export interface NodeRef {
  kind: NodeKind;
  namespace?: string;
  name: string;
}

export function refId(r: NodeRef): string {
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

/** The reference an id encodes, or undefined for anything that is not a node id of a known kind and scope. */
export function parseNodeId(id: string | null | undefined): NodeRef | undefined {
  const [kind, ...rest] = (id ?? '').split('/');
  if (!isNodeKind(kind) || rest.some((p) => !p)) return undefined;
  if (NODE_KINDS[kind].clusterScoped) return rest.length === 1 ? { kind, name: rest[0] } : undefined;
  return rest.length === 2 ? { kind, namespace: rest[0], name: rest[1] } : undefined;
}
