/**
 * Values by key where nearly every key holds one value: a lone value is kept as it is and a Set
 * is made only for a second. The engine's indexes (who reads what, which parts hold a node, the
 * edges at a node, who derives an edge) hold ~500,000 keys at 20k pods, and a Set each cost
 * ~150 bytes of heap — 90 MB, and as many objects for every collection to mark. Values must not
 * be Sets themselves.
 */
export class MultiMap<K, V> {
  private readonly m = new Map<K, V | Set<V>>();

  /** Keys holding at least one value. */
  get size(): number {
    return this.m.size;
  }

  /** Adds a value under a key; true when the key held none before. */
  add(key: K, value: V): boolean {
    const cur = this.m.get(key);
    if (cur === undefined) {
      this.m.set(key, value);
      return true;
    }
    if (cur instanceof Set) cur.add(value);
    else if (cur !== value) this.m.set(key, new Set([cur, value]));
    return false;
  }

  /** Removes the values `match` picks from a key; true when the key holds none now. */
  deleteWhere(key: K, match: (v: V) => boolean): boolean {
    const cur = this.m.get(key);
    if (cur === undefined) return true;
    if (!(cur instanceof Set)) {
      if (!match(cur)) return false;
      this.m.delete(key);
      return true;
    }
    for (const v of cur) if (match(v)) cur.delete(v);
    if (cur.size > 1) return false;
    const [last] = cur;
    if (last === undefined) this.m.delete(key);
    else this.m.set(key, last);
    return last === undefined;
  }

  /**
   * Removes one value from a key; true when the key holds none now. O(1) however many values the
   * key holds (a namespace's list is read by a thousand entries), unlike `deleteWhere`.
   */
  delete(key: K, value: V): boolean {
    const cur = this.m.get(key);
    if (cur === undefined) return true;
    if (!(cur instanceof Set)) {
      if (cur !== value) return false;
      this.m.delete(key);
      return true;
    }
    if (!cur.delete(value) || cur.size > 1) return false;
    const [last] = cur;
    this.m.set(key, last);
    return false;
  }

  /** How many values a key holds. */
  count(key: K): number {
    const cur = this.m.get(key);
    return cur === undefined ? 0 : cur instanceof Set ? cur.size : 1;
  }

  /** The values under a key, in the order they were added (none for an unknown key). */
  get(key: K): Iterable<V> {
    const cur = this.m.get(key);
    return cur === undefined ? [] : cur instanceof Set ? cur : [cur];
  }
}
