'use client';

import { useSyncExternalStore } from 'react';

/**
 * One clock for the page: every relative time reads the same `now`, ticking together, so
 * two times on one screen are never taken a tick apart. A ticker runs only while something
 * shows a time.
 */
function ticker(ms: number) {
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    if (!timer) {
      now = Date.now();
      timer = setInterval(() => {
        now = Date.now();
        for (const l of listeners) l();
      }, ms);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  };
  return { subscribe, now: () => now };
}

/** Relative times ("56s ago"): every 5 s. */
const fine = ticker(5_000);
/**
 * Durations in findings ("not Ready for 5m", worded from their `since`): every 30 s, as often as
 * the server once rebuilt unhealthy parts to age them; every view that words findings follows it.
 */
const coarse = ticker(30_000);

export function useNow(): number {
  return useSyncExternalStore(fine.subscribe, fine.now, fine.now);
}

export function useCoarseNow(): number {
  return useSyncExternalStore(coarse.subscribe, coarse.now, coarse.now);
}
