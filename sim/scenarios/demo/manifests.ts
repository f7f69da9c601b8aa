import { createHash } from 'node:crypto';
import type { JsonObject } from '../../model/types';
import { statefulApp } from '../apply';

/**
 * The demo cluster: realistic stateful apps in three namespaces, and the trouble an
 * SRE meets (see DEMO_TROUBLE in ./index.ts for what is broken and how).
 */
export const NAMESPACES = ['databases', 'messaging', 'analytics'];

export const STORAGE_CLASSES: JsonObject[] = [
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'ssd-retain' },
    provisioner: 'pd.csi.storage.gke.io',
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
    parameters: { type: 'pd-ssd' },
  },
];

export const REDIS_CONF_V1 = 'maxmemory 256mb\nmaxmemory-policy allkeys-lru\nappendonly yes\n';
export const REDIS_CONF_V2 = 'maxmemory 512mb\nmaxmemory-policy allkeys-lru\nappendonly yes\nsave 900 1\n';

export function checksum(data: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

export const redisConfigData = (conf: string, mode: string): Record<string, string> => ({
  'redis.conf': conf,
  REDIS_MODE: mode,
});

export function configObjects(): JsonObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'postgres-config', namespace: 'databases', labels: { 'app.kubernetes.io/name': 'postgres' } },
      data: {
        'postgresql.conf':
          "listen_addresses = '*'\nmax_connections = 200\nshared_buffers = 512MB\nwal_level = replica\n",
        'pg_hba.conf': 'host all all 10.0.0.0/8 scram-sha-256\n',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'postgres-credentials',
        namespace: 'databases',
        labels: { 'app.kubernetes.io/name': 'postgres' },
      },
      type: 'Opaque',
      data: {
        POSTGRES_PASSWORD: Buffer.from('demo-canary-pg-s3cr3t').toString('base64'),
        REPLICATION_PASSWORD: Buffer.from('demo-canary-repl-s3cr3t').toString('base64'),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'redis-config', namespace: 'databases', labels: { 'app.kubernetes.io/name': 'redis' } },
      data: redisConfigData(REDIS_CONF_V1, 'replica'),
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kafka-config', namespace: 'messaging', labels: { 'app.kubernetes.io/name': 'kafka' } },
      data: { 'server.properties': 'num.partitions=12\ndefault.replication.factor=3\nmin.insync.replicas=2\n' },
    },
  ];
}

export function apps(): JsonObject[] {
  return [
    ...statefulApp({
      name: 'postgres',
      namespace: 'databases',
      image: 'postgres:16.4',
      replicas: 3,
      port: 5432,
      storage: { size: '10Gi' },
      partition: 2,
      env: [
        {
          name: 'POSTGRES_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'postgres-credentials', key: 'POSTGRES_PASSWORD' } },
        },
      ],
      volumes: [{ name: 'config', configMap: { name: 'postgres-config' } }],
      volumeMounts: [{ name: 'config', mountPath: '/etc/postgresql/postgresql.conf', subPath: 'postgresql.conf' }],
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'postgres', namespace: 'databases', labels: { 'app.kubernetes.io/name': 'postgres' } },
      spec: {
        selector: { 'app.kubernetes.io/name': 'postgres', 'app.kubernetes.io/instance': 'postgres' },
        ports: [{ name: 'pg', port: 5432, targetPort: 5432 }],
      },
    },
    ...statefulApp({
      name: 'redis',
      namespace: 'databases',
      image: 'redis:7.4.1',
      replicas: 3,
      port: 6379,
      storage: { size: '2Gi' },
      podAnnotations: { 'checksum/config': checksum(redisConfigData(REDIS_CONF_V1, 'replica')) },
      env: [{ name: 'REDIS_MODE', valueFrom: { configMapKeyRef: { name: 'redis-config', key: 'REDIS_MODE' } } }],
      volumes: [{ name: 'config', configMap: { name: 'redis-config' } }],
      volumeMounts: [{ name: 'config', mountPath: '/usr/local/etc/redis' }],
    }),
    ...statefulApp({
      name: 'zookeeper',
      namespace: 'messaging',
      image: 'zookeeper:3.9.2',
      replicas: 3,
      port: 2181,
      storage: { size: '5Gi' },
    }),
    ...statefulApp({
      name: 'kafka',
      namespace: 'messaging',
      image: 'apache/kafka:3.8.0',
      replicas: 3,
      port: 9092,
      storage: { className: 'ssd-retain', size: '50Gi' },
      volumes: [{ name: 'config', configMap: { name: 'kafka-config' } }],
      volumeMounts: [
        { name: 'config', mountPath: '/opt/kafka/config/server.properties', subPath: 'server.properties' },
      ],
    }),
    ...statefulApp({
      name: 'cassandra',
      namespace: 'analytics',
      image: 'cassandra:5.0.2',
      replicas: 5,
      port: 9042,
      storage: { size: '20Gi' },
      podManagementPolicy: 'Parallel',
    }),
    ...statefulApp({
      name: 'etcd',
      namespace: 'analytics',
      image: 'quay.io/coreos/etcd:v3.5.17',
      replicas: 3,
      port: 2379,
      storage: { className: 'fast', size: '8Gi' },
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'metrics-exporter',
        namespace: 'analytics',
        labels: { 'app.kubernetes.io/name': 'metrics-exporter' },
      },
      spec: {
        selector: { 'app.kubernetes.io/name': 'metrics-exporter' },
        ports: [{ name: 'metrics', port: 9100, targetPort: 9100 }],
      },
    },
  ];
}

export const BACKUP_CLAIM: JsonObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'nightly-backup', namespace: 'analytics', labels: { 'app.kubernetes.io/name': 'backup' } },
  spec: {
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'ssd-retain',
    resources: { requests: { storage: '100Gi' } },
  },
};
