import type { WatchedKind } from '../kube/kinds';
import { InternPool } from './intern';
import type {
  ClaimTemplate,
  Condition,
  Container,
  ContainerState,
  ContainerStatus,
  KindTypes,
  KObject,
  LabelSelector,
  Meta,
  PodSpecLite,
  Probe,
  Volume,
} from './types';

/**
 * How a field is kept: `true`, as it is with its strings interned; `'once'`, as it is (a string
 * met once per object, as a resource version: interning it would only churn the pool).
 */
type Kept = true | 'once';
type Leaf = string | number | boolean | null | undefined;

/** A field's shape: kept whole, or (objects and arrays) only the fields its own shape names. */
type FieldShape<V> = unknown extends V
  ? Kept
  : NonNullable<V> extends Leaf
    ? Kept
    : NonNullable<V> extends ReadonlyArray<infer U>
      ? Kept | readonly [FieldShape<U>]
      : Kept | Shape<NonNullable<V>>;

/**
 * Which fields of a type the cache keeps: every field `types.ts` declares must be named (the
 * compiler holds a shape to its type both ways), so what derivations read is what is kept.
 */
export type Shape<T> = { readonly [K in keyof T]-?: FieldShape<T[K]> };

const META = {
  name: true,
  namespace: true,
  uid: true,
  resourceVersion: 'once',
  generation: true,
  creationTimestamp: true,
  deletionTimestamp: true,
  labels: true,
  annotations: true,
  ownerReferences: true,
} as const satisfies Shape<Meta>;

const OBJECT = {
  apiVersion: true,
  kind: true,
  metadata: META,
  lastChange: true,
  statusChange: true,
  dataChange: true,
} as const satisfies Shape<KObject>;

const PROBE = {
  httpGet: true,
  tcpSocket: true,
  grpc: true,
  exec: true,
  initialDelaySeconds: true,
  periodSeconds: true,
  timeoutSeconds: true,
  failureThreshold: true,
} as const satisfies Shape<Probe>;

const CONTAINER = {
  name: true,
  image: true,
  env: true,
  envFrom: true,
  volumeMounts: [{ name: true, mountPath: true, subPath: true, subPathExpr: true }],
  readinessProbe: PROBE,
  livenessProbe: PROBE,
  startupProbe: PROBE,
  resources: true,
} as const satisfies Shape<Container>;

const VOLUME = {
  name: true,
  persistentVolumeClaim: true,
  configMap: { name: true, items: true },
  secret: { secretName: true, items: true },
  projected: true,
} as const satisfies Shape<Volume>;

const POD_SPEC = {
  containers: [CONTAINER],
  initContainers: [CONTAINER],
  volumes: [VOLUME],
  nodeName: true,
  hostname: true,
  subdomain: true,
} as const satisfies Shape<PodSpecLite>;

const CONDITION = {
  type: true,
  status: true,
  reason: true,
  message: true,
  lastTransitionTime: true,
} as const satisfies Shape<Condition>;

const STATE = { waiting: true, running: true, terminated: true } as const satisfies Shape<ContainerState>;

const CONTAINER_STATUS = {
  name: true,
  ready: true,
  restartCount: true,
  image: true,
  imageID: true,
  state: STATE,
  lastState: STATE,
} as const satisfies Shape<ContainerStatus>;

const SELECTOR = { matchLabels: true, matchExpressions: true } as const satisfies Shape<LabelSelector>;

const CLAIM_TEMPLATE = {
  metadata: { name: true },
  spec: { storageClassName: true, resources: true },
} as const satisfies Shape<ClaimTemplate>;

/** Per watched kind, the fields kept: one row each, typed by the kind's object type. */
export const FACTS: { readonly [K in WatchedKind]: Shape<KindTypes[K]> } = {
  Pod: {
    ...OBJECT,
    spec: POD_SPEC,
    status: {
      phase: true,
      conditions: [CONDITION],
      containerStatuses: [CONTAINER_STATUS],
      initContainerStatuses: [CONTAINER_STATUS],
      startTime: true,
      podIP: true,
      qosClass: true,
      reason: true,
      message: true,
    },
  },
  StatefulSet: {
    ...OBJECT,
    spec: {
      replicas: true,
      serviceName: true,
      selector: SELECTOR,
      podManagementPolicy: true,
      updateStrategy: true,
      persistentVolumeClaimRetentionPolicy: true,
      ordinals: true,
      template: { metadata: { labels: true, annotations: true }, spec: POD_SPEC },
      volumeClaimTemplates: [CLAIM_TEMPLATE],
      minReadySeconds: true,
    },
    status: true,
  },
  PersistentVolumeClaim: {
    ...OBJECT,
    spec: { storageClassName: true, volumeName: true, accessModes: true, resources: { requests: true } },
    status: { phase: true, capacity: true, accessModes: true },
  },
  PersistentVolume: {
    ...OBJECT,
    spec: {
      storageClassName: true,
      claimRef: { namespace: true, name: true, uid: true },
      persistentVolumeReclaimPolicy: true,
      capacity: true,
      accessModes: true,
    },
    status: true,
  },
  StorageClass: { ...OBJECT, provisioner: true, reclaimPolicy: true, volumeBindingMode: true, allowVolumeExpansion: true },
  ConfigMap: { ...OBJECT, data: true, binaryData: true },
  Secret: { ...OBJECT, type: true, dataHashes: true, annotationKeys: true },
  Service: {
    ...OBJECT,
    spec: { selector: true, clusterIP: true, type: true, ports: true, publishNotReadyAddresses: true },
  },
  EndpointSlice: {
    ...OBJECT,
    addressType: true,
    endpoints: [
      {
        addresses: true,
        conditions: { ready: true, serving: true, terminating: true },
        hostname: true,
        nodeName: true,
        targetRef: { kind: true, namespace: true, name: true, uid: true },
      },
    ],
    ports: true,
  },
  ControllerRevision: { ...OBJECT, revision: true, data: true },
  Event: {
    ...OBJECT,
    // An event's own name and uid are met once each (about ten events a pod): interned, they
    // would only push the names and labels that repeat out of the pool.
    metadata: { ...META, name: 'once', uid: 'once' },
    involvedObject: true,
    reason: true,
    message: true,
    type: true,
    count: true,
    firstTimestamp: true,
    lastTimestamp: true,
    eventTime: true,
  },
};

/** A shape with its type erased, as `project` walks it. */
type AnyShape = Kept | readonly [AnyShape] | { readonly [field: string]: AnyShape };

const pool = new InternPool();

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `prev` when it holds the same as `out` field for field (both frozen, leaves interned): else `out`. */
function sharedWith<T extends object>(out: T, prev: unknown, same: boolean, n: number): T {
  if (!same || typeof prev !== 'object' || prev === null) return out;
  let m = 0;
  for (const k in prev) if ((prev as Record<string, unknown>)[k] !== undefined) m++;
  return m === n ? (prev as T) : out;
}

/**
 * A copy of `v` with every string interned and every level frozen; a level equal to the same level
 * of `prev` (the object's last facts) is `prev`'s. A watched object changes a field or two at a time,
 * so most of its facts stay the ones already held: the new copy dies young instead of being promoted
 * to replace them, and derivations see an unchanged part by identity.
 */
function interned(v: unknown, prev?: unknown): unknown {
  // The last version's string is the pool's already: no lookup (most fields of a version are unchanged).
  if (typeof v === 'string') return v === prev ? prev : pool.intern(v);
  if (Array.isArray(v)) {
    const before = Array.isArray(prev) && prev.length === v.length ? prev : undefined;
    let same = before !== undefined;
    const out = v.map((x, i) => {
      const y = interned(x, before?.[i]);
      if (y !== before?.[i]) same = false;
      return y;
    });
    return same ? before : Object.freeze(out);
  }
  if (!isRecord(v)) return v;
  const was = isRecord(prev) ? prev : undefined;
  const out: Record<string, unknown> = {};
  let same = was !== undefined;
  let n = 0;
  for (const k of Object.keys(v)) {
    const y = interned(v[k], was?.[k]);
    out[k] = y;
    if (y !== undefined) n++;
    if (y !== was?.[k]) same = false;
  }
  return sharedWith(Object.freeze(out), was, same, n);
}

/**
 * The fields `shape` names of `v`, frozen, sharing what is unchanged with `prev`. A value that is
 * not what its shape expects (a hostile or future API's scalar where an object was) is kept as it
 * came, for derivations to judge as they would have.
 */
function project(shape: AnyShape, v: unknown, prev?: unknown): unknown {
  if (shape === 'once') return v;
  if (shape === true) return interned(v, prev);
  if (Array.isArray(shape)) {
    if (!Array.isArray(v)) return interned(v, prev);
    const before = Array.isArray(prev) && prev.length === v.length ? prev : undefined;
    let same = before !== undefined;
    const out = v.map((x, i) => {
      const y = project(shape[0] as AnyShape, x, before?.[i]);
      if (y !== before?.[i]) same = false;
      return y;
    });
    return same ? before : Object.freeze(out);
  }
  if (!isRecord(v)) return interned(v, prev);
  const was = isRecord(prev) ? prev : undefined;
  const fields = shape as { readonly [field: string]: AnyShape };
  const out: Record<string, unknown> = {};
  let same = was !== undefined;
  let n = 0;
  for (const k of Object.keys(fields)) {
    const x = v[k];
    if (x === undefined) continue;
    const y = project(fields[k], x, was?.[k]);
    out[k] = y;
    n++;
    if (y !== was?.[k]) same = false;
  }
  return sharedWith(Object.freeze(out), was, same, n);
}

/**
 * What the cache keeps of a normalized object: the fields its kind's row of FACTS names, repeated
 * strings shared. The whole object is the API server's to give again (the details panel reads it
 * with a get) and the change history's, which records it before it is reduced. `prev`: the
 * object's facts before this version, whose unchanged parts the new facts share.
 */
export function factsOf<K extends WatchedKind>(kind: K, whole: KindTypes[K], prev?: KindTypes[K]): KindTypes[K] {
  return project(FACTS[kind] as AnyShape, whole, prev) as KindTypes[K];
}
