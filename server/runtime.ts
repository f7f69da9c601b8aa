import 'server-only';
import { openAuditFile, openHistoryFile, type History } from './audit/open';
import { BundleError } from './audit/unbundle';
import type { Access } from './access/access';
import { ClusterSet } from './clusterset';
import type { Viewer } from './access/authorizer';
import { ClusterCache } from './cache/cache';
import type { ConfigHistory } from './cache/confighistory';
import type { Stores } from './cache/indexes';
import type { Sees } from './cache/restrict';
import type { SyncState } from '@/lib/wire/topology';
import { configureSecrecy } from './cache/secrecy';
import { clusterConfigs, KubeConfigError } from './kube/config';
import { SettingError } from './settings/parse';
import { onShutdown, processSettings, processSlot } from './settings/process';
import type { Settings } from './settings/table';
import type { KubeTransport } from './kube/transport';
import { TopologyEngine } from './stream/engine';
import { publishSnapshots } from './stream/published';

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
  /**
   * Reads from the API server beyond the watches, each a get: a pod's log (`pods/log`), an object whole
   * (the cache keeps its facts only); none with no cluster.
   */
  kube?: Pick<KubeTransport, 'getText' | 'getJson'>;
  /** Per-viewer access (ORDINAL_AUTHZ=cluster-rbac); absent: every viewer sees what the dashboard sees. */
  access?: Access;
  /** Set on a viewer's runtime (server/api/viewer.ts): cache, engine and history are theirs. */
  viewer?: ViewerInfo;
  /** Keeps this cluster's runtime started while a stream reads it (others stop when idle); returns the release. */
  hold?: () => () => void;
}

export type RuntimeResult = { ok: true; runtime: Runtime } | { ok: false; error: string; notFound?: boolean };

interface Holder {
  /** A history file served with no cluster (ORDINAL_AUDIT_FILE). */
  audit?: Runtime;
  clusters?: ClusterSet;
  error?: { message: string; at: number };
}

const RETRY_CONFIG_MS = 10_000;

/**
 * The process-wide runtimes: per cluster one cache and one topology engine, shared by every
 * route and viewer (server/clusterset.ts). Process-wide (processSlot) because Next.js may evaluate
 * server modules once per route bundle; a module-level singleton would open one set of watches
 * per bundle.
 */
function holder(): Holder {
  const slot = processSlot<Holder>('runtime');
  return (slot.value ??= {});
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
  const context = history.reader.pastCluster();
  return { cache, engine, history, server: `file:${path}`, context, mode: 'audit' };
}

/** The clusters, started on first use (the default one's runtime with them); a configuration error is thrown. */
function startClusters(s: Settings): ClusterSet {
  const configs = clusterConfigs(s);
  const file = openHistoryFile(s);
  if (!file.on && file.path) console.warn(`ordinal: history off: ${file.reason}`);
  const clusters = new ClusterSet(s, configs, file);
  // Before the process may exit: the history, synchronously; the watches after.
  onShutdown('history', () => clusters.closeHistory());
  onShutdown('watches', () => void clusters.stopAll());
  return clusters;
}

type ClustersResult = { ok: true; clusters?: ClusterSet } | { ok: false; error: string };

/** The process's clusters, or why there are none (a configuration error, reported and retried, never thrown). */
export function getClusters(): ClustersResult {
  const h = holder();
  if (h.clusters || h.audit) return { ok: true, clusters: h.clusters };
  if (h.error && Date.now() - h.error.at < RETRY_CONFIG_MS) return { ok: false, error: h.error.message };
  try {
    const s = processSettings();
    // Secrecy first: the cache fingerprints and redacts from its first object on.
    configureSecrecy(s);
    if (s.auditFile) {
      h.audit = auditRuntime(s.auditFile);
      return { ok: true };
    }
    h.clusters = startClusters(s);
    h.error = undefined;
    return { ok: true, clusters: h.clusters };
  } catch (e) {
    const message =
      e instanceof KubeConfigError || e instanceof SettingError || e instanceof BundleError
        ? e.message
        : `cannot start the cluster connection: ${(e as Error).message}`;
    h.error = { message, at: Date.now() };
    return { ok: false, error: message };
  }
}

/**
 * A cluster's runtime (the default cluster's without `cluster`), started on first use; a
 * configuration error is reported (and retried), never thrown; an unknown cluster is `notFound`.
 */
export function getRuntime(cluster?: string): RuntimeResult {
  const c = getClusters();
  if (!c.ok) return c;
  const h = holder();
  if (h.audit) {
    return cluster === undefined
      ? { ok: true, runtime: h.audit }
      : { ok: false, notFound: true, error: 'serving a history file: no clusters' };
  }
  const set = c.clusters as ClusterSet;
  return set.get(cluster ?? set.defaultName);
}
