import { definedFields, isRecord } from '@/lib/json';

/**
 * Equality of two JSON values (nodes, edges) as JSON values: undefined fields are absent, key order
 * does not count, array order does. Allocates nothing: the engine compares every rebuilt node with
 * its last version, and the key arrays a comparison by `Object.keys` made were a tenth of all the
 * server allocated under churn.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  let n = 0;
  for (const k in a) {
    const x = a[k];
    if (x === undefined) continue;
    if (!sameJson(x, b[k])) return false;
    n++;
  }
  return n === definedFields(b);
}
