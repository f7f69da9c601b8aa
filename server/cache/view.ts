import { isWatchedKind, WATCHED_KIND_NAMES } from '../kube/kinds';
import { ObjectStore } from './store';
import { installIndexes, type Stores } from './indexes';
import type { KObject } from './types';

/** A fresh, indexed set of empty stores: the live cache's shape, also what fixtures load into. */
export function createStores(): Stores {
  // One store per row of WATCHED_KINDS; the mapped type pairs each with its object type.
  const s = Object.fromEntries(WATCHED_KIND_NAMES.map((k) => [k, new ObjectStore(k)])) as unknown as Stores;
  installIndexes(s);
  return s;
}

/** Stores filled with already-normalized objects (fixtures, tests). Unknown kinds are ignored. */
export function storesOf(objects: KObject[]): Stores {
  const s = createStores();
  for (const o of objects) if (isWatchedKind(o.kind)) (s[o.kind] as ObjectStore).upsert(o);
  return s;
}
