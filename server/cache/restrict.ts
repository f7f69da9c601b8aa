import { WATCHED_KINDS, WATCHED_KIND_NAMES, type WatchedKind } from '../kube/kinds';
import type { LiveStores, Stores } from './indexes';
import type { ObjectStore, ReadStore } from './store';
import type { KObject } from './types';

/**
 * Which kinds a viewer may list where: `sees(kind)` for a cluster-scoped kind (or a namespaced
 * one cluster-wide), `sees(kind, namespace)` in one namespace.
 */
export type Sees = (kind: WatchedKind, namespace?: string) => boolean;

/**
 * One viewer's view of a live store: only the objects in namespaces where the viewer may list
 * the kind, through the same reads (the live store's indexes, filtered), so every derivation
 * runs on it unchanged and cannot mention what is not there. `hidden` tells a derivation an
 * absent object may exist unseen, so it is not called missing.
 */
class RestrictedStore<T extends KObject> implements ReadStore<T> {
  constructor(
    private readonly live: ObjectStore<T>,
    private readonly allowed: (namespace: string | undefined) => boolean,
    private readonly everywhere: boolean,
  ) {}

  get kind(): string {
    return this.live.kind;
  }

  get size(): number {
    return this.everywhere ? this.live.size : this.list().length;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.allowed(namespace) ? this.live.get(namespace, name) : undefined;
  }

  list(namespace?: string): T[] {
    if (this.everywhere) return this.live.list(namespace);
    if (namespace !== undefined) return this.allowed(namespace) ? this.live.list(namespace) : [];
    return this.live
      .namespaces()
      .filter((ns) => this.allowed(ns || undefined))
      .flatMap((ns) => this.live.list(ns));
  }

  namespaces(): string[] {
    const all = this.live.namespaces();
    return this.everywhere ? all : all.filter((ns) => this.allowed(ns || undefined));
  }

  byIndex(name: string, value: string): T[] {
    const found = this.live.byIndex(name, value);
    return this.everywhere ? found : found.filter((o) => this.allowed(o.metadata.namespace));
  }

  hidden(namespace?: string): boolean {
    return !this.everywhere && !this.allowed(namespace);
  }
}

/** The live stores as one viewer may see them: each kind's store restricted by `sees`. */
export function restrictStores(live: LiveStores, sees: Sees): Stores {
  const view = (kind: WatchedKind) => {
    const everywhere = sees(kind);
    const allowed = WATCHED_KINDS[kind].namespaced
      ? (ns: string | undefined) => everywhere || (ns !== undefined && sees(kind, ns))
      : () => everywhere;
    return new RestrictedStore(live[kind] as ObjectStore<KObject>, allowed, everywhere);
  };
  // One view per row of WATCHED_KINDS; each keeps its live store's object type.
  return Object.fromEntries(WATCHED_KIND_NAMES.map((k) => [k, view(k)])) as unknown as Stores;
}
