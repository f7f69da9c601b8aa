/**
 * The joins the topology needs, declared once: each index maps an object to the
 * values it can be found by. Building the graph then costs time in proportion to
 * the edges, never pods × services. Each index here is read by a derivation: pods by
 * owner, claim, config source and label; claims by volume; slices and StatefulSets by
 * Service; events by the object they are about.
 */

import { configSources } from './consumption';
import type { ObjectStore, ReadStore } from './store';
import type { WatchedKind } from '../kube/kinds';
import type { EndpointSlice, KEvent, KObject, KindTypes, PersistentVolumeClaim, Pod, StatefulSet } from './types';

export const owners = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

/** `ns/claim` for each claim the pod's volumes name. */
export function podClaims(p: Pod): string[] {
  const ns = p.metadata.namespace;
  return (p.spec.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim?.claimName ? [`${ns}/${v.persistentVolumeClaim.claimName}`] : [],
  );
}

/** `ns/key=value` per label: pods a selector's first term matches, without a scan. */
export const podLabels = (p: KObject): string[] =>
  Object.entries(p.metadata.labels ?? {}).map(([k, v]) => `${p.metadata.namespace}/${k}=${v}`);

/** The volume a claim is bound to. */
export const claimVolume = (c: PersistentVolumeClaim): string[] => (c.spec?.volumeName ? [c.spec.volumeName] : []);

/**
 * `ns/stem` of a claim named `<stem>-<ordinal>`: a StatefulSet's template `t` makes claims
 * `t-<set>-<ordinal>`, so its claims are found under `ns/t-<set>` without a scan of the namespace.
 */
export function claimStem(c: PersistentVolumeClaim): string[] {
  const parts = stemAndOrdinal(c.metadata.name);
  return parts ? [`${c.metadata.namespace}/${parts.stem}`] : [];
}

/** A claim name `<stem>-<ordinal>` taken apart; undefined when it does not end in an ordinal. */
export function stemAndOrdinal(name: string): { stem: string; ordinal: number } | undefined {
  const m = /^(.+)-(0|[1-9]\d*)$/.exec(name);
  return m ? { stem: m[1], ordinal: Number(m[2]) } : undefined;
}

/** `ns/service` of a slice, from the label the EndpointSlice controller sets. */
export function sliceService(e: EndpointSlice): string[] {
  const svc = e.metadata.labels?.['kubernetes.io/service-name'];
  return svc ? [`${e.metadata.namespace}/${svc}`] : [];
}

/** `ns/service` a StatefulSet names as its governing Service. */
export const statefulSetService = (st: StatefulSet): string[] =>
  st.spec?.serviceName ? [`${st.metadata.namespace}/${st.spec.serviceName}`] : [];

/** The uid of the object an Event is about. */
export const eventSubject = (e: KEvent): string[] => (e.involvedObject?.uid ? [e.involvedObject.uid] : []);

/** One typed store per watched kind (server/kube/kinds.ts), as derivations read it: live, or a viewer's view. */
export type Stores = { [K in WatchedKind]: ReadStore<KindTypes[K]> };

/** The stores the cache writes: one live ObjectStore per watched kind. */
export type LiveStores = { [K in WatchedKind]: ObjectStore<KindTypes[K]> };

/** Every store, as the common supertype. */
export function allStores(s: LiveStores): ObjectStore[] {
  return Object.values(s) as unknown as ObjectStore[];
}

/**
 * The indexes, one row per indexed kind: installed on every store set, and read by the engine
 * to know which index values a change moves (a derivation that read `byIndex(name, value)`
 * is stale when an object enters or leaves that value).
 */
export const INDEXES: { [K in WatchedKind]?: Record<string, (o: KindTypes[K]) => string[]> } = {
  Pod: { owner: owners, claim: podClaims, config: configSources, label: podLabels },
  PersistentVolumeClaim: { volume: claimVolume, stem: claimStem },
  EndpointSlice: { service: sliceService },
  StatefulSet: { service: statefulSetService },
  Event: { involved: eventSubject },
};

export function installIndexes(s: LiveStores): void {
  for (const [kind, indexes] of Object.entries(INDEXES)) {
    const store = s[kind as WatchedKind] as unknown as ObjectStore;
    for (const [name, fn] of Object.entries(indexes)) store.addIndex(name, fn as (o: KObject) => string[]);
  }
}

/** Each index's values for an object of `kind`: `[index, value]` pairs. */
export function indexValues(kind: string, o: KObject): Array<[string, string]> {
  const indexes = INDEXES[kind as WatchedKind] as Record<string, (o: KObject) => string[]> | undefined;
  if (!indexes) return [];
  return Object.entries(indexes).flatMap(([name, fn]) => fn(o).map((v): [string, string] => [name, v]));
}
