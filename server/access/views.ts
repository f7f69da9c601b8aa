import { isWatchedKind, WATCHED_KIND_NAMES } from '../kube/kinds';
import type { ConfigHistory } from '../cache/confighistory';
import type { LiveStores, Stores } from '../cache/indexes';
import { restrictStores, type Sees } from '../cache/restrict';
import type { StoreChange } from '../cache/store';
import { TopologyEngine } from '../stream/engine';
import { holdUse } from '@/lib/hold';
import { sees, type ViewerScope } from './scope';

export interface ScopeView {
  key: string;
  stores: Stores;
  engine: TopologyEngine;
  sees: Sees;
}

interface Kept extends ScopeView {
  usedAt: number;
  holds: number;
}

export interface ViewsSource {
  stores: LiveStores;
  /** Every kind listed once: before, a viewer's namespaces may not be known yet. */
  readonly synced: boolean;
  /** Every kind's first list has ended (ClusterCache.listed): a scope's engine builds from then. */
  readonly listed: boolean;
  history: ConfigHistory;
  onChange(fn: (c: StoreChange) => void): () => void;
  onState(fn: () => void): () => void;
}

/** A scope as a stable string: kinds seen everywhere, then per namespace, each sorted. */
export function viewerScopeKey(scope: ViewerScope): string {
  const everywhere = [...scope.everywhere].sort();
  const inNamespace = [...scope.inNamespace]
    .filter(([, kinds]) => kinds.size > 0)
    .map(([ns, kinds]) => [ns, [...kinds].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([everywhere, inNamespace]);
}

export function seesAll(scope: ViewerScope): boolean {
  return WATCHED_KIND_NAMES.every((k) => scope.everywhere.has(k));
}

/**
 * The topology as each scope may see it. A viewer who sees every kind everywhere shares the
 * process's engine; any other scope gets an engine of its own over a restricted view of the
 * same stores (server/cache/restrict.ts) — the same derivations on only what the scope may
 * list, so no node, edge, finding or sentence can name a hidden object. Engines are kept per
 * scope key, shared by every viewer with that scope (users in the same groups, tabs), fed
 * only the store changes their scope sees, and stopped once unused for `idleMs`.
 */
export class ScopeViews {
  private readonly kept = new Map<string, Kept>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly source: ViewsSource,
    private readonly shared: TopologyEngine,
    private readonly o: { idleMs: number; now?: () => number },
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(o.idleMs, 60_000));
    this.sweeper.unref();
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** The view of a scope: the shared one for a scope that sees everything, else its own (made on first use). */
  viewOf(scope: ViewerScope): ScopeView {
    const see: Sees = (kind, ns) => sees(scope, kind, ns);
    if (seesAll(scope)) return { key: 'all', stores: this.source.stores, engine: this.shared, sees: see };
    const key = viewerScopeKey(scope);
    let v = this.kept.get(key);
    if (!v) {
      const stores = restrictStores(this.source.stores, see);
      const visible = (c: StoreChange) => isWatchedKind(c.kind) && see(c.kind, c.namespace);
      const source = this.source;
      const engine = new TopologyEngine({
        stores,
        history: source.history,
        get listed() {
          return source.listed;
        },
        onChange: (fn) => source.onChange((c) => visible(c) && fn(c)),
        onState: (fn) => source.onState(fn),
      });
      engine.start();
      v = { key, stores, engine, sees: see, usedAt: this.now(), holds: 0 };
      this.kept.set(key, v);
    }
    v.usedAt = this.now();
    return v;
  }

  /** Keeps a scope's engine while a stream reads it; the returned function lets go. */
  hold(key: string): () => void {
    const v = this.kept.get(key);
    return v ? holdUse(v, () => this.now()) : () => undefined;
  }

  /** How many scopes have an engine of their own (the benchmark's and /metrics' figure). */
  get size(): number {
    return this.kept.size;
  }

  sweep(): void {
    for (const [key, v] of this.kept) {
      if (v.holds > 0 || this.now() - v.usedAt < this.o.idleMs) continue;
      v.engine.stop();
      this.kept.delete(key);
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
    for (const v of this.kept.values()) v.engine.stop();
    this.kept.clear();
  }
}
