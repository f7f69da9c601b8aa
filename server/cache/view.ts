import { isWatchedKind, WATCHED_KIND_NAMES, type WatchedKind } from '../kube/kinds';
import { factsOf } from './facts';
import { ObjectStore } from './store';
import { installIndexes, type LiveStores } from './indexes';
import type { KindTypes, KObject } from './types';

/**
 * A fresh, indexed set of empty stores: the live cache's shape, also what fixtures load into. Each
 * keeps the facts of what it is given (its kind's row of FACTS), as the live cache does; with
 * `whole`, the objects as given — for stores built once, read once and dropped (the cluster at a
 * past time), where reducing every object would cost more than keeping it for the request.
 */
export function createStores(o: { whole?: boolean } = {}): LiveStores {
  // One store per row of WATCHED_KINDS; the mapped type pairs each with its object type.
  const reduce = (k: WatchedKind) => (whole: KObject, old: KObject | undefined) =>
    factsOf(k, whole as KindTypes[typeof k], old as KindTypes[typeof k] | undefined);
  const store = (k: WatchedKind) => new ObjectStore<KObject>(k, o.whole ? undefined : reduce(k));
  const s = Object.fromEntries(WATCHED_KIND_NAMES.map((k) => [k, store(k)])) as unknown as LiveStores;
  installIndexes(s);
  return s;
}

/** Stores filled with already-normalized objects (fixtures, tests). Unknown kinds are ignored. */
export function storesOf(objects: KObject[]): LiveStores {
  const s = createStores();
  for (const o of objects) if (isWatchedKind(o.kind)) (s[o.kind] as ObjectStore).upsert(o);
  return s;
}
