import type { NamespacedNodeKind } from '@/lib/wire/kinds';
import { byId, nodeId, type EdgeKind, type GraphEdge, type GraphNode, type NodeOf } from '@/lib/wire/topology';
import type { ConfigHistory } from '../cache/confighistory';
import { stemAndOrdinal, type Stores } from '../cache/indexes';
import type { KindTypes, PersistentVolume, PersistentVolumeClaim } from '../cache/types';
import { configSources } from '../cache/consumption';
import { driftedSources } from './drift';
import { isHeadless, selectedPods, slicesOf } from './endpoints';
import { GraphPart, type Entry } from './part';
import { aspectRead } from './reads';
import {
  type ClaimOwner,
  claimNode,
  classNode,
  configMapNode,
  missingClassNode,
  podNode,
  secretNode,
  serviceNode,
  sliceNode,
  statefulSetNode,
  volumeNode,
} from './nodes';
import { claimClassName, ordinalRange, templateClaims } from './storage';

/**
 * The graph, built object by object: each object of a drawn kind is one entry — its node and
 * the edges the relation table derives from it — and a part of the graph (a namespace, or the
 * cluster-scoped rest) is its entries (part.ts). An entry reads only what its own derivation
 * needs (index lookups, never scans of pods × services), so the engine can rebuild the entries
 * a change touches and nothing else; a from-scratch build is every entry once.
 */
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** What an object's derivation is given: the stores, its namespace, and for a pod the sources it runs older versions of. */
interface ObjCtx {
  s: Stores;
  ns: string;
  now: number;
  history?: ConfigHistory;
  /** Source ids (`ConfigMap/ns/name`) the pod runs an older version of; empty for other kinds. */
  drifted: ReadonlySet<string>;
}

/** source id, target id, and what else the edge carries. */
type Link = [string, string, Partial<GraphEdge>?];

type Derivers = { [K in NamespacedNodeKind]?: (o: KindTypes[K], c: ObjCtx) => Link[] };

interface Relation {
  kind: EdgeKind;
  /** What the edge means, for the reader of this table. */
  means: string;
  /** The kinds whose objects derive the edge, each from its own object (and indexes). */
  from: Derivers;
}

const id = nodeId;
const link = (source: string, target: string, extra?: Partial<GraphEdge>): Link =>
  extra ? [source, target, extra] : [source, target];

/** The relation table, the one place edge kinds are defined: source → target, each derived by one side's object. */
export const RELATIONS: Relation[] = [
  {
    kind: 'owns',
    means: 'StatefulSet → its pods (controller ownerReference)',
    from: {
      // From the reference alone: the edge shows while the StatefulSet is drawn (part.ts), so the
      // pod's entry does not read the StatefulSet, whose every status change would rebuild it.
      Pod: (p, { ns }) => {
        const ref = (p.metadata.ownerReferences ?? []).find((r) => r.kind === 'StatefulSet' && r.controller);
        return ref ? [link(id('StatefulSet', ns, ref.name), id('Pod', ns, p.metadata.name))] : [];
      },
    },
  },
  {
    kind: 'claims',
    means: 'Pod → the claims its volumes name; StatefulSet → the claims of its volumeClaimTemplates',
    from: {
      Pod: (p, { ns }) =>
        (p.spec.volumes ?? []).flatMap((v) => {
          const claim = v.persistentVolumeClaim?.claimName;
          return claim ? [link(id('Pod', ns, p.metadata.name), id('PersistentVolumeClaim', ns, claim))] : [];
        }),
      StatefulSet: (st, { s, ns }) =>
        [...templateClaims(st, s).values()]
          .flat()
          .map((c) => link(id('StatefulSet', ns, st.metadata.name), id('PersistentVolumeClaim', ns, c.metadata.name))),
    },
  },
  {
    kind: 'binds',
    means: 'claim → the volume it is bound to',
    from: {
      PersistentVolumeClaim: (c, { ns }) =>
        c.spec?.volumeName
          ? [
              link(
                id('PersistentVolumeClaim', ns, c.metadata.name),
                id('PersistentVolume', undefined, c.spec.volumeName),
              ),
            ]
          : [],
    },
  },
  {
    kind: 'provisions',
    means: 'StorageClass → its volumes, and → claims still waiting for it',
    from: {
      PersistentVolumeClaim: (c, { s, ns }) => {
        const out: Link[] = [];
        const pv = c.spec?.volumeName ? s.PersistentVolume.get(undefined, c.spec.volumeName) : undefined;
        if (pv?.spec?.storageClassName)
          out.push(
            link(
              id('StorageClass', undefined, pv.spec.storageClassName),
              id('PersistentVolume', undefined, pv.metadata.name),
            ),
          );
        const cls = (c.status?.phase ?? 'Pending') === 'Pending' ? claimClassName(c, s) : null;
        if (cls) out.push(link(id('StorageClass', undefined, cls), id('PersistentVolumeClaim', ns, c.metadata.name)));
        return out;
      },
    },
  },
  {
    kind: 'mounts',
    means:
      'ConfigMap/Secret → pods consuming it (env, envFrom, volume, subPath, projected); drift when the pod runs an older version',
    from: {
      Pod: (p, { ns, drifted }) =>
        // A source is already its node's id (`ConfigMap/ns/name`, `Secret/ns/name`).
        configSources(p).map((src) =>
          link(src, id('Pod', ns, p.metadata.name), drifted.has(src) ? { drift: true } : undefined),
        ),
    },
  },
  {
    kind: 'selects',
    means: 'Service → pods its selector matches',
    from: {
      Service: (svc, { s, ns }) =>
        selectedPods(svc, s).map((p) => link(id('Service', ns, svc.metadata.name), id('Pod', ns, p.metadata.name))),
    },
  },
  {
    kind: 'serves',
    means: 'Service → its EndpointSlices',
    from: {
      Service: (svc, { s, ns }) =>
        slicesOf(svc, s).map((sl) =>
          link(id('Service', ns, svc.metadata.name), id('EndpointSlice', ns, sl.metadata.name)),
        ),
    },
  },
  {
    kind: 'endpoint',
    means: 'EndpointSlice → the pods its endpoints target',
    from: {
      EndpointSlice: (sl, { ns }) =>
        (sl.endpoints ?? []).flatMap((e) => {
          const pod = e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined;
          return pod
            ? [link(id('EndpointSlice', ns, sl.metadata.name), id('Pod', e.targetRef?.namespace ?? ns, pod))]
            : [];
        }),
    },
  },
  {
    kind: 'governs',
    means: 'headless Service → the StatefulSets naming it as serviceName',
    from: {
      StatefulSet: (st, { s, ns }) => {
        const svc = st.spec?.serviceName ? s.Service.get(ns, st.spec.serviceName) : undefined;
        return svc && isHeadless(svc)
          ? [link(id('Service', ns, svc.metadata.name), id('StatefulSet', ns, st.metadata.name))]
          : [];
      },
    },
  },
];

/**
 * Pods of the namespace running an older version of a source (`ConfigMap/ns/name`). Of its
 * consumers only their drift is read: a pod turning ready or not does not rebuild the source.
 */
function stalePods(s: Stores, source: string, history?: ConfigHistory): number {
  return aspectRead('drift', () => s.Pod.byIndex('config', source)).filter((p) =>
    driftedSources(p, s, history).has(source),
  ).length;
}

/**
 * The StatefulSet a claim was made for: a template `t` of set `set` names its claims
 * `t-set-<ordinal>`, so the candidates are the ways to split the claim's stem at a dash —
 * each one a lookup, never a scan of the namespace's StatefulSets.
 */
export function claimOwner(c: PersistentVolumeClaim, s: Stores): ClaimOwner | undefined {
  const parts = stemAndOrdinal(c.metadata.name);
  if (!parts) return undefined;
  const { stem, ordinal: ord } = parts;
  for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
    // Name and spec alone (templates, replicas, ordinals, retention): the set's status updates pass by.
    const st = aspectRead('spec', () => s.StatefulSet.get(c.metadata.namespace, stem.slice(i + 1)));
    if (!st || !(st.spec.volumeClaimTemplates ?? []).some((t) => t.metadata.name === stem.slice(0, i))) continue;
    const policy = st.spec.persistentVolumeClaimRetentionPolicy;
    const { start, end } = ordinalRange(st);
    return {
      statefulSet: st.metadata.name,
      whenScaled: policy?.whenScaled ?? 'Retain',
      whenDeleted: policy?.whenDeleted ?? 'Retain',
      orphan: ord < start || ord >= end,
    };
  }
  return undefined;
}

/**
 * How an object becomes a node: one row per namespaced drawn kind (NODE_KINDS in
 * lib/wire/kinds.ts; the compiler asks for a row when it gains one). Cluster-scoped kinds
 * are drawn where a namespace's claims reach them (`reachedEntry`) and in the cluster part.
 */
const NAMESPACED_NODES: { [K in NamespacedNodeKind]: (o: KindTypes[K], c: ObjCtx) => NodeOf<K> } = {
  StatefulSet: (st, { s, now }) => statefulSetNode(st, s, now),
  Pod: (p, { s, now, drifted }) => podNode(p, s, now, drifted.size),
  PersistentVolumeClaim: (c, { s, now }) => claimNode(c, s, now, claimOwner(c, s)),
  ConfigMap: (cm, { s, ns, history }) =>
    configMapNode(cm, stalePods(s, id('ConfigMap', ns, cm.metadata.name), history)),
  Secret: (sec, { s, ns, history }) => secretNode(sec, stalePods(s, id('Secret', ns, sec.metadata.name), history)),
  Service: (svc, { s, now }) => serviceNode(svc, s, now),
  EndpointSlice: (sl, { s, now }) => sliceNode(sl, s, now),
};

export const NAMESPACED_KINDS = Object.keys(NAMESPACED_NODES) as NamespacedNodeKind[];

/** The volume a claim is bound to and the classes it names (drawn as missing when they do not exist). */
function claimReaches(c: PersistentVolumeClaim, s: Stores): string[] {
  const out: string[] = [];
  const pv = c.spec?.volumeName ? s.PersistentVolume.get(undefined, c.spec.volumeName) : undefined;
  if (pv) out.push(id('PersistentVolume', undefined, pv.metadata.name));
  for (const cls of [
    pv?.spec?.storageClassName,
    (c.status?.phase ?? 'Pending') === 'Pending' ? claimClassName(c, s) : undefined,
  ]) {
    // A class the viewer may not list is neither drawn nor drawn as missing.
    if (cls && !s.StorageClass.hidden()) out.push(id('StorageClass', undefined, cls));
  }
  return [...new Set(out)];
}

function edgesOf(kind: NamespacedNodeKind, o: KindTypes[NamespacedNodeKind], c: ObjCtx): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const rel of RELATIONS) {
    const derive = rel.from[kind] as ((o: KindTypes[NamespacedNodeKind], c: ObjCtx) => Link[]) | undefined;
    for (const [source, target, extra] of derive?.(o, c) ?? []) {
      edges.push({ id: `${rel.kind}:${source}->${target}`, source, target, kind: rel.kind, ...(extra ?? {}) });
    }
  }
  return edges;
}

const NONE: ReadonlySet<string> = new Set();

/** The entry of one namespaced object; undefined when it is not in the stores. */
function objectEntry(
  kind: NamespacedNodeKind,
  ns: string,
  name: string,
  s: Stores,
  now: number,
  history?: ConfigHistory,
): Entry | undefined {
  const o = s[kind].get(ns, name);
  if (!o) return undefined;
  const drifted = kind === 'Pod' ? driftedSources(o as KindTypes['Pod'], s, history) : NONE;
  const c: ObjCtx = { s, ns, now, history, drifted };
  const build = NAMESPACED_NODES[kind] as (o: KindTypes[NamespacedNodeKind], c: ObjCtx) => GraphNode;
  const reaches = kind === 'PersistentVolumeClaim' ? claimReaches(o as PersistentVolumeClaim, s) : [];
  return { node: build(o, c), edges: edgesOf(kind, o, c), reaches };
}

/** A volume or class as a namespace part draws it, reached from its claims. */
function reachedEntry(kind: 'PersistentVolume' | 'StorageClass', name: string, s: Stores): Entry | undefined {
  if (kind === 'PersistentVolume') {
    const pv = s.PersistentVolume.get(undefined, name);
    return pv ? { node: volumeNode(pv), edges: [], reaches: [] } : undefined;
  }
  const sc = s.StorageClass.get(undefined, name);
  return { node: sc ? classNode(sc) : missingClassNode(name), edges: [], reaches: [] };
}

/** A volume (with its class → volume edge) or a class, as the cluster-scoped part draws it. */
function clusterEntry(kind: 'PersistentVolume' | 'StorageClass', name: string, s: Stores): Entry | undefined {
  if (kind === 'StorageClass') {
    const sc = s.StorageClass.get(undefined, name);
    return sc ? { node: classNode(sc), edges: [], reaches: [] } : undefined;
  }
  const pv: PersistentVolume | undefined = s.PersistentVolume.get(undefined, name);
  if (!pv) return undefined;
  const cls = pv.spec?.storageClassName;
  const [scId, pvId] = [id('StorageClass', undefined, cls ?? ''), id('PersistentVolume', undefined, name)];
  const edges: GraphEdge[] = cls
    ? [{ id: `provisions:${scId}->${pvId}`, source: scId, target: pvId, kind: 'provisions' }]
    : [];
  return { node: volumeNode(pv), edges, reaches: [] };
}

/** The part of the cluster-scoped rest of the graph: every volume and class. */
export const CLUSTER_PART = '';

/** In a namespace's part, volumes and classes are entries only while a claim reaches them. */
export function isReachedEntry(part: string, entry: string): boolean {
  return part !== CLUSTER_PART && (entry.startsWith('PersistentVolume/') || entry.startsWith('StorageClass/'));
}

/**
 * One entry of a part, from the stores: `part` is a namespace or CLUSTER_PART, `entry` a node
 * id. Undefined when the object is gone (or, for the cluster part, was never there).
 */
export function buildEntry(
  part: string,
  entry: string,
  s: Stores,
  now: number,
  history?: ConfigHistory,
): Entry | undefined {
  const [kind, ...rest] = entry.split('/');
  if (kind === 'PersistentVolume' || kind === 'StorageClass') {
    return isReachedEntry(part, entry) ? reachedEntry(kind, rest[0], s) : clusterEntry(kind, rest[0], s);
  }
  if (!(NAMESPACED_KINDS as string[]).includes(kind) || rest.length !== 2) return undefined;
  return objectEntry(kind as NamespacedNodeKind, rest[0], rest[1], s, now, history);
}

/** The entries a part has from its objects alone (a namespace's objects; every volume and class). */
export function entriesOf(part: string, s: Stores): string[] {
  if (part === CLUSTER_PART) {
    return [
      ...s.PersistentVolume.list().map((pv) => id('PersistentVolume', undefined, pv.metadata.name)),
      ...s.StorageClass.list().map((sc) => id('StorageClass', undefined, sc.metadata.name)),
    ];
  }
  return NAMESPACED_KINDS.flatMap((kind) => s[kind].list(part).map((o) => id(kind, part, o.metadata.name)));
}

/** A whole part, built from scratch: every entry once, then the volumes and classes they reach. */
function buildPart(part: string, s: Stores, now: number, history?: ConfigHistory): Graph {
  const g = new GraphPart();
  const todo = entriesOf(part, s);
  // Reached entries join the list as they are first held; the list grows while it is walked.
  for (let i = 0; i < todo.length; i++) todo.push(...g.set(todo[i], buildEntry(part, todo[i], s, now, history)).held);
  return { nodes: [...g.nodes.values()], edges: [...g.edges.values()] };
}

/** Nodes and edges of one namespace, plus the volumes and classes its claims reach. */
export function namespaceGraph(s: Stores, ns: string, now: number, history?: ConfigHistory): Graph {
  return buildPart(ns, s, now, history);
}

/** Every volume and class, with class → volume edges: the cluster-scoped part of the cluster view. */
export function clusterGraph(s: Stores): Graph {
  return buildPart(CLUSTER_PART, s, 0);
}

export function namespacesOf(s: Stores): string[] {
  const set = new Set<string>();
  for (const store of Object.values(s)) for (const ns of store.namespaces()) if (ns) set.add(ns);
  return [...set].sort();
}

/** The whole cluster, or one namespace: namespace graphs merged, shared nodes once. */
export function buildGraph(s: Stores, scope: { namespace?: string }, now: number, history?: ConfigHistory): Graph {
  const parts = (scope.namespace ? [scope.namespace] : namespacesOf(s)).map((ns) =>
    namespaceGraph(s, ns, now, history),
  );
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
  return {
    nodes: [...nodes.values()].sort(byId),
    edges: [...edges.values()].sort(byId),
  };
}
