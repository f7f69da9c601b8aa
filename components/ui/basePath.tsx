'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { withBase } from '@/lib/basepath';

/**
 * The prefix the dashboard is served under (ORDINAL_BASE_PATH; '' for none), as the root layout
 * read it: in React from this context, outside React (fetches, streams) from `<html data-base-path>`.
 * Next is served from the root and knows nothing of it, so every link and request of the app's
 * own paths goes through here.
 */
const BasePath = createContext('');

export function BasePathProvider({ base, children }: { base: string; children: ReactNode }) {
  return <BasePath.Provider value={base}>{children}</BasePath.Provider>;
}

export function useBasePath(): string {
  return useContext(BasePath);
}

/** The page's prefix, in the browser; '' on the server, where requests never go through a prefix. */
export function browserBase(): string {
  return typeof document === 'undefined' ? '' : (document.documentElement.dataset.basePath ?? '');
}

/** An app path (`/api/v1/…`) as this page must ask for it. */
export function appUrl(path: string): string {
  return withBase(browserBase(), path);
}
