import { keyOf, objectKey } from '../model/meta';
import { qualifiedName, type ResourceType } from '../model/resources';
import type { KubeObject } from '../model/types';
import { History, type StoreEvent } from './history';
import { KeyIndex } from './keyindex';

export type { StoreEvent, ChangeType } from './history';

export type Listener = (ev: StoreEvent) => void;

/**
 * The sim's etcd: objects per resource, one cluster-wide monotonically increasing
 * resourceVersion, a retained change history and synchronous change listeners.
 * Stored objects are frozen; writers always replace, never mutate.
 */
export class Store {
  private rvCounter: number;
  private readonly tables = new Map<ResourceType, Map<string, KubeObject>>();
  private readonly order = new Map<ResourceType, KeyIndex>();
  private readonly byOwner = new Map<string, Set<string>>(); // owner uid -> "resource|key"
  private readonly byLabel = new Map<string, Set<string>>(); // "resource|namespace|key=value" -> keys
  private readonly listeners = new Set<Listener>();
  readonly history: History;

  constructor(opts: { historyCapacity?: number; initialRv?: number } = {}) {
    this.history = new History(opts.historyCapacity ?? 200_000);
    this.rvCounter = opts.initialRv ?? 1000;
    this.history.floor = this.rvCounter;
  }

  get resourceVersion(): number {
    return this.rvCounter;
  }

  private table(r: ResourceType): Map<string, KubeObject> {
    let t = this.tables.get(r);
    if (!t) {
      t = new Map();
      this.tables.set(r, t);
    }
    return t;
  }

  get(r: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.table(r).get(objectKey(r.namespaced ? namespace : undefined, name));
  }

  byKey(r: ResourceType, key: string): KubeObject | undefined {
    return this.table(r).get(key);
  }

  private index(r: ResourceType): KeyIndex {
    let i = this.order.get(r);
    if (!i) {
      i = new KeyIndex();
      this.order.set(r, i);
    }
    return i;
  }

  /** Objects of a resource, optionally one namespace, sorted by key like etcd range reads. */
  list(r: ResourceType, namespace?: string): KubeObject[] {
    return [...this.scan(r, namespace || undefined)];
  }

  /** Objects in key order from just after `after` (a continue token's key), lazily. */
  *scan(r: ResourceType, namespace?: string, after?: string): Generator<KubeObject> {
    const table = this.table(r);
    for (const key of this.index(r).keys(namespace, after)) {
      const o = table.get(key);
      if (o) yield o;
    }
  }

  /** How many objects follow `key` in the list's order: its remainingItemCount. */
  countAfter(r: ResourceType, key: string, namespace?: string): number {
    return this.index(r).countAfter(key, namespace);
  }

  count(r: ResourceType): number {
    return this.table(r).size;
  }

  /** Objects whose ownerReferences name `uid`, across resources. */
  dependents(
    uid: string,
    resolve: (name: string) => ResourceType,
  ): Array<{ resource: ResourceType; object: KubeObject }> {
    const out: Array<{ resource: ResourceType; object: KubeObject }> = [];
    for (const ref of this.byOwner.get(uid) ?? []) {
      const sep = ref.indexOf('|');
      const resource = resolve(ref.slice(0, sep));
      const object = this.table(resource).get(ref.slice(sep + 1));
      if (object) out.push({ resource, object });
    }
    return out;
  }

  /**
   * Objects of one resource whose ownerReferences name `uid`, in key order: what a controller's
   * informer finds by its owner index, instead of listing the namespace (a StatefulSet of 20 pods
   * in a namespace of 1,000 reads 20).
   */
  ownedBy(r: ResourceType, uid: string | undefined): KubeObject[] {
    if (!uid) return [];
    const prefix = `${qualifiedName(r)}|`;
    const keys: string[] = [];
    for (const ref of this.byOwner.get(uid) ?? []) if (ref.startsWith(prefix)) keys.push(ref.slice(prefix.length));
    const table = this.table(r);
    return keys.sort().flatMap((k) => table.get(k) ?? []);
  }

  /**
   * Objects of one namespace carrying every label of `selector` (a Service's equality selector),
   * in key order, by the label index: what the endpoint controllers select, without matching
   * every pod of the namespace (a Service of 100 pods in a namespace of 1,000 reads 100).
   */
  selectedBy(r: ResourceType, namespace: string, selector: Record<string, string>): KubeObject[] {
    const pairs = Object.entries(selector);
    let fewest: Set<string> | undefined;
    for (const [k, v] of pairs) {
      const keys = this.byLabel.get(labelRef(r, namespace, k, v));
      if (!keys) return [];
      if (!fewest || keys.size < fewest.size) fewest = keys;
    }
    const table = this.table(r);
    const out: KubeObject[] = [];
    for (const key of [...(fewest ?? [])].sort()) {
      const o = table.get(key);
      if (o && pairs.every(([k, v]) => o.metadata.labels?.[k] === v)) out.push(o);
    }
    return out;
  }

  /** Writes an object, stamping the next resourceVersion. The caller has validated it. */
  put(r: ResourceType, obj: KubeObject): KubeObject {
    const key = keyOf(obj);
    const previous = this.table(r).get(key);
    const rv = ++this.rvCounter;
    const stored = deepFreeze({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } });
    this.table(r).set(key, stored);
    if (!previous) this.index(r).add(stored.metadata.namespace ?? '', key);
    this.reindex(r, key, previous, stored);
    this.emit({ rv, type: previous ? 'MODIFIED' : 'ADDED', resource: r, object: stored, previous });
    return stored;
  }

  remove(r: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(r.namespaced ? namespace : undefined, name);
    const previous = this.table(r).get(key);
    if (!previous) return undefined;
    this.table(r).delete(key);
    this.index(r).remove(previous.metadata.namespace ?? '', key);
    this.reindex(r, key, previous, undefined);
    const rv = ++this.rvCounter;
    // The DELETED event carries the object as last seen, at the deletion's resourceVersion.
    const gone = deepFreeze({ ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } });
    this.emit({ rv, type: 'DELETED', resource: r, object: gone, previous });
    return gone;
  }

  compact(): void {
    this.history.compact(this.rvCounter);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(ev: StoreEvent): void {
    this.history.push(ev);
    for (const fn of [...this.listeners]) fn(ev);
  }

  private reindex(r: ResourceType, key: string, before?: KubeObject, after?: KubeObject): void {
    this.relabel(r, key, before, after);
    const ref = `${qualifiedName(r)}|${key}`;
    for (const o of before?.metadata.ownerReferences ?? []) this.byOwner.get(o.uid)?.delete(ref);
    for (const o of after?.metadata.ownerReferences ?? []) {
      let set = this.byOwner.get(o.uid);
      if (!set) {
        set = new Set();
        this.byOwner.set(o.uid, set);
      }
      set.add(ref);
    }
  }

  /** The label index (selectedBy): the pairs an object left, then the pairs it gained. */
  private relabel(r: ResourceType, key: string, before?: KubeObject, after?: KubeObject): void {
    const ns = (after ?? before)?.metadata.namespace ?? '';
    for (const [k, v] of Object.entries(before?.metadata.labels ?? {})) {
      if (after?.metadata.labels?.[k] === v) continue;
      const ref = labelRef(r, ns, k, v);
      const keys = this.byLabel.get(ref);
      keys?.delete(key);
      if (keys?.size === 0) this.byLabel.delete(ref);
    }
    for (const [k, v] of Object.entries(after?.metadata.labels ?? {})) {
      if (before?.metadata.labels?.[k] === v) continue;
      const ref = labelRef(r, ns, k, v);
      let keys = this.byLabel.get(ref);
      if (!keys) this.byLabel.set(ref, (keys = new Set()));
      keys.add(key);
    }
  }
}

const labelRef = (r: ResourceType, namespace: string, k: string, v: string): string =>
  `${qualifiedName(r)}|${namespace}|${k}=${v}`;

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
