/**
 * A path of the app (`/topology?x`) as the browser must ask for it when Ordinal is served under
 * a prefix (ORDINAL_BASE_PATH, `base` without its trailing slash, '' for none). Anything that is
 * not a path of this origin (`https://…`, `//host`, `#id`) is left as it is.
 */
export function withBase(base: string, path: string): string {
  return path.startsWith('/') && !path.startsWith('//') ? `${base}${path}` : path;
}

/** The app's own path from a browser path under the prefix (`/ordinal/topology` → `/topology`). */
export function withoutBase(base: string, path: string): string {
  if (!base) return path;
  if (path === base) return '/';
  return path.startsWith(`${base}/`) ? path.slice(base.length) : path;
}
