import { createTranslator } from 'use-intl/core';
import { Words } from '@/components/i18n/words';
import { CATALOGS } from '@/lib/i18n/catalogs';
import type { Locale } from '@/lib/i18n/locales';
import type { Finding, FindingCode, ParamsOf, Severity } from '@/lib/wire/findings';

/** The browser's Words outside React: the same catalogs through use-intl's own translator (next-intl's core). */
export function testWords(locale: Locale = 'en'): Words {
  const t = createTranslator({ locale, messages: CATALOGS[locale] });
  return new Words(t as unknown as ConstructorParameters<typeof Words>[0], locale);
}

/**
 * A finding as the wire carries it, built by hand: the browser words it from code and params alone, so its
 * English `message` is left empty here to prove the words do not come from it.
 */
export function testFinding<C extends FindingCode>(code: C, severity: Severity, params: ParamsOf<C>): Finding {
  return { code, severity, message: '', params };
}
