import type { NamespacedNodeKind } from '@/lib/wire/kinds';
import { nodeId, type EdgeKind, type GraphEdge, type GraphNode, type NodeOf } from '@/lib/wire/topology';
import type { ConfigHistory } from '../cache/confighistory';
import type { Stores } from '../cache/indexes';
import type { PersistentVolumeClaim } from '../cache/types';
import { configSources } from '../cache/consumption';
import { podDrift } from './drift';
import { isHeadless, selectedPods, slicesOf } from './endpoints';
import { ownerStatefulSet } from './pods';
import { type ClaimOwner, claimNode, classNode, configMapNode, missingClassNode, podNode, secretNode, serviceNode, sliceNode, statefulSetNode, volumeNode } from './nodes';
import { claimClassName, orphanedClaims, templateClaims } from './storage';

/**
 * The graph, built by pure stages from the stores: namespaced nodes, the cluster-scoped
 * nodes they reach, then edges from the relation table below. A namespace's graph
 * costs time in proportion to its objects and edges (index lookups, never scans of
 * pods × services).
 */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

interface Ctx {
  s: Stores;
  ns: string;
  drifted: Set<string>; // `${sourceId}|${podId}`
}

/** source id, target id, and what else the edge carries. */
type Link = [string, string, Partial<GraphEdge>?];

interface Relation {
  kind: EdgeKind;
  /** What the edge means, for the reader of this table. */
  means: string;
  edges(ctx: Ctx): Link[];
}

const id = nodeId;
const link = (source: string, target: string, extra?: Partial<GraphEdge>): Link => (extra ? [source, target, extra] : [source, target]);

/** The relation table, the one place edge kinds are defined: source → target, derived from the child side through indexes. */
export const RELATIONS: Relation[] = [
  {
    kind: 'owns',
    means: 'StatefulSet → its pods (controller ownerReference)',
    edges: ({ s, ns }) =>
      s.Pod.list(ns).flatMap((p) => {
        const sts = ownerStatefulSet(p, s);
        return sts ? [link(id('StatefulSet', ns, sts.metadata.name), id('Pod', ns, p.metadata.name))] : [];
      }),
  },
  {
    kind: 'claims',
    means: 'Pod → the claims its volumes name; StatefulSet → the claims of its volumeClaimTemplates',
    edges: ({ s, ns }) => [
      ...s.Pod.list(ns).flatMap((p) =>
        (p.spec.volumes ?? []).flatMap((v) => {
          const claim = v.persistentVolumeClaim?.claimName;
          return claim ? [link(id('Pod', ns, p.metadata.name), id('PersistentVolumeClaim', ns, claim))] : [];
        }),
      ),
      ...s.StatefulSet.list(ns).flatMap((st) =>
        [...templateClaims(st, s).values()].flat().map((c) => link(id('StatefulSet', ns, st.metadata.name), id('PersistentVolumeClaim', ns, c.metadata.name))),
      ),
    ],
  },
  {
    kind: 'binds',
    means: 'claim → the volume it is bound to',
    edges: ({ s, ns }) => s.PersistentVolumeClaim.list(ns).filter((c) => c.spec?.volumeName).map((c) => [id('PersistentVolumeClaim', ns, c.metadata.name), id('PersistentVolume', undefined, String(c.spec.volumeName))]),
  },
  {
    kind: 'provisions',
    means: 'StorageClass → its volumes, and → claims still waiting for it',
    edges: ({ s, ns }) => [
      ...s.PersistentVolumeClaim.list(ns).flatMap((c) => {
        const out: Array<[string, string]> = [];
        const pv = c.spec?.volumeName ? s.PersistentVolume.get(undefined, c.spec.volumeName) : undefined;
        if (pv?.spec?.storageClassName) out.push([id('StorageClass', undefined, pv.spec.storageClassName), id('PersistentVolume', undefined, pv.metadata.name)]);
        const cls = claimClassName(c, s);
        if ((c.status?.phase ?? 'Pending') === 'Pending' && cls) out.push([id('StorageClass', undefined, cls), id('PersistentVolumeClaim', ns, c.metadata.name)]);
        return out;
      }),
    ],
  },
  {
    kind: 'mounts',
    means: 'ConfigMap/Secret → pods consuming it (env, envFrom, volume, subPath, projected); drift when the pod runs an older version',
    edges: ({ s, ns, drifted }) =>
      s.Pod.list(ns).flatMap((p) =>
        configSources(p).map((src) => {
          // A source is already its node's id (`ConfigMap/ns/name`, `Secret/ns/name`).
          const pod = id('Pod', ns, p.metadata.name);
          return link(src, pod, drifted.has(`${src}|${pod}`) ? { drift: true } : undefined);
        }),
      ),
  },
  {
    kind: 'selects',
    means: 'Service → pods its selector matches',
    edges: ({ s, ns }) =>
      s.Service.list(ns).flatMap((svc) => selectedPods(svc, s).map((p) => link(id('Service', ns, svc.metadata.name), id('Pod', ns, p.metadata.name)))),
  },
  {
    kind: 'serves',
    means: 'Service → its EndpointSlices',
    edges: ({ s, ns }) =>
      s.Service.list(ns).flatMap((svc) => slicesOf(svc, s).map((sl) => link(id('Service', ns, svc.metadata.name), id('EndpointSlice', ns, sl.metadata.name)))),
  },
  {
    kind: 'endpoint',
    means: 'EndpointSlice → the pods its endpoints target',
    edges: ({ s, ns }) =>
      s.EndpointSlice.list(ns).flatMap((sl) =>
        (sl.endpoints ?? []).flatMap((e) => {
          const pod = e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined;
          return pod ? [link(id('EndpointSlice', ns, sl.metadata.name), id('Pod', e.targetRef?.namespace ?? ns, pod))] : [];
        }),
      ),
  },
  {
    kind: 'governs',
    means: 'headless Service → the StatefulSets naming it as serviceName',
    edges: ({ s, ns }) =>
      s.Service.list(ns)
        .filter(isHeadless)
        .flatMap((svc) => s.StatefulSet.byIndex('service', `${ns}/${svc.metadata.name}`).map((st) => link(id('Service', ns, svc.metadata.name), id('StatefulSet', ns, st.metadata.name)))),
  },
];

interface DriftSet {
  set: Set<string>;
  perSource: Map<string, number>;
  perPod: Map<string, number>;
}

function driftSet(s: Stores, ns: string, history?: ConfigHistory): DriftSet {
  const set = new Set<string>();
  const perSource = new Map<string, number>();
  const perPod = new Map<string, number>();
  for (const p of s.Pod.list(ns)) {
    for (const d of podDrift(p, s, history)) {
      const key = `${d.source}|${id('Pod', ns, p.metadata.name)}`;
      if (set.has(key)) continue;
      set.add(key);
      perSource.set(d.source, (perSource.get(d.source) ?? 0) + 1);
      perPod.set(p.metadata.name, (perPod.get(p.metadata.name) ?? 0) + 1);
    }
  }
  return { set, perSource, perPod };
}

function claimOwners(s: Stores, ns: string): Map<string, ClaimOwner> {
  const out = new Map<string, ClaimOwner>();
  for (const st of s.StatefulSet.list(ns)) {
    const policy = st.spec.persistentVolumeClaimRetentionPolicy;
    const base = { statefulSet: st.metadata.name, whenScaled: policy?.whenScaled ?? 'Retain', whenDeleted: policy?.whenDeleted ?? 'Retain' };
    const byOrdinal = templateClaims(st, s);
    for (const c of [...byOrdinal.values()].flat()) out.set(c.metadata.name, { ...base, orphan: false });
    for (const c of orphanedClaims(st, byOrdinal)) out.set(c.metadata.name, { ...base, orphan: true });
  }
  return out;
}

interface NodeCtx {
  s: Stores;
  ns: string;
  now: number;
  /** Pods running an older version, per config source id. */
  stalePods: Map<string, number>;
  /** Sources a pod runs an older version of, per pod name. */
  staleSources: Map<string, number>;
  owners: Map<string, ClaimOwner>;
}

/**
 * How a namespace's objects become nodes: one row per namespaced drawn kind (NODE_KINDS in
 * lib/wire/kinds.ts; the compiler asks for a row when it gains one). Cluster-scoped kinds
 * are drawn where a namespace's claims reach them (reachedClusterNodes) and in clusterGraph.
 */
const NAMESPACED_NODES: { [K in NamespacedNodeKind]: (c: NodeCtx) => NodeOf<K>[] } = {
  StatefulSet: ({ s, ns, now }) => s.StatefulSet.list(ns).map((st) => statefulSetNode(st, s, now)),
  Pod: ({ s, ns, now, staleSources }) => s.Pod.list(ns).map((p) => podNode(p, s, now, staleSources.get(p.metadata.name))),
  PersistentVolumeClaim: ({ s, ns, now, owners }) =>
    s.PersistentVolumeClaim.list(ns).map((c) => claimNode(c, s, now, owners.get(c.metadata.name))),
  ConfigMap: ({ s, ns, stalePods }) =>
    s.ConfigMap.list(ns).map((cm) => configMapNode(cm, stalePods.get(id('ConfigMap', ns, cm.metadata.name)) ?? 0)),
  Secret: ({ s, ns, stalePods }) =>
    s.Secret.list(ns).map((sec) => secretNode(sec, stalePods.get(id('Secret', ns, sec.metadata.name)) ?? 0)),
  Service: ({ s, ns, now }) => s.Service.list(ns).map((svc) => serviceNode(svc, s, now)),
  EndpointSlice: ({ s, ns, now }) => s.EndpointSlice.list(ns).map((sl) => sliceNode(sl, s, now)),
};

/** Nodes and edges of one namespace, plus the volumes and classes its claims reach. */
export function namespaceGraph(s: Stores, ns: string, now: number, history?: ConfigHistory): Graph {
  const drift = driftSet(s, ns, history);
  const ctx: NodeCtx = { s, ns, now, stalePods: drift.perSource, staleSources: drift.perPod, owners: claimOwners(s, ns) };
  const nodes: GraphNode[] = [];
  for (const build of Object.values(NAMESPACED_NODES)) nodes.push(...build(ctx));
  nodes.push(...reachedClusterNodes(s, s.PersistentVolumeClaim.list(ns)));
  const known = new Set(nodes.map((n) => n.id));
  const edges: GraphEdge[] = [];
  const relCtx: Ctx = { s, ns, drifted: drift.set };
  for (const rel of RELATIONS) {
    for (const [source, target, extra] of rel.edges(relCtx)) {
      if (!known.has(source) || !known.has(target)) continue;
      edges.push({ id: `${rel.kind}:${source}->${target}`, source, target, kind: rel.kind, ...(extra ?? {}) });
    }
  }
  return { nodes, edges: dedupe(edges) };
}

/** Volumes bound to these claims and the classes they name (drawn as missing when they do not exist). */
function reachedClusterNodes(s: Stores, claims: PersistentVolumeClaim[]): GraphNode[] {
  const out = new Map<string, GraphNode>();
  for (const c of claims) {
    const pv = c.spec?.volumeName ? s.PersistentVolume.get(undefined, c.spec.volumeName) : undefined;
    if (pv) out.set(id('PersistentVolume', undefined, pv.metadata.name), volumeNode(pv));
    for (const cls of [pv?.spec?.storageClassName, (c.status?.phase ?? 'Pending') === 'Pending' ? claimClassName(c, s) : undefined]) {
      // A class the viewer may not list is neither drawn nor drawn as missing.
      if (!cls || s.StorageClass.hidden()) continue;
      const sc = s.StorageClass.get(undefined, cls);
      out.set(id('StorageClass', undefined, cls), sc ? classNode(sc) : missingClassNode(cls));
    }
  }
  return [...out.values()];
}

/** Every volume and class, with class → volume edges: the cluster-scoped part of the cluster view. */
export function clusterGraph(s: Stores): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const pv of s.PersistentVolume.list()) {
    const pvId = id('PersistentVolume', undefined, pv.metadata.name);
    nodes.push(volumeNode(pv));
    const cls = pv.spec?.storageClassName;
    if (cls && s.StorageClass.get(undefined, cls)) {
      const scId = id('StorageClass', undefined, cls);
      edges.push({ id: `provisions:${scId}->${pvId}`, source: scId, target: pvId, kind: 'provisions' });
    }
  }
  for (const sc of s.StorageClass.list()) nodes.push(classNode(sc));
  return { nodes, edges };
}

export function namespacesOf(s: Stores): string[] {
  const set = new Set<string>();
  for (const store of Object.values(s)) for (const ns of store.namespaces()) if (ns) set.add(ns);
  return [...set].sort();
}

/** The whole cluster, or one namespace: namespace graphs merged, shared nodes once. */
export function buildGraph(s: Stores, scope: { namespace?: string }, now: number, history?: ConfigHistory): Graph {
  const parts = (scope.namespace ? [scope.namespace] : namespacesOf(s)).map((ns) => namespaceGraph(s, ns, now, history));
  return mergeGraphs(scope.namespace ? parts : [...parts, clusterGraph(s)]);
}

export function mergeGraphs(parts: Graph[]): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const g of parts) {
    for (const n of g.nodes) nodes.set(n.id, n);
    for (const e of g.edges) edges.set(e.id, e);
  }
  for (const [k, e] of edges) if (!nodes.has(e.source) || !nodes.has(e.target)) edges.delete(k);
  return { nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)), edges: [...edges.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  return [...new Map(edges.map((e) => [e.id, e])).values()];
}

