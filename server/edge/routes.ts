/**
 * The app's routes (one row per page or route file under app/), for labelling requests in
 * /metrics by route rather than by path: a path's values — names, namespaces, whatever a
 * client makes up — never become label values. `routes.test.ts` keeps the table equal to app/.
 */
export const ROUTES = [
  '/',
  '/drift',
  '/history',
  '/pods/[ns]/[name]',
  '/services',
  '/services/[ns]/[name]',
  '/statefulsets',
  '/statefulsets/[ns]/[name]',
  '/storage',
  '/topology',
  '/api/healthz',
  '/api/readyz',
  '/api/v1/clusters',
  '/api/v1/config/[kind]/[ns]/[name]',
  '/api/v1/drift',
  '/api/v1/history',
  '/api/v1/history/coverage',
  '/api/v1/history/object/[kind]/[ns]/[name]',
  '/api/v1/history/related/[kind]/[ns]/[name]',
  '/api/v1/history/status',
  '/api/v1/history/timeline',
  '/api/v1/history/verify',
  '/api/v1/namespaces',
  '/api/v1/objects/[kind]/[...path]',
  '/api/v1/pods/[ns]/[name]',
  '/api/v1/pods/[ns]/[name]/log',
  '/api/v1/problems',
  '/api/v1/services/[ns]/[name]',
  '/api/v1/statefulsets/[ns]/[name]',
  '/api/v1/storage',
  '/api/v1/stream',
  '/api/v1/summary',
  '/api/v1/topology',
  '/api/v1/topology/diff',
  '/api/v1/whoami',
] as const;

function matcher(route: string): RegExp {
  const body = route
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith('[...') ? '(?:/[^/]+)+' : seg.startsWith('[') ? '/[^/]+' : `/${seg}`))
    .join('');
  return new RegExp(`^${body || '/'}/?$`);
}

const MATCHERS = ROUTES.map((r) => ({ route: r, re: matcher(r) }));

/** The route a path is served by; Next's assets as one; anything else `other`. */
export function routeOf(path: string): string {
  if (path.startsWith('/_next/')) return '/_next';
  return MATCHERS.find((m) => m.re.test(path))?.route ?? 'other';
}
