import 'server-only';
import { SIGNED_IN_GROUPS_HEADER, SIGNED_IN_HEADER, signedInGroups, signedInUser } from '@/lib/wire/whoami';
import type { WhoAmI } from '@/lib/wire/whoami';
import type { Viewer } from '../access/authorizer';
import type { ViewerScope } from '../access/scope';
import type { HistoryVisibility } from '../audit/schema';
import { WATCHED_KIND_NAMES } from '../kube/kinds';
import { CLUSTER_HEADER } from '@/lib/wire/clusters';
import { getRuntime, type CacheReads, type Runtime } from '../runtime';

/** The cluster the edge named (`/c/{cluster}/…`), or undefined for the default one. */
export function clusterOf(h: Pick<Headers, 'get'>): string | undefined {
  const raw = h.get(CLUSTER_HEADER);
  if (raw === null) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Who the edge signed in, or undefined for nobody. */
export function viewerOf(h: Pick<Headers, 'get'>): Viewer | undefined {
  const user = signedInUser(h.get(SIGNED_IN_HEADER));
  return user ? { user, groups: signedInGroups(h.get(SIGNED_IN_GROUPS_HEADER)) } : undefined;
}

export function visibilityOf(scope: ViewerScope): HistoryVisibility {
  return {
    everywhere: WATCHED_KIND_NAMES.filter((k) => scope.everywhere.has(k)),
    inNamespace: [...scope.inNamespace].map(([ns, kinds]) => [ns, [...kinds]] as const),
  };
}

/** `pending`: the viewer's access cannot be told yet (the cache is still listing): a 503, not a 403. */
export interface Denied {
  denied: string;
  pending?: boolean;
}

/**
 * A request's runtime as its viewer may see it. With no per-viewer access, the runtime itself;
 * under ORDINAL_AUTHZ=cluster-rbac, one whose cache, engine and history hold only the viewer's
 * scope, so a route cannot answer from anything else — or why the viewer has no access (a 403).
 */
export async function viewerRuntime(rt: Runtime, h: Pick<Headers, 'get'>): Promise<Runtime | Denied> {
  if (!rt.access) return rt;
  const viewer = viewerOf(h);
  const g = await rt.access.grant(viewer);
  if (!g.ok) return { denied: g.why, ...(g.pending ? { pending: true } : {}) };
  const { view } = g;
  const live = rt.cache;
  const cache: CacheReads = {
    stores: view.stores,
    history: live.history,
    syncStatus: () => live.syncStatus(),
    get synced() {
      return live.synced;
    },
    onState: (fn) => live.onState(fn),
  };
  const all = view.key === 'all';
  const history =
    rt.history.on && !all ? { ...rt.history, reader: rt.history.reader.narrowed(visibilityOf(g.scope)) } : rt.history;
  return { ...rt, cache, engine: view.engine, history, viewer: { ...g.viewer, sees: view.sees, key: view.key, all } };
}

/** May the viewer read this pod's logs (`get` on `pods/log` there)? Always, with no per-viewer access. */
export async function mayReadLogs(rt: Runtime, namespace: string): Promise<boolean> {
  if (!rt.access || !rt.viewer) return true;
  return rt.access.authorizer.may(rt.viewer, { group: '', resource: 'pods', subresource: 'log' }, 'get', namespace);
}

/** What this request's viewer may see, for whoami and the layout's "no access" page. */
export async function accessOf(h: Pick<Headers, 'get'>): Promise<WhoAmI['access']> {
  const r = getRuntime(clusterOf(h));
  if (!r.ok || !r.runtime.access) return { state: 'all' };
  const v = await viewerRuntime(r.runtime, h);
  // Still listing: the page comes up as usual (its banner says the cache is syncing).
  if ('denied' in v) return v.pending ? { state: 'all' } : { state: 'none', why: v.denied };
  return { state: v.viewer?.all === false ? 'some' : 'all' };
}

/** Why this request's viewer has no access at all, or undefined. */
export async function noAccessReason(h: Pick<Headers, 'get'>): Promise<string | undefined> {
  const a = await accessOf(h);
  return a.state === 'none' ? a.why : undefined;
}
