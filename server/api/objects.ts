import 'server-only';
import { isNodeKind, NODE_KIND_LIST, NODE_KINDS, type NodeKind } from '@/lib/wire/kinds';
import type { ConfigHistoryView, ObjectDetail } from '@/lib/wire/topology';
import { hashesOf } from '../cache/confighistory';
import type { Stores } from '../cache/indexes';
import type { ConfigMap, KObject } from '../cache/types';
import type { Runtime } from '../runtime';
import { changedAt, lastAppliedData } from '../topology/drift';
import { recentEvents } from '../topology/events';
import { BadInput, checkName, checkNamespace } from './http';


/** `/objects/{kind}/{ns}/{name}` or `/objects/{kind}/{name}` (cluster-scoped): validated, or BadInput. */
export function parseObjectPath(kind: string, path: string[]): { kind: NodeKind; namespace?: string; name: string } {
  if (!isNodeKind(kind)) throw new BadInput(`kind must be one of ${NODE_KIND_LIST.join(', ')}`);
  const k = kind;
  const clusterScoped = NODE_KINDS[k].clusterScoped;
  if (path.length !== (clusterScoped ? 1 : 2)) throw new BadInput(clusterScoped ? `${k} is cluster-scoped: /objects/${k}/{name}` : `/objects/${k}/{namespace}/{name}`);
  const [namespace, name] = clusterScoped ? [undefined, path[0]] : [path[0], path[1]];
  if (namespace !== undefined) checkNamespace(namespace);
  checkName(name);
  return { kind: k, namespace, name };
}

export function objectDetail(rt: Runtime, kind: keyof Stores, namespace: string | undefined, name: string): ObjectDetail | undefined {
  const o = rt.cache.stores[kind].get(namespace, name) as KObject | undefined;
  if (!o) return undefined;
  const { lastChange, dataChange: _d, ...object } = o;
  return {
    id: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
    object: object as unknown as Record<string, unknown>,
    lastChange: lastChange ? { time: lastChange.time, manager: lastChange.manager } : null,
    events: recentEvents(rt.cache.stores, [o.metadata.uid], 30),
  };
}

export function configHistory(rt: Runtime, kind: 'ConfigMap' | 'Secret', namespace: string, name: string): ConfigHistoryView | undefined {
  const o = rt.cache.stores[kind].get(namespace, name);
  if (!o) return undefined;
  const source = `${kind}/${namespace}/${name}`;
  const cm = kind === 'ConfigMap' ? (o as ConfigMap) : undefined;
  return {
    source,
    lastApplied: cm ? lastAppliedData(cm) : null,
    current: { since: changedAt(o) ?? '', hashes: hashesOf(o), ...(cm ? { data: { ...(cm.data ?? {}) } } : {}) },
    versions: rt.cache.history.history(source).map((v) => ({ since: v.since, hashes: v.hashes, ...(v.data ? { data: v.data } : {}) })),
  };
}
