'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { rootPath } from '../ui/basePath';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALE_LIST, LOCALES } from '@/lib/i18n/locales';

/**
 * The reader's language, remembered in a cookie on the site's root (so it holds for every cluster's
 * pages). Switching re-renders the page on the server in place (router.refresh): the URL, the
 * scroll, the open panels and the data already loaded stay.
 * DOM hook: `data-locale`.
 */
export function LocalePicker() {
  const t = useTranslations('header');
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <label className="locale-picker" data-locale={locale}>
      <span className="sr-only">{t('language')}</span>
      <select
        value={locale}
        aria-label={t('language')}
        aria-busy={pending}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLocale(next)) return;
          document.cookie = `${LOCALE_COOKIE}=${next}; Path=${rootPath() || '/'}; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
          start(() => router.refresh());
        }}
      >
        {LOCALE_LIST.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALES[l].name}
          </option>
        ))}
      </select>
    </label>
  );
}
