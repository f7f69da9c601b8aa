/**
 * One copy of each repeated string the cache holds. JSON.parse makes a new string for every value
 * it reads, so a cluster's namespace names, label values, images, node names, owner uids, condition
 * types and timestamps exist once per object that carries them — at 20k pods, hundreds of thousands
 * of copies of a few thousand strings.
 *
 * The pool is bounded by two generations of `max` strings: when the newer is full it becomes the
 * older and a new one starts. A string met again is moved into the newer, so what repeats stays
 * shared however many strings met once (a uid, a message naming one pod) pass through; the copies
 * already shared stay shared either way.
 */
export class InternPool {
  private newer = new Map<string, string>();
  private older = new Map<string, string>();

  constructor(
    private readonly max = 200_000,
    /** Longer strings are rarely repeated and are kept as they come. */
    private readonly maxLength = 256,
  ) {}

  intern(s: string): string {
    if (s.length > this.maxLength) return s;
    const have = this.newer.get(s);
    if (have !== undefined) return have;
    const kept = this.older.get(s) ?? s;
    if (this.newer.size >= this.max) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(kept, kept);
    return kept;
  }
}
