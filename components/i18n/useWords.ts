'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Words } from './words';
import { useCoarseNow } from '../ui/clock';

export type { Words } from './words';

/** The page's Words, remade when the locale (or its catalog) changes, and as the durations' clock ticks (every 30 s). */
export function useWords(): Words {
  const t = useTranslations();
  const locale = useLocale();
  const now = useCoarseNow();
  return useMemo(() => new Words(t, locale, now), [t, locale, now]);
}
