import type { JsonObject } from '../model/types';
import { resources } from '../registry/lookup';
import type { Cluster } from '../cluster';
import { addNodes } from '../cluster';
import { isRunningAndReady } from '../controllers/podview';
import { apply, statefulApp } from './apply';
import { poll } from './wait';

export interface ScaleParams {
  namespaces: number;
  statefulSets: number; // per namespace
  replicas: number;
  configMaps: number; // per namespace
  services: number; // per namespace, each selecting one StatefulSet's pods
  claims: boolean;
  nodes: number;
}

export const DEFAULT_SCALE: ScaleParams = {
  namespaces: 10,
  statefulSets: 10,
  replicas: 3,
  configMaps: 5,
  services: 10,
  claims: true,
  nodes: 20,
};

export function expectedPods(p: ScaleParams): number {
  return p.namespaces * p.statefulSets * p.replicas;
}

/**
 * A large cluster built through the controllers (Parallel pod management), for load
 * and memory work: namespaces × StatefulSets × replicas pods (20 × 50 × 20 = 20,000),
 * each with a claim, ConfigMap consumers and Services.
 */
export async function scaleScenario(sim: Cluster, p: ScaleParams): Promise<void> {
  const reg = sim.registry;
  addNodes(sim, p.nodes);
  apply(reg, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'scale-standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  });
  for (let n = 0; n < p.namespaces; n++) {
    const ns = `scale-${String(n).padStart(3, '0')}`;
    apply(reg, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let c = 0; c < p.configMaps; c++) {
      apply(reg, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `config-${c}`, namespace: ns },
        data: { 'app.properties': `shard=${c}\nreplicas=${p.replicas}\n`, LOG_LEVEL: 'info' },
      });
    }
    for (let s = 0; s < p.statefulSets; s++) {
      const name = `app-${String(s).padStart(3, '0')}`;
      const cm = p.configMaps > 0 ? `config-${s % p.configMaps}` : undefined;
      const [, sts] = statefulApp({
        name,
        namespace: ns,
        image: 'registry.example/app:1.0.0',
        replicas: p.replicas,
        port: 8080,
        podManagementPolicy: 'Parallel',
        ...(p.claims ? { storage: { size: '1Gi' } } : {}),
        ...(cm
          ? {
              env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: cm, key: 'LOG_LEVEL' } } }],
              volumes: [{ name: 'config', configMap: { name: cm } }],
              volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
            }
          : {}),
      });
      apply(reg, sts);
    }
    // The first Service of each StatefulSet is its governing headless Service; further ones are ClusterIP.
    for (let v = 0; v < p.services; v++) {
      const target = `app-${String(v % Math.max(1, p.statefulSets)).padStart(3, '0')}`;
      const headless = v < p.statefulSets;
      const svc: JsonObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: headless ? `${target}-headless` : `${target}-svc-${v}`, namespace: ns },
        spec: {
          ...(headless ? { clusterIP: 'None' } : {}),
          selector: { 'app.kubernetes.io/name': target, 'app.kubernetes.io/instance': target },
          ports: [{ name: 'main', port: 8080, targetPort: 'main' }],
        },
      };
      apply(reg, svc);
    }
  }
  const want = expectedPods(p);
  await poll(
    `${want} pods Running and Ready`,
    () => sim.store.list(resources.pods).filter(isRunningAndReady).length >= want,
    500,
    1_800_000,
  );
}
