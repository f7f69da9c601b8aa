/**
 * Something kept while in use and let go when idle (a scope's engine, a cluster's runtime): a use
 * counts as a hold until released, and its release marks the time it was last used. The returned
 * function releases once, however often it is called.
 */

export interface Held {
  holds: number;
  usedAt: number;
}

export function holdUse(h: Held, now: () => number): () => void {
  h.holds++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    h.holds--;
    h.usedAt = now();
  };
}
