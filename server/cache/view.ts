import { isWatchedKind, WATCHED_KIND_NAMES } from '../kube/kinds';
import { ObjectStore } from './store';
import { installIndexes, type LiveStores } from './indexes';
import type { KObject } from './types';

/** A fresh, indexed set of empty stores: the live cache's shape, also what fixtures load into. */
export function createStores(): LiveStores {
  // One store per row of WATCHED_KINDS; the mapped type pairs each with its object type.
  const s = Object.fromEntries(WATCHED_KIND_NAMES.map((k) => [k, new ObjectStore(k)])) as unknown as LiveStores;
  installIndexes(s);
  return s;
}

/** Stores filled with already-normalized objects (fixtures, tests). Unknown kinds are ignored. */
export function storesOf(objects: KObject[]): LiveStores {
  const s = createStores();
  for (const o of objects) if (isWatchedKind(o.kind)) (s[o.kind] as ObjectStore).upsert(o);
  return s;
}
