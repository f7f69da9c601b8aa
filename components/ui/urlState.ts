'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect } from 'react';
import { nextSearch, settle } from './nextSearch';

/** The one way components change the query string (see nextSearch): a new history entry unless `replace`. */
export function useUrlNavigate(): (edit: (p: URLSearchParams) => void, o?: { replace?: boolean }) => void {
  const router = useRouter();
  const pathname = usePathname();
  const shown = useSearchParams().toString();
  useEffect(() => settle(pathname, shown), [pathname, shown]);
  return useCallback(
    (edit, o = {}) => {
      const search = nextSearch(pathname, window.location.search, edit);
      const url = `${pathname}${search ? `?${search}` : ''}`;
      if (o.replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [router, pathname],
  );
}
