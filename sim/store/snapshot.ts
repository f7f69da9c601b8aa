import { keyOf } from '../model/meta';
import type { ResourceType } from '../model/resources';
import type { KubeObject } from '../model/types';
import type { Store } from './store';

/**
 * One resource's objects as they were at an earlier resourceVersion still in the history
 * window: what a continue token pages over, as etcd reads a range at the first page's
 * revision. The current objects, with every retained change after `rv` undone.
 */
export class Snapshot {
  /** Key -> the object at `rv`, or undefined where it did not exist then; only keys changed since. */
  private readonly then = new Map<string, KubeObject | undefined>();

  constructor(
    private readonly store: Store,
    private readonly r: ResourceType,
    private readonly namespace: string | undefined,
    rv: number,
  ) {
    const events = store.history.since(rv, r);
    if (!events) throw new RangeError(`resourceVersion ${rv} is older than the retained history`);
    for (const ev of events) {
      if (namespace && ev.object.metadata.namespace !== namespace) continue;
      const key = keyOf(ev.object);
      if (!this.then.has(key)) this.then.set(key, ev.type === 'ADDED' ? undefined : ev.previous);
    }
  }

  /** Objects at `rv` in key order, strictly after `after` when given. */
  *scan(after?: string): Generator<KubeObject> {
    const gone = [...this.then]
      .filter(([key, o]) => o && (after === undefined || key > after) && !this.store.byKey(this.r, key))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    let g = 0;
    for (const current of this.store.scan(this.r, this.namespace, after)) {
      const key = keyOf(current);
      for (; g < gone.length && gone[g][0] < key; g++) yield gone[g][1] as KubeObject;
      const then = this.then.has(key) ? this.then.get(key) : current;
      if (then) yield then;
    }
    for (; g < gone.length; g++) yield gone[g][1] as KubeObject;
  }

  /** How many objects at `rv` follow `key`: the page's remainingItemCount. */
  countAfter(key: string): number {
    let n = this.store.countAfter(this.r, key, this.namespace);
    for (const [k, o] of this.then) {
      if (k <= key) continue;
      n += (o ? 1 : 0) - (this.store.byKey(this.r, k) ? 1 : 0);
    }
    return n;
  }
}
