import { addNodes, createCluster, type Cluster } from './cluster';
import { FAST_TIMING } from './controllers/runtime';
import { resources } from './registry/lookup';
import type { JsonObject, KubeObject } from './model/types';
import { waitFor } from './scenarios/wait';

/** An in-process cluster with running controllers and fast timing, for controller tests. */
export function testCluster(opts: { nodes?: number } = {}): Cluster & { stop(): void } {
  const c = createCluster({ timing: FAST_TIMING });
  addNodes(c, opts.nodes ?? 3);
  c.controllers?.start();
  return { ...c, stop: () => c.controllers?.stop() };
}

export function until(c: Cluster, what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return waitFor(c.store, what, check, timeoutMs);
}

export function ns(c: Cluster, name: string): void {
  c.registry.create(resources.namespaces, undefined, { metadata: { name } }, { manager: 'test' });
}

export type Obj = KubeObject & { spec: JsonObject; status?: JsonObject };

export function statefulSet(name: string, spec: JsonObject = {}, namespace = 'db'): JsonObject {
  return {
    metadata: { name, namespace },
    spec: {
      replicas: 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'main', image: `${name}:1`, readinessProbe: { httpGet: { path: '/ready', port: 8080 } } },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...spec,
    },
  };
}

export function standardClass(c: Cluster, name = 'standard', extra: JsonObject = {}): void {
  c.registry.create(
    resources.storageclasses,
    undefined,
    {
      metadata: { name, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'Immediate',
      ...extra,
    },
    { manager: 'test' },
  );
}
