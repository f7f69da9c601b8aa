/** Up to this many values a key keeps in an array; beyond, in a Set (O(1) deletes for the crowded). */
const SMALL = 8;

/**
 * Values by key where nearly every key holds one value or a few: a lone value is kept as it is,
 * a few in an array, and a Set is made only past SMALL. The engine's indexes (who reads what,
 * which parts hold a node, the edges at a node, who derives an edge) and the stores' hold ~500,000
 * keys at 20k pods; a Set costs ~400 bytes of heap and two objects for every collection to mark,
 * an array of a few values a tenth of that. Values must be neither Sets nor arrays.
 */
export class MultiMap<K, V> {
  private readonly m = new Map<K, V | V[] | Set<V>>();

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
    else if (Array.isArray(cur)) {
      if (cur.includes(value)) return false;
      if (cur.length < SMALL) cur.push(value);
      else this.m.set(key, new Set([...cur, value]));
    } else if (cur !== value) this.m.set(key, [cur, value]);
    return false;
  }

  /** Removes the values `match` picks from a key; true when the key holds none now. */
  deleteWhere(key: K, match: (v: V) => boolean): boolean {
    const cur = this.m.get(key);
    if (cur === undefined) return true;
    const kept = cur instanceof Set || Array.isArray(cur) ? [...cur].filter((v) => !match(v)) : match(cur) ? [] : [cur];
    return this.keep(key, cur, kept);
  }

  /**
   * Removes one value from a key; true when the key holds none now. O(1) however many values the
   * key holds (a namespace's list is read by a thousand entries), unlike `deleteWhere`.
   */
  delete(key: K, value: V): boolean {
    const cur = this.m.get(key);
    if (cur === undefined) return true;
    if (cur instanceof Set) {
      if (!cur.delete(value) || cur.size > 1) return false;
      const [last] = cur;
      this.m.set(key, last);
      return false;
    }
    if (!Array.isArray(cur)) {
      if (cur !== value) return false;
      this.m.delete(key);
      return true;
    }
    if (!cur.includes(value)) return false;
    // A new array, not a splice: a caller may be iterating the one `get` gave it.
    return this.keep(
      key,
      cur,
      cur.filter((v) => v !== value),
    );
  }

  /** Makes `kept` what a key holds, in the leanest form; true when that is nothing. */
  private keep(key: K, cur: V | V[] | Set<V>, kept: V[]): boolean {
    if (kept.length === 0) this.m.delete(key);
    else if (kept.length === 1) this.m.set(key, kept[0]);
    else if (cur instanceof Set && kept.length === cur.size) return false;
    else this.m.set(key, kept.length <= SMALL ? kept : new Set(kept));
    return kept.length === 0;
  }

  /** How many values a key holds. */
  count(key: K): number {
    const cur = this.m.get(key);
    return cur === undefined ? 0 : cur instanceof Set ? cur.size : Array.isArray(cur) ? cur.length : 1;
  }

  /** The values under a key, in the order they were added (none for an unknown key). */
  get(key: K): Iterable<V> {
    const cur = this.m.get(key);
    return cur === undefined ? [] : cur instanceof Set || Array.isArray(cur) ? cur : [cur];
  }
}
