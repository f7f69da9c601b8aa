/**
 * Durations as an SRE reads them (45s, 5m, 2h10m, 3d), one rounding for every place that
 * says one: the server's diagnoses ("not Ready for 1m") and the browser's relative times
 * ("56s ago", worded per locale from `elapsed` by components/i18n/words.ts) floor alike, so
 * the two never disagree about which side of a minute it is.
 */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** How long ago an RFC 3339 time was, or undefined when it is not one. */
export function elapsed(iso: string | undefined | null, now: number): string | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : duration(now - t);
}
