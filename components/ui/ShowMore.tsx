'use client';

import { useState, type ReactNode } from 'react';

/**
 * Long lists are drawn a page at a time: at 20,000 claims a full table takes the browser
 * many seconds and nobody reads past the problems, which come first. Returns the rows to
 * draw and a footer saying how many are hidden, with buttons for more and for all. A row
 * `keep` picks (the deep-linked one) is drawn even when it lies beyond the page.
 */
export function useShown<T>(items: T[], what: string, keep?: (item: T) => boolean, step = 200): { shown: T[]; footer: ReactNode } {
  const [limit, setLimit] = useState(step);
  if (items.length <= limit) return { shown: items, footer: null };
  const page = items.slice(0, limit);
  const kept = keep && !page.some(keep) ? items.slice(limit).find(keep) : undefined;
  const footer = (
    <p className="show-more" role="status">
      Showing {limit.toLocaleString('en')} of {items.length.toLocaleString('en')} {what}, problems first.{' '}
      <button type="button" onClick={() => setLimit(limit + step)}>
        Show {Math.min(step, items.length - limit).toLocaleString('en')} more
      </button>{' '}
      <button type="button" className="ghost" onClick={() => setLimit(items.length)}>
        Show all
      </button>
    </p>
  );
  return { shown: kept ? [...page, kept] : page, footer };
}

/** A list drawn a page at a time: `children` draws the rows shown, the footer follows. */
export function Paged<T>({ items, what, keep, children }: { items: T[]; what: string; keep?: (item: T) => boolean; children: (shown: T[]) => ReactNode }) {
  const { shown, footer } = useShown(items, what, keep);
  return (
    <>
      {children(shown)}
      {footer}
    </>
  );
}
