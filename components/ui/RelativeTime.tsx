'use client';

import { useWords } from '../i18n/useWords';
import { useNow } from './clock';

/** "5m ago" on the page's one clock and the diagnoses' rounding, kept current, in the reader's language; the exact time in the tooltip. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  const now = useNow();
  const words = useWords();
  return (
    <time dateTime={iso ?? undefined} title={iso ? words.dateTime(iso) : undefined}>
      {words.ago(iso, now)}
    </time>
  );
}
