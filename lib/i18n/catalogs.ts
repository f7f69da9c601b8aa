/**
 * Every locale's catalog, keyed by the LOCALES table: a locale added there without a catalog here, or a
 * catalog missing one of English's keys, does not compile. Server-side only (the request config, tests):
 * the browser gets its locale's catalog from the server (NextIntlClientProvider), never all of them.
 */

import type { Locale } from './locales';
import type { Messages } from './messages';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

export const CATALOGS: Record<Locale, Messages> = { en, 'zh-CN': zhCN };
