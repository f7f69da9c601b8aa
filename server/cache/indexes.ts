import { configSources } from './consumption';
import type { ObjectStore } from './store';
import type { WatchedKind } from '../kube/kinds';
import type { KObject, KindTypes, Pod } from './types';

/**
 * The joins the topology needs, declared once: each index maps an object to the
 * values it can be found by. Building the graph then costs time in proportion to
 * the edges, never pods × services. Each index here is read by a derivation: pods by
 * owner, claim, config source and label; claims by volume; slices and StatefulSets by
 * Service; events by the object they are about.
 */
export const owners = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export function podClaims(p: Pod): string[] {
  return (p.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => `${p.metadata.namespace}/${v.persistentVolumeClaim?.claimName}`);
}

export const podLabels = (p: KObject): string[] => Object.entries(p.metadata.labels ?? {}).map(([k, v]) => `${p.metadata.namespace}/${k}=${v}`);

/** One typed store per watched kind (server/kube/kinds.ts), of the type the cache keeps for it. */
export type Stores = { [K in WatchedKind]: ObjectStore<KindTypes[K]> };

/** Every store, as the common supertype (stores are read-only through this view). */
export function allStores(s: Stores): ObjectStore[] {
  return Object.values(s) as unknown as ObjectStore[];
}

export function installIndexes(s: Stores): void {
  s.Pod.addIndex('owner', owners).addIndex('claim', podClaims).addIndex('config', configSources).addIndex('label', podLabels);
  s.PersistentVolumeClaim.addIndex('volume', (c) => (c.spec?.volumeName ? [c.spec.volumeName] : []));
  s.EndpointSlice.addIndex('service', (e) => {
    const svc = e.metadata.labels?.['kubernetes.io/service-name'];
    return svc ? [`${e.metadata.namespace}/${svc}`] : [];
  });
  s.StatefulSet.addIndex('service', (st) => (st.spec?.serviceName ? [`${st.metadata.namespace}/${st.spec.serviceName}`] : []));
  s.Event.addIndex('involved', (e) => (e.involvedObject?.uid ? [e.involvedObject.uid] : []));
}
