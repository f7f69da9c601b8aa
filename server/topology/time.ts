/** How long a pod may stay not Ready, or a StatefulSet with none Ready, before it is stuck rather than starting. */
export const POD_STUCK_MS = 5 * 60_000;
/** How long a claim may stay Pending (provisioning) before it is stuck. */
export const CLAIM_STUCK_MS = 2 * 60_000;

/** Durations as an SRE reads them: 45s, 5m, 2h10m, 3d. */
export function since(iso: string | undefined | null, now: number): string {
  if (!iso) return 'an unknown time';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'an unknown time';
  return duration(now - t);
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

export function olderThan(iso: string | undefined | null, ms: number, now: number): boolean {
  const t = iso ? Date.parse(iso) : NaN;
  return !Number.isNaN(t) && now - t > ms;
}
