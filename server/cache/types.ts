/**
 * Normalized cluster objects as the cache holds them: the JSON shape of the API
 * (timestamps as RFC 3339 strings) for list and watch alike, managedFields reduced
 * to the latest change, Secrets reduced to key names and value hashes. Frozen.
 * Only the fields Ordinal reads are typed; the rest stays as unknown JSON.
 */

export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface Meta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerRef[];
}

/** What managedFields said about the latest write: when, by whom, through which operation. */
export interface LastChange {
  time: string;
  manager: string;
  operation?: string;
  subresource?: string;
}

export interface KObject {
  apiVersion?: string;
  kind: string;
  metadata: Meta;
  /** The newest managedFields entry that touched something other than status (spec/data/labels…). */
  lastChange?: LastChange;
  /** The newest managedFields entry of the status subresource (a controller's, the kubelet's). */
  statusChange?: LastChange;
  /** ConfigMaps and Secrets: the newest entry that owns `data` or `binaryData`. */
  dataChange?: LastChange;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  grpc?: { port: number; service?: string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } }>;
  envFrom?: Array<{ configMapRef?: { name?: string }; secretRef?: { name?: string }; prefix?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; subPathExpr?: string }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface ProjectionSource {
  configMap?: { name?: string; items?: Array<{ key: string; path: string }> };
  secret?: { name?: string; items?: Array<{ key: string; path: string }> };
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  configMap?: { name?: string; items?: Array<{ key: string; path: string }> };
  secret?: { secretName?: string; items?: Array<{ key: string; path: string }> };
  projected?: { sources?: ProjectionSource[] };
}

export interface PodSpecLite {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; startedAt?: string; finishedAt?: string };
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
  imageID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Pod extends KObject {
  spec: PodSpecLite;
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    startTime?: string;
    podIP?: string;
    qosClass?: string;
    reason?: string;
    message?: string;
  };
}

export interface ClaimTemplate {
  metadata: { name: string };
  spec?: { storageClassName?: string | null; resources?: { requests?: Record<string, string> } };
}

export interface StatefulSet extends KObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: LabelSelector;
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
    ordinals?: { start?: number };
    template: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: PodSpecLite;
    };
    volumeClaimTemplates?: ClaimTemplate[];
    minReadySeconds?: number;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    observedGeneration?: number;
  };
}

export interface PersistentVolumeClaim extends KObject {
  spec: {
    storageClassName?: string | null;
    volumeName?: string;
    accessModes?: string[];
    resources?: { requests?: Record<string, string> };
  };
  status?: { phase?: string; capacity?: Record<string, string>; accessModes?: string[] };
}

export interface PersistentVolume extends KObject {
  spec: {
    storageClassName?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string };
    persistentVolumeReclaimPolicy?: string;
    capacity?: Record<string, string>;
    accessModes?: string[];
  };
  status?: { phase?: string; reason?: string; message?: string };
}

export interface StorageClass extends KObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

export interface ConfigMap extends KObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** A Secret as the cache keeps it: never a value, only key names and a hash per value. */
export interface SecretLite extends KObject {
  type?: string;
  /** key → keyed fingerprint of the value (HMAC-SHA256 under the server's key, first 16 hex chars). */
  dataHashes: Record<string, string>;
  /** Annotation keys only: annotation values can carry the data (last-applied). */
  annotationKeys: string[];
}

export interface Service extends KObject {
  spec: {
    selector?: Record<string, string>;
    clusterIP?: string;
    type?: string;
    ports?: Array<{ name?: string; port: number; targetPort?: number | string; protocol?: string; nodePort?: number }>;
    publishNotReadyAddresses?: boolean;
  };
}

export interface EndpointSlice extends KObject {
  addressType?: string;
  endpoints?: Array<{
    addresses: string[];
    conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
    hostname?: string;
    nodeName?: string;
    targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
  }>;
  ports?: Array<{ name?: string; port?: number | null; protocol?: string }>;
}

export interface ControllerRevision extends KObject {
  revision?: number;
  data?: unknown;
}

export interface KEvent extends KObject {
  involvedObject?: { kind?: string; namespace?: string; name?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
}

/** The object type the cache keeps for each watched kind: `Stores` is typed from it. */
export interface KindTypes {
  StatefulSet: StatefulSet;
  Pod: Pod;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  StorageClass: StorageClass;
  ConfigMap: ConfigMap;
  Secret: SecretLite;
  Service: Service;
  EndpointSlice: EndpointSlice;
  ControllerRevision: ControllerRevision;
  Event: KEvent;
}
