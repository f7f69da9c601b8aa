/**
 * Defaulting as the apiserver applies it on create (scheme defaults plus the
 * create strategies' status resets). Mutates a fresh copy owned by the caller.
 */

import { isObject } from '../model/meta';
import type { JsonObject, JsonValue, KubeObject } from '../model/types';

export interface DefaultContext {
  allocateClusterIP(): string;
  defaultStorageClass(): string | undefined;
}

/** `create` is false when defaulting an update: then only field defaults apply, never status resets or allocations. */
type Defaulter = (obj: KubeObject, ctx: DefaultContext, create: boolean) => void;

function obj(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  if (isObject(v)) return v;
  const fresh: JsonObject = {};
  o[key] = fresh;
  return fresh;
}

function list(o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  return Array.isArray(v) ? (v.filter(isObject) as JsonObject[]) : [];
}

function setDefault(o: JsonObject, key: string, value: JsonValue): void {
  if (o[key] === undefined) o[key] = value;
}

function defaultContainer(c: JsonObject): void {
  const image = typeof c.image === 'string' ? c.image : '';
  const tag = image.includes('@') ? 'digest' : image.split('/').pop()?.split(':')[1];
  setDefault(c, 'imagePullPolicy', !tag || tag === 'latest' ? 'Always' : 'IfNotPresent');
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  for (const p of list(c, 'ports')) setDefault(p, 'protocol', 'TCP');
}

export function defaultPodSpec(spec: JsonObject): void {
  for (const c of [...list(spec, 'containers'), ...list(spec, 'initContainers')]) defaultContainer(c);
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const v of list(spec, 'volumes')) {
    for (const src of ['configMap', 'secret'])
      if (isObject(v[src])) setDefault(v[src] as JsonObject, 'defaultMode', 420);
  }
}

/** The pod's QoS class, as the apiserver computes it on create (k8s.io/kubernetes/pkg/apis/core/helper/qos). */
export function qosClass(spec: JsonObject): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...list(spec, 'initContainers'), ...list(spec, 'containers')];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const resources = (c.resources ?? {}) as JsonObject;
    const requests = (resources.requests ?? {}) as JsonObject;
    const limits = (resources.limits ?? {}) as JsonObject;
    if (Object.keys(requests).length || Object.keys(limits).length) any = true;
    for (const name of ['cpu', 'memory']) {
      const limit = limits[name];
      if (limit === undefined || (requests[name] !== undefined && String(requests[name]) !== String(limit)))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const defaulters: Record<string, Defaulter> = {
  Namespace(o, _ctx, create) {
    o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
    if (!create) return;
    o.spec = { finalizers: ['kubernetes'] };
    o.status = { phase: 'Active' };
  },
  Pod(o, _ctx, create) {
    defaultPodSpec(obj(o as JsonObject, 'spec'));
    if (create) o.status = { phase: 'Pending', qosClass: qosClass(obj(o as JsonObject, 'spec')) };
  },
  Service(o, ctx, create) {
    const spec = obj(o as JsonObject, 'spec');
    setDefault(spec, 'type', 'ClusterIP');
    setDefault(spec, 'sessionAffinity', 'None');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    if (create && (spec.clusterIP === undefined || spec.clusterIP === '')) spec.clusterIP = ctx.allocateClusterIP();
    if (spec.clusterIP !== undefined) setDefault(spec, 'clusterIPs', [spec.clusterIP as string]);
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    for (const p of list(spec, 'ports')) {
      setDefault(p, 'protocol', 'TCP');
      setDefault(p, 'targetPort', p.port ?? null);
    }
    if (create) o.status = { loadBalancer: {} };
  },
  Secret(o) {
    setDefault(o as JsonObject, 'type', 'Opaque');
    const stringData = (o as JsonObject).stringData;
    if (isObject(stringData)) {
      const data = obj(o as JsonObject, 'data');
      for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString('base64');
      delete (o as JsonObject).stringData;
    }
  },
  PersistentVolumeClaim(o, ctx, create) {
    const spec = obj(o as JsonObject, 'spec');
    setDefault(spec, 'volumeMode', 'Filesystem');
    if (!create) return;
    if (spec.storageClassName === undefined && spec.volumeName === undefined) {
      const cls = ctx.defaultStorageClass();
      if (cls) spec.storageClassName = cls;
    }
    o.status = { phase: 'Pending' };
  },
  PersistentVolume(o, _ctx, create) {
    const spec = obj(o as JsonObject, 'spec');
    setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    setDefault(spec, 'volumeMode', 'Filesystem');
    if (create) o.status = { phase: 'Pending' };
  },
  StorageClass(o) {
    setDefault(o as JsonObject, 'reclaimPolicy', 'Delete');
    setDefault(o as JsonObject, 'volumeBindingMode', 'Immediate');
  },
  StatefulSet(o, _ctx, create) {
    const spec = obj(o as JsonObject, 'spec');
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'podManagementPolicy', 'OrderedReady');
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'minReadySeconds', 0);
    const strategy = obj(spec, 'updateStrategy');
    setDefault(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') setDefault(obj(strategy, 'rollingUpdate'), 'partition', 0);
    const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
    setDefault(retention, 'whenDeleted', 'Retain');
    setDefault(retention, 'whenScaled', 'Retain');
    defaultPodSpec(obj(obj(spec, 'template'), 'spec'));
    for (const t of list(spec, 'volumeClaimTemplates')) {
      setDefault(t, 'apiVersion', 'v1');
      setDefault(t, 'kind', 'PersistentVolumeClaim');
      setDefault(obj(t, 'spec'), 'volumeMode', 'Filesystem');
      setDefault(t, 'status', { phase: 'Pending' });
    }
    if (create) o.status = { replicas: 0, availableReplicas: 0 };
  },
};

export function applyDefaults(o: KubeObject, ctx: DefaultContext, create = true): void {
  defaulters[o.kind]?.(o, ctx, create);
}
