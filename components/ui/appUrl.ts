import { withBase } from '@/lib/basepath';

/**
 * Outside React (fetches, streams): the prefix the page was served under, from `<html
 * data-base-path>` (the root layout sets it; components/ui/basePath.tsx has it for React).
 * '' on the server, where requests never go through a prefix.
 */
export function browserBase(): string {
  return typeof document === 'undefined' ? '' : (document.documentElement.dataset.basePath ?? '');
}

/** An app path (`/api/v1/…`) as this page must ask for it. */
export function appUrl(path: string): string {
  return withBase(browserBase(), path);
}
