import type { JsonObject, KubeObject } from '../../model/types';
import { resources } from '../../registry/lookup';
import type { Cluster } from '../../cluster';
import { addNodes } from '../../cluster';
import { SIM_ANNOTATIONS } from '../../controllers/podview';
import { apply } from '../apply';
import { waitFor } from '../wait';
import {
  apps,
  BACKUP_CLAIM,
  configObjects,
  NAMESPACES,
  redisConfigData,
  REDIS_CONF_V2,
  STORAGE_CLASSES,
} from './manifests';

/** What the demo leaves broken, for README and for the tests that check each case is visible. */
export const DEMO_TROUBLE = {
  missingStorageClass: { namespace: 'analytics', statefulSet: 'etcd', claim: 'data-etcd-0', storageClass: 'fast' },
  stuckRollout: { namespace: 'messaging', statefulSet: 'kafka', ordinal: 2 },
  partitionedRollout: { namespace: 'databases', statefulSet: 'postgres', partition: 2 },
  configDrift: { namespace: 'databases', configMap: 'redis-config', statefulSet: 'redis' },
  orphanedClaims: {
    namespace: 'analytics',
    statefulSet: 'cassandra',
    claims: ['data-cassandra-3', 'data-cassandra-4'],
  },
  releasedVolume: { namespace: 'analytics', claim: 'nightly-backup' },
  emptyService: { namespace: 'analytics', service: 'metrics-exporter' },
} as const;

function sts(sim: Cluster, ns: string, name: string): KubeObject & { spec: JsonObject; status?: JsonObject } {
  return sim.registry.get(resources.statefulsets, ns, name) as KubeObject & { spec: JsonObject; status?: JsonObject };
}

function allReady(sim: Cluster, ns: string, name: string): boolean {
  const s = sts(sim, ns, name);
  return (
    Number(s.status?.readyReplicas ?? 0) === Number(s.spec.replicas) &&
    s.status?.updateRevision === s.status?.currentRevision
  );
}

/** Edits a StatefulSet's pod template, as `kubectl edit` or `kubectl set image` would. */
function editTemplate(sim: Cluster, ns: string, name: string, edit: (template: JsonObject) => void): void {
  sim.registry.mutate(
    resources.statefulsets,
    sts(sim, ns, name),
    (o) => {
      edit((o as unknown as { spec: { template: JsonObject } }).spec.template);
    },
    { manager: 'kubectl-edit' },
  );
}

function setImage(template: JsonObject, image: string): void {
  const spec = template.spec as { containers: JsonObject[] };
  spec.containers[0].image = image;
}

export async function demoScenario(sim: Cluster): Promise<void> {
  const reg = sim.registry;
  addNodes(sim, 3);
  for (const ns of NAMESPACES) apply(reg, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const m of [...STORAGE_CLASSES, ...configObjects(), ...apps()]) apply(reg, m);

  const healthy: Array<[string, string]> = [
    ['databases', 'postgres'],
    ['databases', 'redis'],
    ['messaging', 'zookeeper'],
    ['messaging', 'kafka'],
    ['analytics', 'cassandra'],
  ];
  await waitFor(sim.store, 'the demo StatefulSets to become Ready', () =>
    healthy.every(([ns, n]) => allReady(sim, ns, n)),
  );

  // Config drift: redis-config edited in place after its pods started (env + volume consumers).
  // API timestamps have second precision: let a second boundary pass so "after" is visible.
  await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000)));
  const cm = reg.get(resources.configmaps, 'databases', 'redis-config');
  reg.mutate(
    resources.configmaps,
    cm,
    (o) => {
      (o as unknown as { data: Record<string, string> }).data = redisConfigData(REDIS_CONF_V2, 'replica-hot');
    },
    { manager: 'kubectl-edit' },
  );

  // A canary rollout held at partition 2: only postgres-2 moves to the new revision.
  editTemplate(sim, 'databases', 'postgres', (t) => setImage(t, 'postgres:16.6'));
  // A rollout that gets stuck: the new kafka image never passes readiness.
  editTemplate(sim, 'messaging', 'kafka', (t) => {
    setImage(t, 'apache/kafka:3.9.0');
    const meta = t.metadata as { annotations?: Record<string, string> };
    meta.annotations = { ...meta.annotations, [SIM_ANNOTATIONS.neverReady]: 'true' };
  });
  // A scale-down that leaves claims behind (whenScaled: Retain).
  reg.mutate(
    resources.statefulsets,
    sts(sim, 'analytics', 'cassandra'),
    (o) => {
      (o as unknown as { spec: { replicas: number } }).spec.replicas = 3;
    },
    { manager: 'kubectl-scale' },
  );
  // A volume left Released: a Retain-class claim bound, then deleted.
  apply(reg, BACKUP_CLAIM);
  const backup = () =>
    reg.find(resources.persistentvolumeclaims, 'analytics', 'nightly-backup') as
      (KubeObject & { spec: JsonObject; status?: JsonObject }) | undefined;
  await waitFor(sim.store, 'nightly-backup to bind', () => backup()?.status?.phase === 'Bound');
  const volume = String(backup()?.spec.volumeName);
  reg.delete(resources.persistentvolumeclaims, 'analytics', 'nightly-backup');

  const podRevision = (ns: string, name: string) =>
    reg.find(resources.pods, ns, name)?.metadata.labels?.['controller-revision-hash'];
  await waitFor(sim.store, 'the demo trouble cases to settle', () => {
    const pg = sts(sim, 'databases', 'postgres');
    const kafka = sts(sim, 'messaging', 'kafka');
    const pv = reg.find(resources.persistentvolumes, undefined, volume) as JsonObject | undefined;
    return (
      podRevision('databases', 'postgres-2') === pg.status?.updateRevision &&
      Number(pg.status?.readyReplicas) === 3 &&
      podRevision('messaging', 'kafka-2') === kafka.status?.updateRevision &&
      !reg.find(resources.pods, 'analytics', 'cassandra-3') &&
      !reg.find(resources.pods, 'analytics', 'cassandra-4') &&
      (pv?.status as JsonObject | undefined)?.phase === 'Released'
    );
  });
}
