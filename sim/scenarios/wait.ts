import type { Store } from '../store/store';

/** `check`, with a throw (an object it reads was deleted) as "not yet": it runs inside other writers' calls. */
function holds(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

/** Resolves when `check` holds, re-checking on every store change; rejects after `timeoutMs`. */
export function waitFor(store: Store, what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  if (holds(check)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`scenario: timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe(() => {
      if (!holds(check)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Like waitFor, but checks on a timer: for conditions too costly to test on every change. */
export function poll(what: string, check: () => boolean, intervalMs = 250, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() > deadline)
        return reject(new Error(`scenario: timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(tick, intervalMs);
    };
    tick();
  });
}
