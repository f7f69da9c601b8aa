'use client';

/**
 * The prefix the dashboard is served under (ORDINAL_BASE_PATH; '' for none), as the root layout
 * read it: in React from this context, outside React (fetches, streams) from `<html data-base-path>`
 * (appUrl.ts).
 * Next is served from the root and knows nothing of it, so every link and request of the app's
 * own paths goes through here.
 */
import { createContext, useContext, type ReactNode } from 'react';

const BasePath = createContext('');

export function BasePathProvider({ base, children }: { base: string; children: ReactNode }) {
  return <BasePath.Provider value={base}>{children}</BasePath.Provider>;
}

export function useBasePath(): string {
  return useContext(BasePath);
}

/** The site's root (ORDINAL_BASE_PATH, without any `/c/{cluster}`), from `<html data-root-path>`; '' for none. */
export function rootPath(): string {
  return typeof document === 'undefined' ? '' : (document.documentElement.dataset.rootPath ?? '');
}
