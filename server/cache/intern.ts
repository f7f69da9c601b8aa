/**
 * One copy of each repeated string the cache holds. JSON.parse makes a new string for every value
 * it reads, so a cluster's namespace names, label values, images, node names, owner uids, condition
 * types and timestamps exist once per object that carries them — at 20k pods, hundreds of thousands
 * of copies of a few thousand strings.
 *
 * The pool is bounded: when it holds `max` strings it starts over, so a string met once (a uid, a
 * resource version) costs a slot only until then; the copies already shared stay shared.
 */
export class InternPool {
  private pool = new Map<string, string>();

  constructor(
    private readonly max = 200_000,
    /** Longer strings are rarely repeated and are kept as they come. */
    private readonly maxLength = 256,
  ) {}

  intern(s: string): string {
    if (s.length > this.maxLength) return s;
    const have = this.pool.get(s);
    if (have !== undefined) return have;
    if (this.pool.size >= this.max) this.pool = new Map();
    this.pool.set(s, s);
    return s;
  }
}
