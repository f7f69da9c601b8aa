'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useUrlNavigate } from './urlState';

/**
 * A query-string parameter as state: the UI answers at once, the URL follows (debounced
 * for typing) so deep links and the back button keep working; a URL change made
 * elsewhere (back/forward) is adopted.
 */
export function useUrlParam(key: string, debounceMs = 0): [string, (v: string) => void] {
  const params = useSearchParams();
  const navigate = useUrlNavigate();
  const fromUrl = params.get(key) ?? '';
  const [state, setState] = useState({ url: fromUrl, value: fromUrl });
  if (state.url !== fromUrl) setState({ url: fromUrl, value: fromUrl });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = useCallback(
    (v: string) => {
      setState((s) => ({ ...s, value: v }));
      clearTimeout(timer.current);
      const go = () =>
        navigate(
          (next) => {
            if (v) next.set(key, v);
            else next.delete(key);
          },
          { replace: true },
        );
      if (debounceMs > 0) timer.current = setTimeout(go, debounceMs);
      else go();
    },
    [key, debounceMs, navigate],
  );
  return [state.value, set];
}
