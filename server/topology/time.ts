/** How long a pod may stay not Ready, or a StatefulSet with none Ready, before it is stuck rather than starting. */
export const POD_STUCK_MS = 5 * 60_000;
/** How long a claim may stay Pending (provisioning) before it is stuck. */
export const CLAIM_STUCK_MS = 2 * 60_000;

/**
 * Whether `iso` is more than `ms` before `now`: a threshold ("not Ready for more than 5m"). One
 * not crossed yet is noted for the build under way (`withWakeup`): what was derived holds until
 * then, and the engine rebuilds it at that time instead of every so often.
 */
export function olderThan(iso: string | undefined | null, ms: number, now: number): boolean {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return false;
  const older = now - t > ms;
  if (!older && collecting) collecting.at = Math.min(collecting.at, t + ms + 1);
  return older;
}

let collecting: { at: number } | undefined;

/**
 * Runs a derivation and says when the first threshold it asked will be crossed (ms since the
 * epoch), or undefined when none will: until then, the same stores derive the same nodes.
 */
export function withWakeup<T>(build: () => T): { value: T; wakeAt?: number } {
  const outer = collecting;
  const mine = { at: Infinity };
  collecting = mine;
  try {
    const value = build();
    return Number.isFinite(mine.at) ? { value, wakeAt: mine.at } : { value };
  } finally {
    collecting = outer;
    if (outer) outer.at = Math.min(outer.at, mine.at);
  }
}
