import { MultiMap } from './multimap';
import type { KObject } from './types';

export type IndexFn<T> = (o: T) => string[];

/**
 * Why a change happened in the store: seen on a watch; found by a (re)list, so it happened
 * while unobserved; or the scope was dropped because it can no longer be seen (403), which
 * says nothing about the objects themselves.
 */
export type ChangeCause = 'watch' | 'relist' | 'forget';

export interface StoreChange<T extends KObject = KObject> {
  kind: string;
  cause: ChangeCause;
  key: string;
  namespace?: string;
  old?: T;
  obj?: T;
  /**
   * The object as it came (normalized, not reduced to the store's facts), on a change made by an
   * upsert of a store that reduces: what the change history records. Not kept by the store.
   */
  whole?: T;
}

export function keyOf(o: KObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/**
 * What derivations read of a store: the live one, or a viewer's restricted view of it
 * (server/cache/restrict.ts). `hidden` says the viewer may not list the kind there — so an
 * absent object is not known to be missing, and no derivation says it is.
 */
export interface ReadStore<T extends KObject = KObject> {
  readonly kind: string;
  readonly size: number;
  get(namespace: string | undefined, name: string): T | undefined;
  list(namespace?: string): T[];
  namespaces(): string[];
  byIndex(name: string, value: string): T[];
  hidden(namespace?: string): boolean;
}

/**
 * A thread of client-go's tools/cache: a keyed store of immutable objects with
 * named indexes (index function → values → keys) and change notifications.
 * Keys are `namespace/name` or `name`.
 */
export class ObjectStore<T extends KObject = KObject> implements ReadStore<T> {
  private readonly items = new Map<string, T>();
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private readonly indexers = new Map<string, IndexFn<T>>();
  private readonly indices = new Map<string, MultiMap<string, string>>();
  private readonly listeners = new Set<(c: StoreChange<T>) => void>();

  /**
   * `reduce`: what is kept of an upserted object, given what was kept of its last version
   * (server/cache/facts.ts); absent, all of it.
   */
  constructor(
    readonly kind: string,
    private readonly reduce?: (whole: T, old: T | undefined) => T,
  ) {}

  addIndex(name: string, fn: IndexFn<T>): this {
    this.indexers.set(name, fn);
    const index = new MultiMap<string, string>();
    this.indices.set(name, index);
    for (const [key, o] of this.items) for (const v of fn(o)) index.add(v, key);
    return this;
  }

  get size(): number {
    return this.items.size;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.items.values()];
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }

  namespaces(): string[] {
    return [...this.byNamespace.keys()];
  }

  /** The live store hides nothing. */
  hidden(): boolean {
    return false;
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indices.get(name)?.get(value) ?? [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.items.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  onChange(fn: (c: StoreChange<T>) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  upsert(whole: T, cause: ChangeCause = 'watch'): void {
    const key = keyOf(whole);
    const old = this.items.get(key);
    if (old && old.metadata.resourceVersion && old.metadata.resourceVersion === whole.metadata.resourceVersion) return;
    if (this.reduce) this.write(key, old, this.reduce(whole, old), cause, whole);
    else this.write(key, old, whole, cause);
  }

  remove(namespace: string | undefined, name: string): void {
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.items.get(key);
    if (old) this.write(key, old, undefined, 'watch');
  }

  /** A relist: makes the objects in scope (one namespace, or all) exactly `objs`. */
  replace(objs: T[], namespace?: string): void {
    const fresh = new Map(objs.map((o) => [keyOf(o), o]));
    for (const old of this.list(namespace))
      if (!fresh.has(keyOf(old))) this.write(keyOf(old), old, undefined, 'relist');
    for (const o of fresh.values()) this.upsert(o, 'relist');
  }

  /** Empties a scope that can no longer be seen: its objects leave the views, not the cluster. */
  forget(namespace?: string): void {
    for (const old of this.list(namespace)) this.write(keyOf(old), old, undefined, 'forget');
  }

  private write(key: string, old: T | undefined, obj: T | undefined, cause: ChangeCause, whole?: T): void {
    if (old) {
      for (const [name, fn] of this.indexers) for (const v of fn(old)) this.indices.get(name)?.delete(v, key);
      this.byNamespace.get(old.metadata.namespace ?? '')?.delete(key);
    }
    if (obj) {
      this.items.set(key, obj);
      for (const [name, fn] of this.indexers) for (const v of fn(obj)) this.indices.get(name)?.add(v, key);
      const ns = obj.metadata.namespace ?? '';
      let m = this.byNamespace.get(ns);
      if (!m) {
        m = new Map();
        this.byNamespace.set(ns, m);
      }
      m.set(key, obj);
    } else {
      this.items.delete(key);
      if (old && this.byNamespace.get(old.metadata.namespace ?? '')?.size === 0)
        this.byNamespace.delete(old.metadata.namespace ?? '');
    }
    const namespace = (obj ?? old)?.metadata.namespace;
    const change: StoreChange<T> = { kind: this.kind, cause, key, namespace, old, obj, ...(whole ? { whole } : {}) };
    for (const fn of this.listeners) fn(change);
  }
}
