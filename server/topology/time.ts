import { elapsed } from '@/lib/duration';

/** How long a pod may stay not Ready, or a StatefulSet with none Ready, before it is stuck rather than starting. */
export const POD_STUCK_MS = 5 * 60_000;
/** How long a claim may stay Pending (provisioning) before it is stuck. */
export const CLAIM_STUCK_MS = 2 * 60_000;

/** How long since `iso`, in the one rounding the browser uses too (lib/duration.ts). */
export function since(iso: string | undefined | null, now: number): string {
  return elapsed(iso, now) ?? 'an unknown time';
}

export function olderThan(iso: string | undefined | null, ms: number, now: number): boolean {
  const t = iso ? Date.parse(iso) : NaN;
  return !Number.isNaN(t) && now - t > ms;
}
