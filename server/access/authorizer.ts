import type { AccessQuestion } from '../kube/transport';

/**
 * What one viewer may see of the shared cache, as the cluster's own authorizer says: may this
 * user, in these groups, list and watch this resource in this namespace (or, for cluster-scoped
 * kinds, at all)? Answers are remembered per (user, sorted groups) for a short TTL, shared by all
 * of that viewer's tabs and by every viewer with the same identity, so the reviews sent grow with
 * users × resources per TTL, never with viewers. Concurrent questions share one review. Errors
 * are never remembered and deny (fail closed). `invalidate` forgets everything, for when Roles,
 * ClusterRoles or their bindings change; an answer that was in flight across it is not kept.
 */
export interface Viewer {
  user: string;
  groups: readonly string[];
}

/** A resource as RBAC names it: API group and plural (and a subresource: `pods` `log`). */
export interface Resource {
  group: string;
  resource: string;
  subresource?: string;
}

export type Review = (q: AccessQuestion) => Promise<boolean>;

interface Answer {
  allowed: boolean;
  at: number;
}

export interface AuthorizerOptions {
  ttlMs: number;
  now?: () => number;
}

/** The cache key of a viewer: their name and their groups in a stable order. */
export function viewerKey(v: Viewer): string {
  return JSON.stringify([v.user, [...new Set(v.groups)].sort()]);
}

export class Authorizer {
  private readonly answers = new Map<string, Map<string, Answer>>();
  private readonly pending = new Map<string, Promise<boolean>>();
  private generation = 0;
  private readonly now: () => number;
  /** Reviews sent, and questions answered from memory (for the benchmark and /metrics). */
  readonly counts = { reviews: 0, remembered: 0, failures: 0 };

  constructor(
    private readonly review: Review,
    private readonly o: AuthorizerOptions,
  ) {
    this.now = o.now ?? Date.now;
  }

  /** May the viewer list and watch `r` in `namespace` (cluster-scoped: omit it)? Both verbs must be allowed. */
  async mayRead(v: Viewer, r: Resource, namespace?: string): Promise<boolean> {
    const [list, watch] = await Promise.all([this.may(v, r, 'list', namespace), this.may(v, r, 'watch', namespace)]);
    return list && watch;
  }

  async may(v: Viewer, r: Resource, verb: AccessQuestion['verb'], namespace?: string): Promise<boolean> {
    const who = viewerKey(v);
    const what = JSON.stringify([r.group, r.resource, r.subresource ?? null, verb, namespace ?? null]);
    const known = this.answers.get(who)?.get(what);
    if (known && this.now() - known.at < this.o.ttlMs) {
      this.counts.remembered++;
      return known.allowed;
    }
    const key = `${this.generation}\u0000${who}\u0000${what}`;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const asked = this.ask(v, r, verb, namespace, who, what);
    this.pending.set(key, asked);
    try {
      return await asked;
    } finally {
      this.pending.delete(key);
    }
  }

  private async ask(
    v: Viewer,
    r: Resource,
    verb: AccessQuestion['verb'],
    namespace: string | undefined,
    who: string,
    what: string,
  ): Promise<boolean> {
    const generation = this.generation;
    this.counts.reviews++;
    try {
      const allowed = await this.review({
        user: v.user,
        groups: [...v.groups],
        verb,
        ...r,
        ...(namespace ? { namespace } : {}),
      });
      if (generation === this.generation) {
        let mine = this.answers.get(who);
        if (!mine) this.answers.set(who, (mine = new Map()));
        mine.set(what, { allowed, at: this.now() });
      }
      return allowed;
    } catch {
      this.counts.failures++;
      return false;
    }
  }

  /** Policy changed (a Role, ClusterRole or binding): every remembered answer is forgotten. */
  invalidate(): void {
    this.generation++;
    this.answers.clear();
  }
}
