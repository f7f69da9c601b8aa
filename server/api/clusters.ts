import 'server-only';
import type { ClusterInfo } from '@/lib/wire/clusters';
import type { Viewer } from '../access/authorizer';
import type { ClusterSet } from '../clusterset';
import type { Settings } from '../settings/table';

/** How long a listing waits for a cluster it started to list enough to tell the viewer's access. */
const SYNC_WAIT_MS = 3_000;

/** What `may` asks to call a viewer a cluster's admin: everything, everywhere (cluster-admin). */
const EVERYTHING = { group: '*', resource: '*' } as const;

/**
 * The clusters a viewer may know of, for `/api/v1/clusters`. Without per-viewer access every
 * configured cluster (everyone who may sign in sees them all); under ORDINAL_AUTHZ=cluster-rbac
 * only those whose RBAC lets the viewer list something (asking starts a cluster not yet running,
 * as opening it would). A server URL is said only to an admin: with no sign-in configured, the
 * operator on loopback; under cluster-rbac, whom the cluster lets do everything (with why a cluster
 * is unreachable or in error, which may name it).
 */
export async function clustersFor(
  set: ClusterSet,
  viewer: Viewer | undefined,
  o: { authz: Settings['authz']; signIn: boolean },
): Promise<ClusterInfo[]> {
  const all = set.list();
  if (o.authz === 'none') return all.map((c) => (o.signIn ? withoutServer(c) : c));
  if (!viewer) return [];
  const seen = await Promise.all(all.map((c) => (c.state === 'error' ? undefined : shownTo(set, c.name, viewer))));
  return set.list().flatMap((c, i) => {
    const s = seen[i];
    if (!s) return [];
    return [s.admin ? c : withoutServer(c)];
  });
}

async function shownTo(set: ClusterSet, name: string, viewer: Viewer): Promise<{ admin: boolean } | undefined> {
  const r = set.get(name);
  if (!r.ok || !r.runtime.access) return undefined;
  const { access, cache } = r.runtime;
  let g = await access.grant(viewer);
  if (!g.ok && g.pending) {
    await untilSynced(cache, SYNC_WAIT_MS);
    g = await access.grant(viewer);
  }
  if (!g.ok) return undefined;
  return { admin: await access.authorizer.may(g.viewer, EVERYTHING, '*') };
}

function untilSynced(
  cache: { readonly synced: boolean; onState(fn: () => void): () => void },
  ms: number,
): Promise<void> {
  if (cache.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const off = cache.onState(() => {
      if (cache.synced) done();
    });
  });
}

/** A cluster as a viewer who is not its admin sees it: no server URL, and no reason (a reason may name the URL). */
function withoutServer(c: ClusterInfo): ClusterInfo {
  const { server: _server, message: _message, ...rest } = c;
  return rest;
}
