'use client';

import { ago } from '@/lib/duration';
import { useNow } from './clock';

/** "5m ago" on the page's one clock and the diagnoses' rounding, kept current; the exact time in the tooltip. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const now = useNow();
  return <time dateTime={iso ?? undefined} title={iso ?? undefined}>{ago(iso, now)}</time>;
}
