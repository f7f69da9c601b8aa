import 'server-only';
import { closeHistory, openAuditFile, openHistory, type History } from './audit/open';
import { BundleError } from './audit/unbundle';
import { Access, authzMode } from './access/access';
import type { Viewer } from './access/authorizer';
import { ClusterCache } from './cache/cache';
import type { ConfigHistory } from './cache/confighistory';
import type { Stores } from './cache/indexes';
import type { Sees } from './cache/restrict';
import type { SyncState } from '@/lib/wire/topology';
import { configureSecrecy } from './cache/secrecy';
import { KubeConfigError, loadKubeConfig } from './kube/config';
import { WATCHED_KIND_NAMES } from './kube/kinds';
import { positiveInt, SettingError } from './settings';
import { KubeTransport } from './kube/transport';
import { TopologyEngine } from './stream/engine';
import { publishRuntimeStats, publishSnapshots } from './stream/published';
import { streamRegistry } from './stream/registry';
import { isNamespaceName } from '@/lib/names';

/**
 * The process-wide runtime: one cache and one topology engine, shared by every route
 * and viewer. Kept on globalThis because Next.js may evaluate server modules once per
 * route bundle; a module-level singleton would open one set of watches per bundle.
 */
/** What a route reads of the cache: the live one, or a viewer's restricted view of it (server/api/viewer.ts). */
export interface CacheReads {
  stores: Stores;
  history: ConfigHistory;
  syncStatus(): Record<string, SyncState>;
  readonly synced: boolean;
  onState(fn: () => void): () => void;
}

/** Who a viewer's runtime answers: their identity, what they may list, and their scope's key. */
export interface ViewerInfo extends Viewer {
  sees: Sees;
  key: string;
  /** Every kind, everywhere: nothing is hidden from them. */
  all: boolean;
}

export interface Runtime {
  cache: CacheReads;
  engine: TopologyEngine;
  /** The durable change history (server/audit), or why it is off. */
  history: History;
  /** `audit`: a history file served with no cluster (ORDINAL_AUDIT_FILE); the live views are empty. */
  mode: 'live' | 'audit';
  server: string;
  context: string;
  /** Reads from the API server beyond the watched kinds (a pod's log: `pods/log`, a get); none with no cluster. */
  kube?: Pick<KubeTransport, 'getText'>;
  /** Per-viewer access (ORDINAL_AUTHZ=cluster-rbac); absent: every viewer sees what the dashboard sees. */
  access?: Access;
  /** Set on a viewer's runtime (server/api/viewer.ts): cache, engine and history are theirs. */
  viewer?: ViewerInfo;
}

export type RuntimeResult = { ok: true; runtime: Runtime } | { ok: false; error: string };

interface Holder {
  runtime?: Runtime;
  error?: { message: string; at: number };
}

const KEY = Symbol.for('ordinal.runtime');
const RETRY_CONFIG_MS = 10_000;

function holder(): Holder {
  const g = globalThis as unknown as Record<symbol, Holder | undefined>;
  return (g[KEY] ??= {});
}

export function parseNamespaces(raw: string | undefined): string[] | undefined {
  if (!raw?.trim()) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((n) => !isNamespaceName(n));
  if (bad.length) throw new KubeConfigError(`ORDINAL_NAMESPACES has invalid namespace names: ${bad.join(', ')}`, 'ORDINAL_NAMESPACES');
  return list;
}

const NO_CLUSTER = {
  getJson: () => Promise.reject(new Error('no cluster: serving a history file')),
  watch: () => Promise.reject(new Error('no cluster: serving a history file')),
};

/** A history file served read-only with no cluster: the history and time travel answer, the cache stays empty. */
function auditRuntime(path: string): Runtime {
  const history = openAuditFile(path);
  const cache = new ClusterCache({ transport: NO_CLUSTER });
  const engine = new TopologyEngine(cache);
  engine.start();
  publishSnapshots(engine);
  const context = history.store.clusters()[0] ?? 'unknown';
  return { cache, engine, history, server: `file:${path}`, context, mode: 'audit' };
}

/** The runtime, started on first use; a configuration error is reported (and retried), never thrown. */
export function getRuntime(env: NodeJS.ProcessEnv = process.env): RuntimeResult {
  const h = holder();
  if (h.runtime) return { ok: true, runtime: h.runtime };
  if (h.error && Date.now() - h.error.at < RETRY_CONFIG_MS) return { ok: false, error: h.error.message };
  try {
    // Settings first: the cache fingerprints and redacts from its first object on.
    configureSecrecy(env);
    streamRegistry();
    if (env.ORDINAL_AUDIT_FILE) {
      if (authzMode(env) !== 'none') throw new SettingError('ORDINAL_AUTHZ', 'cluster-rbac asks a cluster, and ORDINAL_AUDIT_FILE serves a file with none');
      h.runtime = auditRuntime(env.ORDINAL_AUDIT_FILE);
      return { ok: true, runtime: h.runtime };
    }
    const { kc, server, context } = loadKubeConfig(env);
    const transport = new KubeTransport(kc);
    const cache = new ClusterCache({
      transport,
      namespaces: parseNamespaces(env.ORDINAL_NAMESPACES),
      stallMs: positiveInt(env, 'ORDINAL_WATCH_STALL_MS'),
      forbiddenRetryMs: positiveInt(env, 'ORDINAL_FORBIDDEN_RETRY_MS'),
    });
    const engine = new TopologyEngine(cache);
    const access = Access.fromEnv(env, transport, cache, engine);
    // Before the cache starts: the recorder sees the first lists.
    const history = openHistory(env, cache, {
      cluster: context, kinds: WATCHED_KIND_NAMES, namespaces: cache.namespaces, ready: () => engine.caughtUp(cache.synced),
    });
    if (!history.on && history.path) console.warn(`ordinal: history off: ${history.reason}`);
    cache.start();
    engine.start();
    access?.start();
    // The edge's gzipped snapshot is everyone's view: under per-viewer access every request goes to the routes.
    if (!access) publishSnapshots(engine);
    publishRuntimeStats({
      syncStatus: () => cache.syncStatus(),
      reflectorCounts: () => cache.reflectorCounts(),
      objects: () => Object.fromEntries(Object.entries(cache.stores).map(([k, st]) => [k, st.size])),
    });
    // Viewers' streams never end by themselves; end them so a graceful shutdown can finish.
    const shutdown = () => {
      streamRegistry().closeAll();
      void access?.stop();
      closeHistory(history);
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    h.runtime = { cache, engine, history, server, context, mode: 'live', kube: transport, ...(access ? { access } : {}) };
    h.error = undefined;
    return { ok: true, runtime: h.runtime };
  } catch (e) {
    const message = e instanceof KubeConfigError || e instanceof SettingError || e instanceof BundleError ? e.message : `cannot start the cluster connection: ${(e as Error).message}`;
    h.error = { message, at: Date.now() };
    return { ok: false, error: message };
  }
}

