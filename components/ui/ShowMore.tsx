'use client';

import { useState, type ReactNode } from 'react';

/**
 * Long lists are drawn a page at a time: at 20,000 claims a full table takes the browser
 * many seconds and nobody reads past the problems, which come first. Returns the rows to
 * draw and a footer saying how many are hidden, with buttons for more and for all.
 */
export function useShown<T>(items: T[], what: string, step = 200): { shown: T[]; footer: ReactNode } {
  const [limit, setLimit] = useState(step);
  if (items.length <= limit) return { shown: items, footer: null };
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
  return { shown: items.slice(0, limit), footer };
}
