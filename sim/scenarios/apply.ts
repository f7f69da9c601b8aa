import { resourceForKind } from '../model/resources';
import type { JsonObject, KubeObject } from '../model/types';
import type { Registry } from '../registry/registry';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Creates an object the way `kubectl apply` does: with the last-applied-configuration
 * annotation holding the manifest (Secrets too, data included, as kubectl really does).
 */
export function apply(registry: Registry, manifest: JsonObject): KubeObject {
  const o = manifest as unknown as KubeObject;
  const r = resourceForKind(o.apiVersion, o.kind);
  if (!r) throw new Error(`scenario: no resource for ${o.apiVersion}/${o.kind}`);
  const lastApplied = JSON.stringify(manifest);
  const body = {
    ...manifest,
    metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [LAST_APPLIED]: lastApplied } },
  };
  return registry.create(r, o.metadata.namespace, body, { manager: 'kubectl-client-side-apply' });
}

export interface AppSpec {
  name: string;
  namespace: string;
  image: string;
  replicas: number;
  port: number;
  storage?: { className?: string; size: string };
  labels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  env?: JsonObject[];
  volumes?: JsonObject[];
  volumeMounts?: JsonObject[];
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  retention?: { whenDeleted: string; whenScaled: string };
  partition?: number;
  headless?: boolean;
}

/** A StatefulSet with its headless governing Service, as a chart would render it. */
export function statefulApp(a: AppSpec): JsonObject[] {
  const labels = { 'app.kubernetes.io/name': a.name, 'app.kubernetes.io/instance': a.name, ...a.labels };
  const headless = `${a.name}-headless`;
  const sts: JsonObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: a.name, namespace: a.namespace, labels },
    spec: {
      serviceName: headless,
      replicas: a.replicas,
      podManagementPolicy: a.podManagementPolicy ?? 'OrderedReady',
      selector: { matchLabels: { 'app.kubernetes.io/name': a.name, 'app.kubernetes.io/instance': a.name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: a.partition ?? 0 } },
      ...(a.retention ? { persistentVolumeClaimRetentionPolicy: a.retention } : {}),
      template: {
        metadata: { labels, ...(a.podAnnotations ? { annotations: a.podAnnotations } : {}) },
        spec: {
          containers: [
            {
              name: a.name,
              image: a.image,
              ports: [{ name: 'main', containerPort: a.port }],
              ...(a.env ? { env: a.env } : {}),
              volumeMounts: [...(a.storage ? [{ name: 'data', mountPath: '/data' }] : []), ...(a.volumeMounts ?? [])],
              readinessProbe: { tcpSocket: { port: a.port }, periodSeconds: 10 },
            },
          ],
          ...(a.volumes ? { volumes: a.volumes } : {}),
        },
      },
      ...(a.storage
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  ...(a.storage.className ? { storageClassName: a.storage.className } : {}),
                  resources: { requests: { storage: a.storage.size } },
                },
              },
            ],
          }
        : {}),
    },
  };
  const svc: JsonObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: headless, namespace: a.namespace, labels },
    spec: {
      clusterIP: 'None',
      publishNotReadyAddresses: false,
      selector: { 'app.kubernetes.io/name': a.name, 'app.kubernetes.io/instance': a.name },
      ports: [{ name: 'main', port: a.port, targetPort: 'main' }],
    },
  };
  return a.headless === false ? [sts] : [svc, sts];
}
