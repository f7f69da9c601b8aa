import { definedFields, isRecord } from '@/lib/json';
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
  StorageClass: {
    ...OBJECT,
    provisioner: true,
    reclaimPolicy: true,
    volumeBindingMode: true,
    allowVolumeExpansion: true,
  },
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

/**
 * Sets a field as an own property whatever its name: a ConfigMap may have a key `__proto__` (JSON.parse
 * makes it an own field), which a plain assignment would take as the record's prototype, or drop.
 */
function put(out: Record<string, unknown>, k: string, y: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: y, enumerable: true, writable: true, configurable: true });
  else out[k] = y;
}

/** A new record of `was`'s values of the fields `keys[0..upTo)` that `v` defines. */
function fieldsOf(was: Record<string, unknown>, v: Record<string, unknown>, keys: readonly string[], upTo: number) {
  const out: Record<string, unknown> = {};
  for (let j = 0; j < upTo; j++) if (v[keys[j]] !== undefined) put(out, keys[j], was[keys[j]]);
  return out;
}

/**
 * A record level of facts: `v`'s fields `keys`, each projected by its shape in `fields` (all kept,
 * absent), frozen. Allocated only once a field differs from `was` (the same level of the object's last
 * facts): a level all of whose fields are `was`'s, no more and no fewer, is `was` itself.
 */
function recordOf(
  v: Record<string, unknown>,
  was: Record<string, unknown> | undefined,
  keys: readonly string[],
  fields?: { readonly [field: string]: AnyShape },
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined = was ? undefined : {};
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const x = v[k];
    if (x === undefined) continue;
    const y = project(fields ? fields[k] : true, x, was?.[k]);
    n++;
    if (!out) {
      if (y === was?.[k]) continue;
      out = fieldsOf(was as Record<string, unknown>, v, keys, i);
    }
    put(out, k, y);
  }
  if (out) return Object.freeze(out);
  const same = was as Record<string, unknown>;
  return definedFields(same) === n ? same : Object.freeze(fieldsOf(same, v, keys, keys.length));
}

/**
 * An array level, as `recordOf`: `before` itself when every item is `before`'s, else a new frozen
 * array of exactly its length (an array grown by push keeps spare room: ~27 MB at 20k pods).
 */
function itemsOf(v: readonly unknown[], prev: unknown, shape: AnyShape): unknown {
  const before = Array.isArray(prev) && prev.length === v.length ? (prev as readonly unknown[]) : undefined;
  let out: unknown[] | undefined;
  for (let i = 0; i < v.length; i++) {
    const y = project(shape, v[i], before?.[i]);
    if (!out && (!before || y !== before[i])) {
      out = new Array<unknown>(v.length);
      for (let j = 0; j < i; j++) out[j] = before?.[j];
    }
    if (out) out[i] = y;
  }
  if (out) return Object.freeze(out);
  return before ?? Object.freeze([]);
}

/**
 * A copy of `v` with every string interned and every level frozen; a level equal to the same level
 * of `prev` (the object's last facts) is `prev`'s. A watched object changes a field or two at a time,
 * so most of its facts stay the ones already held: nothing is allocated for them, nothing new is
 * promoted to replace them, and derivations see an unchanged part by identity.
 */
function interned(v: unknown, prev?: unknown): unknown {
  // The last version's string is the pool's already: no lookup (most fields of a version are unchanged).
  if (typeof v === 'string') return v === prev ? prev : pool.intern(v);
  if (Array.isArray(v)) return itemsOf(v, prev, true);
  if (!isRecord(v)) return v;
  return recordOf(v, isRecord(prev) ? prev : undefined, Object.keys(v));
}

/** Each record shape's field names, listed once. */
const shapeKeys = new Map<object, string[]>();

function keysOf(fields: { readonly [field: string]: AnyShape }): string[] {
  let keys = shapeKeys.get(fields);
  if (!keys) shapeKeys.set(fields, (keys = Object.keys(fields)));
  return keys;
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
    return itemsOf(v, prev, shape[0] as AnyShape);
  }
  if (!isRecord(v)) return interned(v, prev);
  const fields = shape as { readonly [field: string]: AnyShape };
  return recordOf(v, isRecord(prev) ? prev : undefined, keysOf(fields), fields);
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
