import 'server-only';
import type { ClusterInfo, ClusterState } from '@/lib/wire/clusters';
import { holdUse } from '@/lib/hold';
import type { SyncState } from '@/lib/wire/topology';
import { Access } from './access/access';
import { recordCluster, stopRecording, type HistoryFile } from './audit/open';
import { ClusterCache } from './cache/cache';
import type { ClusterConfig, ClusterConfigs } from './kube/config';
import { WATCHED_KIND_NAMES } from './kube/kinds';
import { KubeTransport } from './kube/transport';
import type { Settings } from './settings/table';
import { TopologyEngine } from './stream/engine';
import { publishRuntimeStats, publishSnapshots } from './stream/published';
import type { Runtime, RuntimeResult } from './runtime';

interface Live {
  runtime: Runtime;
  usedAt: number;
  holds: number;
  /** Stops recording (what is queued written, the kinds marked unwatched): synchronous, for a shutdown. */
  stopRecording(): void;
  stop(): Promise<void>;
}

function startLive(s: Settings, cfg: ClusterConfig, file: HistoryFile, isDefault: boolean): Live {
  const transport = new KubeTransport(cfg.kc);
  const cache = new ClusterCache({
    transport,
    namespaces: s.namespaces,
    stallMs: s.watchStallMs,
    forbiddenRetryMs: s.forbiddenRetryMs,
  });
  const engine = new TopologyEngine(cache);
  const access = Access.fromSettings(s, transport, cache, engine);
  // Before the cache starts: the recorder sees the first lists.
  const history = recordCluster(file, cache, {
    cluster: cfg.name,
    kinds: WATCHED_KIND_NAMES,
    namespaces: cache.namespaces,
    ready: () => engine.caughtUp(cache.synced),
  });
  cache.start();
  engine.start();
  access?.start();
  if (isDefault) {
    // The edge's gzipped snapshot is everyone's view: under per-viewer access every request goes to the routes.
    if (!access) publishSnapshots(engine);
    publishRuntimeStats({
      syncStatus: () => cache.syncStatus(),
      reflectorCounts: () => cache.reflectorCounts(),
      objects: () => Object.fromEntries(Object.entries(cache.stores).map(([k, st]) => [k, st.size])),
    });
  }
  const runtime: Runtime = {
    cache,
    engine,
    history,
    server: cfg.server,
    context: cfg.name,
    mode: 'live',
    kube: transport,
    ...(access ? { access } : {}),
  };
  let recording = true;
  const endRecording = () => {
    if (recording) stopRecording(history);
    recording = false;
  };
  return {
    runtime,
    usedAt: Date.now(),
    holds: 0,
    stopRecording: endRecording,
    stop: async () => {
      endRecording();
      engine.stop();
      await access?.stop();
      await cache.stop();
    },
  };
}

/** A started cluster's state from its informers': all synced, some, none yet, or every one failing. */
export function stateOf(kinds: SyncState[]): ClusterState {
  if (kinds.length && kinds.every((k) => k.state === 'synced')) return 'synced';
  if (kinds.length && kinds.every((k) => k.state === 'error')) return 'unreachable';
  return kinds.some((k) => k.state === 'synced') ? 'partial' : 'syncing';
}

/**
 * Every cluster of the configuration (server/kube/config.ts `clusterConfigs`), each with a
 * runtime of its own — its cache, engine, access and recorder — started on first use; the
 * default one at once (it backs today's URLs and the probes). Another cluster's runtime is
 * stopped once no request or stream has used it for ORDINAL_CLUSTER_IDLE (default 10m). One
 * cluster failing (unreachable, a broken mounted kubeconfig) never touches the others.
 */
export class ClusterSet {
  private readonly live = new Map<string, Live>();
  private readonly idleMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly settings: Settings,
    private readonly configs: ClusterConfigs,
    readonly file: HistoryFile,
  ) {
    this.idleMs = settings.clusterIdleMs;
    this.sweeper = setInterval(() => void this.sweep(), Math.min(this.idleMs, 60_000));
    this.sweeper.unref();
    this.get(configs.default);
  }

  get defaultName(): string {
    return this.configs.default;
  }

  /** The cluster's runtime, started now if it was not; `notFound` for a name the configuration does not have. */
  get(name: string): RuntimeResult & { notFound?: boolean } {
    const broken = this.configs.broken.find((b) => b.name === name);
    if (broken) return { ok: false, error: `cluster ${name} (${broken.source}) cannot be used: ${broken.error}` };
    const cfg = this.configs.clusters.find((c) => c.name === name);
    if (!cfg) return { ok: false, notFound: true, error: `no cluster named ${name} (see /api/v1/clusters)` };
    let l = this.live.get(name);
    if (!l) {
      l = startLive(this.settings, cfg, this.file, name === this.configs.default);
      l.runtime.hold = () => this.hold(name);
      this.live.set(name, l);
    }
    l.usedAt = Date.now();
    return { ok: true, runtime: l.runtime };
  }

  /** Keeps a cluster's runtime while a stream reads it; the returned function lets go. */
  hold(name: string): () => void {
    const l = this.live.get(name);
    return l ? holdUse(l, Date.now) : () => undefined;
  }

  list(): ClusterInfo[] {
    const def = this.configs.default;
    const flag = (name: string) => (name === def ? { default: true } : {});
    const listed: ClusterInfo[] = this.configs.clusters.map((c) => {
      const l = this.live.get(c.name);
      const kinds = l ? Object.values(l.runtime.cache.syncStatus()) : [];
      const state = l ? stateOf(kinds) : 'idle';
      const message = state === 'unreachable' ? kinds.find((k) => k.message)?.message : undefined;
      return { name: c.name, state, server: c.server, ...flag(c.name), ...(message ? { message } : {}) };
    });
    const broken = this.configs.broken.map((b): ClusterInfo => ({
      name: b.name,
      state: 'error',
      server: '',
      message: b.error,
    }));
    return [...listed, ...broken];
  }

  async sweep(now = Date.now()): Promise<void> {
    for (const [name, l] of this.live) {
      if (name === this.configs.default || l.holds > 0 || now - l.usedAt < this.idleMs) continue;
      this.live.delete(name);
      await l.stop();
    }
  }

  /** At shutdown, synchronously: every recorder stopped, then the file closed (its WAL folded in). */
  closeHistory(): void {
    for (const l of this.live.values()) l.stopRecording();
    if (!this.file.on) return;
    this.file.retention?.stop();
    const { store, shared } = this.file;
    // Shared: what waits goes to the database first (best effort: the other replicas record it too).
    if (shared) void shared.stop().finally(() => store.close());
    else store.close();
  }

  async stopAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.live.values()].map((l) => l.stop()));
    this.live.clear();
  }
}
