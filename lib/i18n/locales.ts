import { match } from '@formatjs/intl-localematcher';

/**
 * The locales Ordinal speaks, one row each: its catalog is lib/i18n/messages/{code}.json, its name is
 * what the picker shows (in that language, so a reader finds their own). Adding a locale is a row
 * here and a catalog beside en.json (README "Languages").
 */
export const LOCALES = {
  en: { name: 'English' },
  'zh-CN': { name: '简体中文' },
} as const;

export type Locale = keyof typeof LOCALES;
export const LOCALE_LIST = Object.keys(LOCALES) as Locale[];
export const DEFAULT_LOCALE: Locale = 'en';

/** The reader's choice, set by the picker; a year, the whole site (every cluster's pages). */
export const LOCALE_COOKIE = 'ordinal-locale';
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && Object.hasOwn(LOCALES, v);
}

const MAX_TAGS = 20;

/** `Accept-Language` as the browser ranks it (q-values, then order), malformed tags dropped. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const tags = header
    .slice(0, 1000)
    .split(',')
    .slice(0, MAX_TAGS)
    .map((part, i) => {
      const [tag, ...opts] = part.trim().split(';');
      const q = opts.map((o) => /^\s*q=([0-9.]+)\s*$/.exec(o)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.q > 0 && !Number.isNaN(t.q));
  const valid = tags.filter((t) => {
    try {
      return Intl.getCanonicalLocales(t.tag).length === 1;
    } catch {
      return false;
    }
  });
  return valid.sort((a, b) => b.q - a.q || a.i - b.i).map((t) => t.tag);
}

/**
 * The page's locale: the picker's cookie when it names one we speak, else the best match for the
 * browser's `Accept-Language` (CLDR's language matching: zh, zh-Hans, zh-SG → zh-CN), else English.
 */
export function negotiateLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const wanted = acceptedLanguages(acceptLanguage);
  if (wanted.length === 0) return DEFAULT_LOCALE;
  const found = match(wanted, LOCALE_LIST, DEFAULT_LOCALE, { algorithm: 'best fit' });
  return isLocale(found) ? found : DEFAULT_LOCALE;
}
