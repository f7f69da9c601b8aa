/**
 * The one way components change the query string. Next's router updates
 * `window.location` only when a navigation commits, so two writes close together (a
 * debounced search box and a click that selects a node) would each start from the old
 * URL and the later would undo the earlier. Each write here starts from the last write
 * still pending on this page, until the location shows it (or back/forward moves away).
 */
let pending: { path: string; search: string } | undefined;
if (typeof window !== 'undefined') window.addEventListener('popstate', () => (pending = undefined));

export function nextSearch(path: string, current: string, edit: (p: URLSearchParams) => void): string {
  const now = current.replace(/^\?/, '');
  if (pending && (pending.path !== path || pending.search === now)) pending = undefined;
  const next = new URLSearchParams(pending?.search ?? now);
  edit(next);
  pending = { path, search: next.toString() };
  return pending.search;
}

/** Called when the page shows a URL: a pending write it shows has landed and is no longer a base. */
export function settle(path: string, current: string): void {
  if (pending && pending.path === path && pending.search === current.replace(/^\?/, '')) pending = undefined;
}
