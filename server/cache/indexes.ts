import type { ObjectStore } from './store';
import type { EndpointSlice, KEvent, KObject, PersistentVolume, PersistentVolumeClaim, Pod, StatefulSet } from './types';

/**
 * The joins the topology needs, declared once: each index maps an object to the
 * values it can be found by. Building the graph then costs time in proportion to
 * the edges, never pods × services.
 */
export const owners = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export function podClaims(p: Pod): string[] {
  return (p.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => `${p.metadata.namespace}/${v.persistentVolumeClaim?.claimName}`);
}

/** ConfigMaps and Secrets a pod consumes, as `ConfigMap/ns/name` / `Secret/ns/name`. */
export function podConfigRefs(p: Pod): string[] {
  const ns = p.metadata.namespace;
  const out = new Set<string>();
  for (const c of [...(p.spec.containers ?? []), ...(p.spec.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) out.add(`ConfigMap/${ns}/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef?.name) out.add(`Secret/${ns}/${e.valueFrom.secretKeyRef.name}`);
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) out.add(`ConfigMap/${ns}/${e.configMapRef.name}`);
      if (e.secretRef?.name) out.add(`Secret/${ns}/${e.secretRef.name}`);
    }
  }
  for (const v of p.spec.volumes ?? []) {
    if (v.configMap?.name) out.add(`ConfigMap/${ns}/${v.configMap.name}`);
    if (v.secret?.secretName) out.add(`Secret/${ns}/${v.secret.secretName}`);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) out.add(`ConfigMap/${ns}/${s.configMap.name}`);
      if (s.secret?.name) out.add(`Secret/${ns}/${s.secret.name}`);
    }
  }
  return [...out];
}

export const podLabels = (p: KObject): string[] => Object.entries(p.metadata.labels ?? {}).map(([k, v]) => `${p.metadata.namespace}/${k}=${v}`);

export interface Stores {
  StatefulSet: ObjectStore<StatefulSet>;
  Pod: ObjectStore<Pod>;
  PersistentVolumeClaim: ObjectStore<PersistentVolumeClaim>;
  PersistentVolume: ObjectStore<PersistentVolume>;
  StorageClass: ObjectStore;
  ConfigMap: ObjectStore;
  Secret: ObjectStore;
  Service: ObjectStore;
  EndpointSlice: ObjectStore<EndpointSlice>;
  ControllerRevision: ObjectStore;
  Event: ObjectStore<KEvent>;
}

/** Every store, as the common supertype (stores are read-only through this view). */
export function allStores(s: Stores): ObjectStore[] {
  return Object.values(s) as unknown as ObjectStore[];
}

export function installIndexes(s: Stores): void {
  s.Pod.addIndex('owner', owners).addIndex('claim', podClaims).addIndex('config', podConfigRefs).addIndex('label', podLabels);
  s.PersistentVolumeClaim.addIndex('volume', (c) => (c.spec?.volumeName ? [c.spec.volumeName] : [])).addIndex('class', (c) => (c.spec?.storageClassName ? [c.spec.storageClassName] : []));
  s.PersistentVolume.addIndex('claim', (v) => (v.spec?.claimRef?.name ? [`${v.spec.claimRef.namespace}/${v.spec.claimRef.name}`] : [])).addIndex('class', (v) => (v.spec?.storageClassName ? [v.spec.storageClassName] : []));
  s.EndpointSlice.addIndex('service', (e) => {
    const svc = e.metadata.labels?.['kubernetes.io/service-name'];
    return svc ? [`${e.metadata.namespace}/${svc}`] : [];
  });
  s.ControllerRevision.addIndex('owner', owners);
  s.StatefulSet.addIndex('service', (st) => (st.spec?.serviceName ? [`${st.metadata.namespace}/${st.spec.serviceName}`] : []));
  s.Event.addIndex('involved', (e) => (e.involvedObject?.uid ? [e.involvedObject.uid] : []));
}
