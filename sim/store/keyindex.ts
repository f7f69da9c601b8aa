/**
 * The keys of one resource in etcd's range order (`namespace/name`, or `name` for
 * cluster-scoped kinds), bucketed by namespace, so that a namespace's objects are found
 * without scanning the cluster and a page resumes from its key by binary search.
 *
 * Order: sorting namespaces by `namespace + "/"` and then names within each gives exactly
 * the order of the full keys, because no namespace contains "/". Sorted arrays are rebuilt
 * lazily after an insert or delete in their bucket, so bulk writes cost nothing until read.
 */
interface Bucket {
  keys: Set<string>;
  sorted?: string[];
}

export class KeyIndex {
  private readonly buckets = new Map<string, Bucket>();
  private namespaces?: string[];

  add(namespace: string, key: string): void {
    let b = this.buckets.get(namespace);
    if (!b) {
      b = { keys: new Set() };
      this.buckets.set(namespace, b);
      this.namespaces = undefined;
    }
    if (b.keys.has(key)) return;
    b.keys.add(key);
    b.sorted = undefined;
  }

  remove(namespace: string, key: string): void {
    const b = this.buckets.get(namespace);
    if (!b?.keys.delete(key)) return;
    b.sorted = undefined;
    if (b.keys.size === 0) {
      this.buckets.delete(namespace);
      this.namespaces = undefined;
    }
  }

  size(namespace?: string): number {
    if (namespace !== undefined) return this.buckets.get(namespace)?.keys.size ?? 0;
    let n = 0;
    for (const b of this.buckets.values()) n += b.keys.size;
    return n;
  }

  /** Keys in range order, of one namespace or all, strictly after `after` when given. */
  *keys(namespace?: string, after?: string): Generator<string> {
    for (const ns of namespace !== undefined ? [namespace] : this.orderedNamespaces()) {
      const sorted = this.sortedKeys(ns);
      if (after !== undefined && sorted.length > 0 && sorted[sorted.length - 1] <= after) continue;
      for (let i = after === undefined ? 0 : upperBound(sorted, after); i < sorted.length; i++) yield sorted[i];
    }
  }

  /** How many keys come after `key` (in one namespace or all): a list's remainingItemCount. */
  countAfter(key: string, namespace?: string): number {
    let n = 0;
    for (const ns of namespace !== undefined ? [namespace] : this.orderedNamespaces()) {
      const sorted = this.sortedKeys(ns);
      n += sorted.length - upperBound(sorted, key);
    }
    return n;
  }

  private orderedNamespaces(): string[] {
    this.namespaces ??= [...this.buckets.keys()].sort((a, b) => compare(a ? `${a}/` : '', b ? `${b}/` : ''));
    return this.namespaces;
  }

  private sortedKeys(namespace: string): string[] {
    const b = this.buckets.get(namespace);
    if (!b) return [];
    b.sorted ??= [...b.keys].sort(compare);
    return b.sorted;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index whose key is greater than `key`. */
function upperBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
