import 'server-only';
import { SYNC_RANK, type SyncState } from '@/lib/wire/topology';
import { listedAfterGraph, WATCHED_KIND_NAMES, WATCHED_KINDS, type WatchedKind } from '../kube/kinds';
import { Reflector, type ReflectorCounts, type ReflectorTransport } from '../kube/reflector';
import { ConfigHistory } from './confighistory';
import { normalize } from './normalize';
import type { KObject } from './types';
import { allStores, type LiveStores } from './indexes';
import type { StoreChange } from './store';
import { createStores } from './view';

export interface CacheOptions {
  transport: ReflectorTransport;
  /** ORDINAL_NAMESPACES: watch only these namespaces (namespaced RBAC). Cluster-scoped kinds stay cluster-wide. */
  namespaces?: string[];
  stallMs?: number;
  forbiddenRetryMs?: number;
}

/**
 * The process's one cache of the cluster: a store and one informer (reflector) per
 * kind — per namespace when restricted — shared by every viewer. API-server load does
 * not grow with the number of viewers.
 */
export class ClusterCache {
  readonly stores: LiveStores = createStores();
  readonly history = new ConfigHistory();
  private readonly reflectors: Array<{ kind: string; r: Reflector<KObject> }> = [];
  private readonly states = new Map<WatchedKind, Map<string, SyncState>>();
  private readonly listeners = new Set<(c: StoreChange) => void>();
  private readonly stateListeners = new Set<() => void>();
  revision = 0;
  private listedOnce = false;

  constructor(private readonly o: CacheOptions) {
    this.stores.ConfigMap.onChange((c) => this.history.observe(c));
    this.stores.Secret.onChange((c) => this.history.observe(c));
    for (const store of allStores(this.stores)) {
      store.onChange((c) => {
        this.revision++;
        for (const fn of this.listeners) fn(c);
      });
    }
  }

  /** Starts the informers of the kinds the graph is drawn from; the rest (Events) follow once those are listed. */
  start(): void {
    const later: WatchedKind[] = [];
    for (const kind of WATCHED_KIND_NAMES) {
      const states = new Map<string, SyncState>();
      this.states.set(kind, states);
      for (const ns of this.scopesOf(kind)) states.set(ns ?? '', { state: 'syncing' });
      if (listedAfterGraph(kind)) later.push(kind);
      else this.startKind(kind);
    }
    const off = this.onState(() => {
      if (!this.listed) return;
      off();
      for (const kind of later) this.startKind(kind);
    });
  }

  private scopesOf(kind: WatchedKind): Array<string | undefined> {
    return WATCHED_KINDS[kind].namespaced && this.o.namespaces?.length ? this.o.namespaces : [undefined];
  }

  private startKind(kind: WatchedKind): void {
    const spec = WATCHED_KINDS[kind];
    const states = this.states.get(kind);
    for (const ns of this.scopesOf(kind)) {
      const r = new Reflector<KObject>({
        spec,
        namespace: ns,
        store: this.stores[kind],
        transform: (raw) => normalize(spec.kind, spec.apiVersion, raw),
        transport: this.o.transport,
        stallMs: this.o.stallMs,
        forbiddenRetryMs: this.o.forbiddenRetryMs,
        onState: (state) => {
          states?.set(ns ?? '', state);
          for (const fn of this.stateListeners) fn();
        },
      });
      this.reflectors.push({ kind, r });
      r.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.reflectors.map(({ r }) => r.stop()));
  }

  /** Per kind, summed over its namespaces: lists, watches started, failures (what /metrics reports). */
  reflectorCounts(): Record<string, ReflectorCounts> {
    const out: Record<string, ReflectorCounts> = {};
    for (const { kind, r } of this.reflectors) {
      const c = (out[kind] ??= { lists: 0, watches: 0, failures: 0 });
      c.lists += r.counts.lists;
      c.watches += r.counts.watches;
      c.failures += r.counts.failures;
    }
    return out;
  }

  /** Per kind: synced, syncing, forbidden or the error; the worst across namespaces. */
  syncStatus(): Record<string, SyncState> {
    const out: Record<string, SyncState> = {};
    for (const [kind, scopes] of this.states) {
      out[kind] = [...scopes.values()].reduce<SyncState>((a, b) => (SYNC_RANK[b.state] > SYNC_RANK[a.state] ? b : a), {
        state: 'synced',
      });
    }
    return out;
  }

  /**
   * Whether the first list of every kind the graph is drawn from has ended — synced, refused or
   * failed — as client-go's `HasSynced`: latched, so a later relist or outage does not take it back.
   */
  get listed(): boolean {
    this.listedOnce ||= this.states.size > 0 && this.graphStates().every((st) => st.state !== 'syncing');
    return this.listedOnce;
  }

  /** Whether every kind the graph is drawn from is synced (readiness; Events are not waited for). */
  get synced(): boolean {
    return this.states.size > 0 && this.graphStates().every((st) => st.state === 'synced');
  }

  /** The states of the kinds the graph is drawn from, per namespace (none before `start`). */
  private graphStates(): SyncState[] {
    return [...this.states].filter(([kind]) => !listedAfterGraph(kind)).flatMap(([, scopes]) => [...scopes.values()]);
  }

  onChange(fn: (c: StoreChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onState(fn: () => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  has(kind: string, namespace: string | undefined, name: string, uid: string): boolean {
    const store = allStores(this.stores).find((st) => st.kind === kind);
    return store?.get(namespace, name)?.metadata.uid === uid;
  }

  get namespaces(): string[] | undefined {
    return this.o.namespaces;
  }
}
