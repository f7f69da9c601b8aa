import 'server-only';
import { isNodeKind, NODE_KIND_LIST, NODE_KINDS, type NodeKind } from '@/lib/wire/kinds';
import type { ConfigHistoryView, ObjectDetail } from '@/lib/wire/topology';
import { hashesOf } from '../cache/confighistory';
import { normalize } from '../cache/normalize';
import type { ConfigMap, KObject } from '../cache/types';
import { collectionPath, WATCHED_KINDS, type WatchedKind } from '../kube/kinds';
import { isHttpError } from '../kube/transport';
import type { Runtime } from '../runtime';
import { changedAt, lastAppliedData } from '../topology/drift';
import { recentEvents } from '../topology/events';
import { BadInput, checkName, checkNamespace } from './http';

/** `/objects/{kind}/{ns}/{name}` or `/objects/{kind}/{name}` (cluster-scoped): validated, or BadInput. */
export function parseObjectPath(kind: string, path: string[]): { kind: NodeKind; namespace?: string; name: string } {
  if (!isNodeKind(kind)) throw new BadInput(`kind must be one of ${NODE_KIND_LIST.join(', ')}`);
  const k = kind;
  const clusterScoped = NODE_KINDS[k].clusterScoped;
  if (path.length !== (clusterScoped ? 1 : 2))
    throw new BadInput(
      clusterScoped ? `${k} is cluster-scoped: /objects/${k}/{name}` : `/objects/${k}/{namespace}/{name}`,
    );
  const [namespace, name] = clusterScoped ? [undefined, path[0]] : [path[0], path[1]];
  if (namespace !== undefined) checkNamespace(namespace);
  checkName(name);
  return { kind: k, namespace, name };
}

/** How long the details panel waits for the API server's copy of an object before showing the cache's. */
const WHOLE_TIMEOUT_MS = 5_000;

/**
 * One object for the details panel, with its events: read whole from the API server (a get, as the
 * cache keeps only the fields derivations read — server/cache/facts.ts), or, when that read fails
 * or finds another object of the name, the cache's facts of it with the reason. The viewer's own
 * access was checked by `rt`'s restricted stores: an object they cannot list is not found.
 */
export async function objectDetail(
  rt: Runtime,
  kind: WatchedKind,
  namespace: string | undefined,
  name: string,
): Promise<ObjectDetail | undefined> {
  const o = rt.cache.stores[kind].get(namespace, name) as KObject | undefined;
  if (!o) return undefined;
  const read = await wholeOf(rt.kube, kind, o);
  const { lastChange, statusChange: _s, dataChange: _d, ...object } = 'whole' in read ? read.whole : o;
  return {
    id: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
    object: object as unknown as Record<string, unknown>,
    ...('partial' in read ? { partial: read.partial } : {}),
    lastChange: lastChange ? { time: lastChange.time, manager: lastChange.manager } : null,
    events: recentEvents(rt.cache.stores, [o.metadata.uid], 30),
  };
}

/** The cached object `o` whole, as the API server has it now (a get), or why not. */
export async function wholeOf(
  kube: Runtime['kube'],
  kind: WatchedKind,
  o: KObject,
  timeoutMs = WHOLE_TIMEOUT_MS,
): Promise<{ whole: KObject } | { partial: string }> {
  if (!kube) return { partial: 'no API server to read it from' };
  const spec = WATCHED_KINDS[kind];
  const path = `${collectionPath(spec, o.metadata.namespace)}/${encodeURIComponent(o.metadata.name)}`;
  try {
    const raw = await kube.getJson(path, {}, AbortSignal.timeout(timeoutMs));
    const whole = normalize(spec.kind, spec.apiVersion, raw);
    if (whole.metadata.uid !== o.metadata.uid) return { partial: 'the API server holds a newer object of this name' };
    return { whole };
  } catch (e) {
    if (isHttpError(e)) return { partial: e.message };
    return {
      partial:
        e instanceof Error && e.name === 'TimeoutError'
          ? 'the API server did not answer in time'
          : 'the API server could not be reached',
    };
  }
}

export function configHistory(
  rt: Runtime,
  kind: 'ConfigMap' | 'Secret',
  namespace: string,
  name: string,
): ConfigHistoryView | undefined {
  const o = rt.cache.stores[kind].get(namespace, name);
  if (!o) return undefined;
  const source = `${kind}/${namespace}/${name}`;
  const cm = kind === 'ConfigMap' ? (o as ConfigMap) : undefined;
  return {
    source,
    lastApplied: cm ? lastAppliedData(cm) : null,
    current: { since: changedAt(o) ?? '', hashes: hashesOf(o), ...(cm ? { data: { ...(cm.data ?? {}) } } : {}) },
    versions: rt.cache.history
      .history(source)
      .map((v) => ({ since: v.since, hashes: v.hashes, ...(v.data ? { data: v.data } : {}) })),
  };
}
