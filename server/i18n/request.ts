import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { LOCALE_COOKIE, negotiateLocale } from '@/lib/i18n/locales';

/**
 * next-intl's per-request config, without locale routing: URLs stay as they are (deep links,
 * the base path, /c/{cluster}); the locale is the picker's cookie or the browser's Accept-Language.
 */
export default getRequestConfig(async () => {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(c.get(LOCALE_COOKIE)?.value, h.get('accept-language'));
  return { locale, messages: CATALOGS[locale] };
});
