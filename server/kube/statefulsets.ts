import 'server-only';
import type { StatefulSetSummary } from '@/lib/wire/statefulset';
import type { StatefulSet } from '../cache/types';
import { getRuntime, waitForSync } from '../runtime';
import { KubeConfigError } from './config';

/** Reshapes a cached StatefulSet to the small wire type the browser receives. */
export function summarize(s: StatefulSet): StatefulSetSummary {
  return {
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name,
    replicas: s.spec.replicas ?? 1,
    readyReplicas: s.status?.readyReplicas ?? 0,
    currentRevision: s.status?.currentRevision ?? '',
    updateRevision: s.status?.updateRevision ?? '',
    podManagementPolicy: s.spec.podManagementPolicy ?? 'OrderedReady',
    serviceName: s.spec.serviceName ?? '',
  };
}

/** StatefulSets from the shared cache (no request to the API server per page view). */
export async function listStatefulSets(): Promise<StatefulSetSummary[]> {
  const r = getRuntime();
  if (!r.ok) throw new KubeConfigError(r.error, '');
  await waitForSync(r.runtime, ['StatefulSet'], 10_000);
  const state = r.runtime.cache.syncStatus().StatefulSet;
  if (state !== 'synced') throw new Error(`StatefulSets are ${state}`);
  return r.runtime.cache.stores.StatefulSet.list().map(summarize).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
