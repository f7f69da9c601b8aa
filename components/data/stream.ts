'use client';

/**
 * The browser end of `/api/v1/stream`: one EventSource per scope (cluster or one
 * namespace, every kind or some), shared by every component that needs it, folding
 * `snapshot` and `change` events into TanStack Query (`topologyKey(scope)`) and
 * invalidating the detail queries of that namespace; or, for the overview, one
 * `summary` stream into `SUMMARY_KEY`. EventSource reconnects by itself with Last-Event-ID;
 * when it gives up (server answered an error), this reopens with backoff.
 */
import type { QueryClient } from '@tanstack/react-query';
import { applyChange } from '@/lib/wire/apply';
import type { DrawnChange, DrawnTopology, GroupedScope } from '@/lib/wire/group';
import { kindsParam, type TopologyScope } from '@/lib/wire/scope';
import type { ClusterSummary } from '@/lib/wire/summary';
import type { SyncState, Topology, TopologyChange } from '@/lib/wire/topology';
import { appUrl } from '../ui/appUrl';

export type Connection = 'live' | 'reconnecting' | 'offline';

/**
 * The longest wait before reopening a stream the server refused: the wait doubles from 1 s to this.
 * A dashboard whose server is back (a restart, a rollout) is live again within seconds, not after a
 * backoff grown while it was down.
 */
const RETRY_MAX_MS = 5_000;

export interface ConnectionState {
  connection: Connection;
  /** When the view stopped being live (ISO), while it is not. */
  staleSince: string | null;
  sync: { kinds: Record<string, SyncState>; synced: boolean } | null;
}

/** A topology scope (`grouped`: as the topology view draws it, grouped by the server), or the overview's summary. */
export type GraphScope = GroupedScope & { grouped?: boolean };
export type StreamScope = GraphScope | 'summary';

export const topologyKey = (scope: GraphScope) =>
  [
    'topology',
    scope.namespace ?? '*',
    kindsParam(scope.kinds) ?? '*',
    scope.grouped ? 'grouped' : 'all',
    scope.problems ? 'problems' : 'all',
  ] as const;
export const SUMMARY_KEY = ['summary'] as const;
const streamKey = (scope: StreamScope) => (scope === 'summary' ? scope : topologyKey(scope).join('|'));
const DETAIL_KEYS = new Set(['statefulset', 'service', 'drift', 'object', 'config', 'storage', 'problems']);

class ScopeStream {
  refs = 0;
  /** Resolves with the first snapshot, or undefined once the stream has failed before one. */
  readonly first: Promise<Graph | ClusterSummary | undefined>;
  private settleFirst: (t: Graph | ClusterSummary | undefined) => void = () => undefined;
  private es?: EventSource;
  private lastId?: string;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private retries = 0;
  private invalidateTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly scope: StreamScope,
    private readonly qc: QueryClient,
    private readonly report: (s: Partial<ConnectionState>) => void,
  ) {
    this.first = new Promise((resolve) => (this.settleFirst = resolve));
  }

  open(): void {
    clearTimeout(this.retryTimer);
    const params = new URLSearchParams();
    if (this.scope === 'summary') params.set('view', 'summary');
    else {
      if (this.scope.namespace) params.set('namespace', this.scope.namespace);
      const kinds = kindsParam(this.scope.kinds);
      if (kinds) params.set('kinds', kinds);
      // A grouped stream always starts from a snapshot.
      if (this.scope.grouped) params.set('view', 'grouped');
      else if (this.lastId) params.set('lastEventId', this.lastId);
      if (this.scope.grouped && this.scope.problems) params.set('problems', 'true');
    }
    const es = new EventSource(appUrl(`/api/v1/stream${params.size ? `?${params}` : ''}`));
    this.es = es;
    es.addEventListener('open', () => {
      this.retries = 0;
      this.report({ connection: 'live', staleSince: null });
    });
    const scope = this.scope;
    if (scope === 'summary') {
      es.addEventListener('summary', (ev) => {
        const summary = JSON.parse((ev as MessageEvent<string>).data) as ClusterSummary;
        this.qc.setQueryData<ClusterSummary>(SUMMARY_KEY, summary);
        this.settleFirst(summary);
        // A summary follows every change anywhere: views built on server pages (storage) refetch on it.
        this.invalidateDetails(undefined);
      });
    } else {
      es.addEventListener('snapshot', (ev) => {
        const m = ev as MessageEvent<string>;
        this.lastId = m.lastEventId || this.lastId;
        const t = JSON.parse(m.data) as Graph;
        this.qc.setQueryData<Graph>(topologyKey(scope), t);
        this.settleFirst(t);
        this.invalidateDetails(scope.namespace);
      });
      es.addEventListener('change', (ev) => {
        const m = ev as MessageEvent<string>;
        this.lastId = m.lastEventId || this.lastId;
        const change = JSON.parse(m.data) as TopologyChange | DrawnChange;
        this.qc.setQueryData<Graph>(topologyKey(scope), (t) => (t ? applyChange<Graph>(t, change) : t));
        this.invalidateDetails(scope.namespace);
      });
    }
    es.addEventListener('access', (ev) => {
      // The viewer's access changed: their revisions were another scope's, and what they may see is not the same.
      es.close();
      const { access } = JSON.parse((ev as MessageEvent<string>).data) as { access?: string };
      if (access === 'none') {
        // The page itself says so (the layout's "no access").
        window.location.reload();
        return;
      }
      this.lastId = undefined;
      void this.qc.invalidateQueries();
      this.open();
    });
    es.addEventListener('status', (ev) =>
      this.report({ sync: JSON.parse((ev as MessageEvent<string>).data) as ConnectionState['sync'] }),
    );
    es.addEventListener('error', () => {
      this.settleFirst(undefined);
      if (es.readyState === EventSource.CLOSED) {
        this.report({ connection: 'offline' });
        this.retryTimer = setTimeout(() => this.open(), Math.min(RETRY_MAX_MS, 1000 * 2 ** this.retries++));
      } else this.report({ connection: 'reconnecting' });
    });
  }

  close(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.invalidateTimer);
    this.es?.close();
  }

  /** Details (a StatefulSet's ordinals, drift…) are refetched after changes, at most every 500 ms. */
  private invalidateDetails(namespace: string | undefined): void {
    if (this.invalidateTimer) return;
    this.invalidateTimer = setTimeout(() => {
      this.invalidateTimer = undefined;
      void this.qc.invalidateQueries({
        predicate: (q) => {
          const [kind, ns] = q.queryKey as [string, string | undefined];
          return DETAIL_KEYS.has(kind) && (namespace === undefined || ns === undefined || ns === namespace);
        },
      });
    }, 500);
  }
}

/** What a graph stream holds: the topology, or the drawn (grouped) one. */
type Graph = Topology | DrawnTopology;

/** What the server renders and hydration starts from, before any stream has spoken. */
export const INITIAL_CONNECTION: ConnectionState = { connection: 'reconnecting', staleSince: null, sync: null };

export class StreamManager {
  private readonly streams = new Map<string, ScopeStream>();
  private state: ConnectionState = INITIAL_CONNECTION;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly qc: QueryClient) {}

  acquire(scope: StreamScope): () => void {
    const key = streamKey(scope);
    let s = this.streams.get(key);
    if (!s) {
      s = new ScopeStream(scope, this.qc, (p) => this.update(p));
      this.streams.set(key, s);
      s.open();
    }
    s.refs++;
    return () => {
      const cur = this.streams.get(key);
      if (!cur) return;
      cur.refs--;
      // Closing late lets a navigation between views of the same scope keep its stream.
      setTimeout(() => {
        if (cur.refs === 0 && this.streams.get(key) === cur) {
          cur.close();
          this.streams.delete(key);
        }
      }, 2000);
    };
  }

  /**
   * The scope's first topology (or summary) as the stream delivers it, so a view does not fetch
   * the same snapshot a second time; undefined when there is no stream for the scope, it failed
   * first, or it is slower than `timeoutMs`.
   */
  firstSnapshot(scope: GraphScope & { grouped: true }, timeoutMs: number): Promise<DrawnTopology | undefined>;
  firstSnapshot(scope: TopologyScope, timeoutMs: number): Promise<Topology | undefined>;
  firstSnapshot(scope: 'summary', timeoutMs: number): Promise<ClusterSummary | undefined>;
  firstSnapshot(scope: StreamScope, timeoutMs: number): Promise<Graph | ClusterSummary | undefined> {
    const s = this.streams.get(streamKey(scope));
    if (!s) return Promise.resolve(undefined);
    return Promise.race([s.first, new Promise<undefined>((resolve) => setTimeout(resolve, timeoutMs))]);
  }

  private update(p: Partial<ConnectionState>): void {
    const next = { ...this.state, ...p };
    if (p.connection && p.connection !== 'live' && this.state.connection === 'live')
      next.staleSince = new Date().toISOString();
    this.state = next;
    for (const fn of this.listeners) fn();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  snapshot = (): ConnectionState => this.state;
}
