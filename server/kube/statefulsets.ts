import 'server-only';
import { AppsV1Api, type V1StatefulSet } from '@kubernetes/client-node';
import type { StatefulSetSummary } from '@/lib/wire/statefulset';
import { loadKubeConfig } from './config';

/** Reshapes a V1StatefulSet to the small wire type the browser receives. */
export function summarize(s: V1StatefulSet): StatefulSetSummary {
  return {
    namespace: s.metadata?.namespace ?? '',
    name: s.metadata?.name ?? '',
    replicas: s.spec?.replicas ?? 1,
    readyReplicas: s.status?.readyReplicas ?? 0,
    currentRevision: s.status?.currentRevision ?? '',
    updateRevision: s.status?.updateRevision ?? '',
    podManagementPolicy: s.spec?.podManagementPolicy ?? 'OrderedReady',
    serviceName: s.spec?.serviceName ?? '',
  };
}

/** One list through client-node. The shared informer cache replaces this in the server core. */
export async function listStatefulSets(): Promise<StatefulSetSummary[]> {
  const { kc } = loadKubeConfig();
  const api = kc.makeApiClient(AppsV1Api);
  const list = await api.listStatefulSetForAllNamespaces();
  return list.items.map(summarize).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
