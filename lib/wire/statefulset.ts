/** A StatefulSet as the browser sees it in lists: small, flat, JSON-safe. */
export interface StatefulSetSummary {
  namespace: string;
  name: string;
  replicas: number;
  readyReplicas: number;
  currentRevision: string;
  updateRevision: string;
  podManagementPolicy: string;
  serviceName: string;
}

export type Health = 'ok' | 'progressing' | 'warning' | 'error' | 'unknown';

/** Ready all, rollout done → ok; replicas short or revisions split → progressing; none ready → error. */
export function statefulSetHealth(s: StatefulSetSummary): Health {
  if (s.replicas === 0) return 'ok';
  if (s.readyReplicas === 0) return 'error';
  if (s.readyReplicas < s.replicas || s.currentRevision !== s.updateRevision) return 'progressing';
  return 'ok';
}
