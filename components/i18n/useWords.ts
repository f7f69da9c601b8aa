'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Words } from './words';

export type { Words } from './words';

/** The page's Words, remade when the locale (or its catalog) changes. */
export function useWords(): Words {
  const t = useTranslations();
  const locale = useLocale();
  return useMemo(() => new Words(t, locale), [t, locale]);
}
