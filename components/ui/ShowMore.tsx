'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { useWords } from '../i18n/useWords';

/**
 * Long lists are drawn a page at a time: at 20,000 claims a full table takes the browser
 * many seconds and nobody reads past the problems, which come first. Returns the rows to
 * draw and a footer saying how many are hidden, with buttons for more and for all. A row
 * `keep` picks (the deep-linked one) is drawn even when it lies beyond the page.
 */
export function useShown<T>(
  items: T[],
  what: string,
  keep?: (item: T) => boolean,
  step = 200,
): { shown: T[]; footer: ReactNode } {
  const [limit, setLimit] = useState(step);
  if (items.length <= limit) return { shown: items, footer: null };
  const page = items.slice(0, limit);
  const kept = keep && !page.some(keep) ? items.slice(limit).find(keep) : undefined;
  const footer = <MoreFooter shown={limit} total={items.length} what={what} step={step} onShow={setLimit} />;
  return { shown: kept ? [...page, kept] : page, footer };
}

/** "Showing n of total, problems first", with buttons for `step` more and for all; `onShow` gets the new count. */
export function MoreFooter({
  shown,
  total,
  what,
  step = 200,
  onShow,
}: {
  shown: number;
  total: number;
  what: string;
  step?: number;
  onShow: (n: number) => void;
}) {
  const t = useTranslations('list');
  const words = useWords();
  if (total <= shown) return null;
  return (
    <p className="show-more" role="status">
      {t('showing', { shown: words.number(shown), total: words.number(total), what })}{' '}
      <button type="button" onClick={() => onShow(shown + step)}>
        {t('showMore', { count: words.number(Math.min(step, total - shown)) })}
      </button>{' '}
      <button type="button" className="ghost" onClick={() => onShow(total)}>
        {t('showAll')}
      </button>
    </p>
  );
}

/** A list drawn a page at a time: `children` draws the rows shown, the footer follows. */
export function Paged<T>({
  items,
  what,
  keep,
  children,
}: {
  items: T[];
  what: string;
  keep?: (item: T) => boolean;
  children: (shown: T[]) => ReactNode;
}) {
  const { shown, footer } = useShown(items, what, keep);
  return (
    <>
      {children(shown)}
      {footer}
    </>
  );
}
