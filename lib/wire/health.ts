import type { Health } from './topology';

/** How bad a health is, for sorting and for "the worst of". */
export const HEALTH_RANK: Record<Health, number> = { ok: 0, unknown: 1, progressing: 2, warning: 3, error: 4 };

/** A health someone must act on: warning or error (progressing and notes are not trouble). */
export function inTrouble(h: Health): boolean {
  return h === 'warning' || h === 'error';
}

export function worstHealth(hs: Iterable<Health>): Health {
  let w: Health = 'ok';
  for (const h of hs) if (HEALTH_RANK[h] > HEALTH_RANK[w]) w = h;
  return w;
}

/** Worst first, then by id: the order problem lists use. */
export function byHealthThenId<T extends { status: Health; id: string }>(a: T, b: T): number {
  return HEALTH_RANK[b.status] - HEALTH_RANK[a.status] || a.id.localeCompare(b.id);
}
