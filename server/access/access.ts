import type { Settings } from '../settings/table';
import type { KubeTransport } from '../kube/transport';
import type { ReflectorTransport } from '../kube/reflector';
import { namespacesOf } from '../topology/graph';
import type { TopologyEngine } from '../stream/engine';
import { Authorizer, viewerKey, type Viewer } from './authorizer';
import { PolicyWatch } from './policywatch';
import { hasAccess, viewerScope, type ViewerScope } from './scope';
import { ScopeViews, type ScopeView, type ViewsSource } from './views';

/** The reviews' POST and the policy watch's reads. */
type AccessTransport = Pick<KubeTransport, 'reviewAccess'> & ReflectorTransport;

/** The one write-shaped request access makes (the ClusterRole grants it): a question, stored nowhere. */
export const ACCESS_REVIEW = {
  group: 'authorization.k8s.io',
  resource: 'subjectaccessreviews',
  verb: 'create',
} as const;

/** `pending`: nothing seen yet, but the cache has not listed every kind (a namespace may be missing yet). */
export type Granted =
  { ok: true; viewer: Viewer; scope: ViewerScope; view: ScopeView } | { ok: false; why: string; pending?: boolean };

/** Every signed-in user is authenticated: the apiserver adds the group to each request, so reviews say it too. */
const AUTHENTICATED = 'system:authenticated';

/** Why a held stream ends: the viewer's scope changed, or they have no access left. */
export type Revocation = 'changed' | 'none';

interface Held {
  viewer: Viewer;
  key: string;
  end: (why: Revocation) => void;
  /** A held permission beyond the scope (a followed log's `get pods/log`): asked again with the scope. */
  still?: () => Promise<boolean>;
}

/**
 * Per-viewer access (`ORDINAL_AUTHZ=cluster-rbac`): who is asking (the edge's headers) → what the
 * cluster lets them list (SubjectAccessReviews, remembered per identity for `ORDINAL_AUTHZ_TTL`)
 * → the view of their scope. Fails closed: no user, an error or no kind anywhere is no access.
 * Streams are held against their viewer's scope and ended when it changes (a binding removed,
 * the TTL passed with a different answer), so the browser reconnects under the new one.
 */
export class Access {
  readonly authorizer: Authorizer;
  readonly policy: PolicyWatch;
  readonly views: ScopeViews;
  private readonly held = new Set<Held>();
  private readonly recheck: NodeJS.Timeout;
  private pendingRecheck?: NodeJS.Timeout;

  constructor(
    transport: AccessTransport,
    private readonly source: ViewsSource,
    shared: TopologyEngine,
    readonly ttlMs: number,
  ) {
    this.authorizer = new Authorizer((q) => transport.reviewAccess(q, AbortSignal.timeout(10_000)), { ttlMs });
    this.views = new ScopeViews(source, shared, { idleMs: Math.max(ttlMs, 120_000) });
    this.policy = new PolicyWatch(transport, () => {
      this.authorizer.invalidate();
      this.soon();
    });
    // Past the TTL the answers are asked again: a stream whose scope moved is ended then.
    this.recheck = setInterval(() => void this.recheckHeld(), ttlMs);
    this.recheck.unref();
  }

  /** Per-viewer access under ORDINAL_AUTHZ=cluster-rbac; undefined without it. */
  static fromSettings(
    s: Pick<Settings, 'authz' | 'authzTtlMs'>,
    transport: AccessTransport,
    source: ViewsSource,
    shared: TopologyEngine,
  ): Access | undefined {
    if (s.authz === 'none') return undefined;
    return new Access(transport, source, shared, s.authzTtlMs);
  }

  start(): void {
    this.policy.start();
  }

  async stop(): Promise<void> {
    clearInterval(this.recheck);
    clearTimeout(this.pendingRecheck);
    this.views.stop();
    await this.policy.stop();
  }

  /** The viewer's scope over the cache's namespaces now, and its view; no access without a user or any kind. */
  async grant(viewer: Viewer | undefined): Promise<Granted> {
    if (!viewer)
      return { ok: false, why: 'nobody is signed in, and ORDINAL_AUTHZ=cluster-rbac asks the cluster per viewer' };
    const asked = { user: viewer.user, groups: [...new Set([...viewer.groups, AUTHENTICATED])] };
    const scope = await viewerScope(this.authorizer, asked, namespacesOf(this.source.stores));
    if (!hasAccess(scope) && !this.source.synced) {
      return { ok: false, pending: true, why: 'the cache has not listed the cluster yet' };
    }
    if (!hasAccess(scope)) {
      return {
        ok: false,
        why: `the cluster lets ${viewer.user} list none of the kinds Ordinal shows, in any namespace`,
      };
    }
    return { ok: true, viewer: asked, scope, view: this.views.viewOf(scope) };
  }

  /** Holds a stream to its viewer's scope: `end` is called when the scope changes. Returns the release. */
  hold(viewer: Viewer, key: string, end: (why: Revocation) => void): () => void {
    const h: Held = { viewer, key, end };
    this.held.add(h);
    const letGo = this.views.hold(key);
    return () => {
      this.held.delete(h);
      letGo();
    };
  }

  /**
   * Holds a long read to one permission beyond the scope (a followed log: `get pods/log` in its
   * namespace): asked again whenever the scopes are (a policy change, every TTL); `end` is called
   * once it is no longer granted. Returns the release.
   */
  holdWhile(viewer: Viewer, still: () => Promise<boolean>, end: () => void): () => void {
    const h: Held = { viewer, key: '', end, still };
    this.held.add(h);
    return () => {
      this.held.delete(h);
    };
  }

  /** After a policy change settles (changes come in bursts: a binding and its role), re-grant once. */
  private soon(): void {
    clearTimeout(this.pendingRecheck);
    this.pendingRecheck = setTimeout(() => void this.recheckHeld(), 200);
    this.pendingRecheck.unref();
  }

  /** Each held viewer's scope asked again (one review set per identity); streams of a changed scope end. */
  async recheckHeld(): Promise<number> {
    const byIdentity = new Map<string, Held[]>();
    const permissions: Array<[Held, () => Promise<boolean>]> = [];
    for (const h of this.held) {
      if (h.still) permissions.push([h, h.still]);
      else byIdentity.set(viewerKey(h.viewer), [...(byIdentity.get(viewerKey(h.viewer)) ?? []), h]);
    }
    let ended = 0;
    const asked = permissions.map(async ([h, still]) => {
      // An error asking denies, as every answer of the authorizer does.
      if (await still().catch(() => false)) return;
      if (!this.held.delete(h)) return;
      ended++;
      h.end('none');
    });
    await Promise.all([
      ...asked,
      ...[...byIdentity.values()].map(async (hs) => {
        const g = await this.grant(hs[0].viewer);
        for (const h of hs) {
          if ((g.ok && g.view.key === h.key) || (!g.ok && g.pending)) continue;
          this.held.delete(h);
          ended++;
          h.end(g.ok ? 'changed' : 'none');
        }
      }),
    ]);
    return ended;
  }
}
