import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '../../server/cache/cache';
import { KubeTransport } from '../../server/kube/transport';
import { TopologyEngine } from '../../server/stream/engine';
import { eventually, type TestSim } from './harness';

export interface Core {
  cache: ClusterCache;
  engine: TopologyEngine;
  stop(): Promise<void>;
}

/** Ordinal's server core (cache + engine) in this process, against a sim, synced. */
export async function startCore(
  t: TestSim,
  opts: { namespaces?: string[]; stallMs?: number; waitSync?: boolean } = {},
): Promise<Core> {
  const kc = new KubeConfig();
  kc.loadFromFile(t.kubeconfigPath);
  const cache = new ClusterCache({
    transport: new KubeTransport(kc),
    namespaces: opts.namespaces,
    stallMs: opts.stallMs ?? 5_000,
    forbiddenRetryMs: 300,
  });
  const engine = new TopologyEngine(cache, { coalesceMs: 50 });
  cache.start();
  engine.start();
  if (opts.waitSync !== false) await eventually('the cache to sync', () => cache.synced, 20_000);
  return {
    cache,
    engine,
    async stop() {
      engine.stop();
      await cache.stop();
    },
  };
}
