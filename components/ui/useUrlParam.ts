'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A query-string parameter as state: the UI answers at once, the URL follows (debounced
 * for typing) so deep links and the back button keep working; a URL change made
 * elsewhere (back/forward) is adopted.
 */
export function useUrlParam(key: string, debounceMs = 0): [string, (v: string) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const fromUrl = params.get(key) ?? '';
  const [state, setState] = useState({ url: fromUrl, value: fromUrl });
  if (state.url !== fromUrl) setState({ url: fromUrl, value: fromUrl });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = useCallback(
    (v: string) => {
      setState((s) => ({ ...s, value: v }));
      clearTimeout(timer.current);
      const go = () => {
        const next = new URLSearchParams(window.location.search);
        if (v) next.set(key, v);
        else next.delete(key);
        router.replace(`${pathname}${next.size ? `?${next}` : ''}`, { scroll: false });
      };
      if (debounceMs > 0) timer.current = setTimeout(go, debounceMs);
      else go();
    },
    [key, debounceMs, pathname, router],
  );
  return [state.value, set];
}
