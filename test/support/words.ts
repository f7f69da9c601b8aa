import { createTranslator } from 'use-intl/core';
import { Words } from '@/components/i18n/words';
import { CATALOGS } from '@/lib/i18n/catalogs';
import type { Locale } from '@/lib/i18n/locales';
import type { Finding, FindingCode, ParamsOf, Severity } from '@/lib/wire/findings';

/** What the tests' clock says: durations from a finding's `since` are read against it. */
export const TEST_NOW = Date.parse('2026-11-01T10:00:00Z');

/** A time `ms` before TEST_NOW, as a finding's `since` carries it. */
export const before = (ms: number): string => new Date(TEST_NOW - ms).toISOString();

/** The browser's Words outside React: the same catalogs through use-intl's own translator (next-intl's core). */
export function testWords(locale: Locale = 'en', now: number = TEST_NOW): Words {
  const t = createTranslator({ locale, messages: CATALOGS[locale] });
  return new Words(t as unknown as ConstructorParameters<typeof Words>[0], locale, now);
}

/**
 * A finding as the wire carries it, built by hand: the browser words it from code and params alone, so its
 * English `message` is left empty here to prove the words do not come from it.
 */
export function testFinding<C extends FindingCode>(code: C, severity: Severity, params: ParamsOf<C>): Finding {
  return { code, severity, message: '', params };
}
