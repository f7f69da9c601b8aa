import type { LiveStores } from '@/server/cache/indexes';
import { normalize } from '@/server/cache/normalize';
import type { ObjectStore } from '@/server/cache/store';
import type { KObject } from '@/server/cache/types';
import { WATCHED_KINDS, type WatchedKind } from '@/server/kube/kinds';

/**
 * A small random cluster for property tests of the derivations and the engine: a seeded
 * generator of creates, updates and deletes over every watched kind, with the relations that
 * matter — StatefulSets owning pods and revisions, claims of their templates, volumes bound and
 * rebound, classes deleted and recreated, ConfigMaps and Secrets mounted and edited while pods
 * restart, pods relabelled between Services, slices pointing at them, events about them, and
 * namespaces emptied. Names come from small pools so that operations keep hitting related objects.
 */
export const NAMESPACES = ['a', 'b', 'c'] as const;
const CLASSES = ['fast', 'slow', 'standard'];
const VOLUMES = ['pv-1', 'pv-2', 'pv-3', 'pv-4'];
const ORDINALS = [0, 1, 2];
const T0 = Date.parse('2026-11-01T10:00:00Z');

/** mulberry32: a small seeded PRNG, so a failing sequence is replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One operation on the stores, said in words for a failing sequence's report. */
export interface WorldOp {
  text: string;
  apply(stores: LiveStores): void;
}

type Raw = Record<string, unknown>;

/** The generator's state: uids per object (a deleted and recreated object gets a new one), a resourceVersion counter. */
export class World {
  private readonly random: () => number;
  private rv = 0;
  private uids = new Map<string, string>();
  private serial = 0;
  /** The clock the objects' times are made against (ms); derivations are built at `now()`. */
  private clock = T0;

  /** `clockMoves`: each operation comes some seconds after the last (ages and thresholds move with it). */
  constructor(
    seed: number,
    private readonly o: { clockMoves: boolean } = { clockMoves: true },
  ) {
    this.random = prng(seed);
  }

  now(): number {
    return this.clock;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private time(agoS: number): string {
    return new Date(this.clock - agoS * 1000).toISOString();
  }

  private uid(kind: string, ns: string | undefined, name: string, fresh: boolean): string {
    const key = `${kind}/${ns ?? ''}/${name}`;
    let u = this.uids.get(key);
    if (!u || fresh) {
      u = `uid-${++this.serial}`;
      this.uids.set(key, u);
    }
    return u;
  }

  private meta(kind: string, stores: LiveStores, ns: string | undefined, name: string, extra: Raw = {}): Raw {
    const exists = !!store(stores, kind).get(ns, name);
    return {
      name,
      ...(ns ? { namespace: ns } : {}),
      uid: this.uid(kind, ns, name, !exists),
      resourceVersion: String(++this.rv),
      creationTimestamp: this.time(600),
      ...extra,
    };
  }

  /** The next operation: mostly upserts, sometimes a deletion, now and then a namespace emptied. */
  next(): WorldOp {
    const step = Math.floor(this.random() * 20_000);
    if (this.o.clockMoves) this.clock += step;
    if (this.chance(0.02)) return this.emptyNamespace(this.pick(NAMESPACES));
    const kind = this.pick(KINDS);
    const ns = WATCHED_KINDS[kind].namespaced ? this.pick(NAMESPACES) : undefined;
    if (this.chance(0.18)) return this.remove(kind, ns);
    return this.upsert(kind, ns);
  }

  private remove(kind: WatchedKind, ns: string | undefined): WorldOp {
    return {
      text: `delete a ${kind}${ns ? ` in ${ns}` : ''}`,
      apply: (stores) => {
        const list = store(stores, kind).list(ns);
        if (!list.length) return;
        const victim = list[Math.floor(this.random() * list.length)];
        store(stores, kind).remove(victim.metadata.namespace, victim.metadata.name);
      },
    };
  }

  private emptyNamespace(ns: string): WorldOp {
    return {
      text: `empty namespace ${ns}`,
      apply: (stores) => {
        for (const kind of KINDS) {
          if (!WATCHED_KINDS[kind].namespaced) continue;
          for (const o of store(stores, kind).list(ns)) store(stores, kind).remove(ns, o.metadata.name);
        }
      },
    };
  }

  private upsert(kind: WatchedKind, ns: string | undefined): WorldOp {
    return {
      text: `upsert a ${kind}${ns ? ` in ${ns}` : ''}`,
      apply: (stores) => {
        const raw = this.make(kind, stores, ns ?? '');
        const info = WATCHED_KINDS[kind];
        store(stores, kind).upsert(normalize(kind, info.apiVersion, raw) as KObject);
      },
    };
  }

  private make(kind: WatchedKind, s: LiveStores, ns: string): Raw {
    switch (kind) {
      case 'StorageClass':
        return this.storageClass(s);
      case 'PersistentVolume':
        return this.volume(s);
      case 'PersistentVolumeClaim':
        return this.claim(s, ns);
      case 'StatefulSet':
        return this.statefulSet(s, ns);
      case 'Pod':
        return this.pod(s, ns);
      case 'ControllerRevision':
        return this.revision(s, ns);
      case 'ConfigMap':
        return {
          metadata: this.meta(kind, s, ns, 'cfg'),
          data: { level: this.pick(['info', 'debug', 'warn']), n: String(this.rv % 3) },
        };
      case 'Secret':
        return {
          metadata: this.meta(kind, s, ns, 'creds'),
          type: 'Opaque',
          data: { password: Buffer.from(this.pick(['a', 'b'])).toString('base64') },
        };
      case 'Service':
        return this.service(s, ns);
      case 'EndpointSlice':
        return this.slice(s, ns);
      case 'Event':
        return this.event(s, ns);
    }
  }

  private storageClass(s: LiveStores): Raw {
    const name = this.pick(CLASSES);
    return {
      metadata: this.meta('StorageClass', s, undefined, name),
      provisioner: 'example.com/disk',
      reclaimPolicy: this.pick(['Delete', 'Retain']),
      volumeBindingMode: this.pick(['Immediate', 'WaitForFirstConsumer']),
    };
  }

  private volume(s: LiveStores): Raw {
    const name = this.pick(VOLUMES);
    const bound = this.chance(0.7);
    const ns = this.pick(NAMESPACES);
    const claim = this.claimName();
    return {
      metadata: this.meta('PersistentVolume', s, undefined, name),
      spec: {
        storageClassName: this.pick(CLASSES),
        capacity: { storage: '1Gi' },
        persistentVolumeReclaimPolicy: this.pick(['Delete', 'Retain']),
        ...(bound
          ? { claimRef: { namespace: ns, name: claim, uid: this.uids.get(`PersistentVolumeClaim/${ns}/${claim}`) } }
          : {}),
      },
      status: { phase: bound ? this.pick(['Bound', 'Bound', 'Released', 'Failed']) : 'Available' },
    };
  }

  private claimName(): string {
    return this.chance(0.8) ? `data-db-${this.pick(ORDINALS)}` : 'scratch';
  }

  private claim(s: LiveStores, ns: string): Raw {
    const name = this.claimName();
    const phase = this.pick(['Pending', 'Bound', 'Bound', 'Lost']);
    return {
      metadata: this.meta(
        'PersistentVolumeClaim',
        s,
        ns,
        name,
        name.startsWith('data-db-') ? { labels: { app: 'db' } } : {},
      ),
      spec: {
        ...(this.chance(0.9) ? { storageClassName: this.pick(CLASSES) } : {}),
        ...(phase !== 'Pending' ? { volumeName: this.pick(VOLUMES) } : {}),
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
      status: { phase, ...(phase === 'Bound' ? { capacity: { storage: '1Gi' } } : {}) },
    };
  }

  /**
   * A StatefulSet as the apiserver keeps it: its generation moves when (and only when) its spec
   * does; a third of the updates of one that exists are its controller's, to the status alone.
   */
  private statefulSet(s: LiveStores, ns: string): Raw {
    const had = s.StatefulSet.get(ns, 'db');
    const statusOnly = !!had && this.chance(0.3);
    // The store's copy is normalized: a spec made afresh counts as changed even when it is not.
    const spec: Raw = statusOnly && had ? { ...had.spec } : this.statefulSetSpec();
    const generation = !had ? 1 : statusOnly ? (had.metadata.generation ?? 1) : (had.metadata.generation ?? 1) + 1;
    const replicas = Number(spec.replicas ?? 1);
    const ready = Math.floor(this.random() * (replicas + 1));
    return {
      metadata: this.meta('StatefulSet', s, ns, 'db', { generation }),
      spec,
      status: {
        observedGeneration: this.pick([generation - 1, generation]),
        replicas,
        readyReplicas: ready,
        currentReplicas: ready,
        updatedReplicas: ready,
        currentRevision: 'db-1',
        updateRevision: this.pick(['db-1', 'db-2']),
      },
    };
  }

  private statefulSetSpec(): Raw {
    const replicas = this.pick([0, 1, 2, 3]);
    return {
      replicas,
      serviceName: this.pick(['db-hl', 'db']),
      selector: { matchLabels: { app: 'db' } },
      podManagementPolicy: this.pick(['OrderedReady', 'Parallel']),
      updateStrategy: this.chance(0.2)
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { partition: this.pick([0, 0, 1, 2]) } },
      persistentVolumeClaimRetentionPolicy: { whenScaled: this.pick(['Retain', 'Delete']), whenDeleted: 'Retain' },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          containers: [
            {
              name: 'db',
              image: this.pick(['postgres:16', 'postgres:17']),
              envFrom: [{ configMapRef: { name: 'cfg' } }],
            },
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
        },
      },
      volumeClaimTemplates: this.chance(0.8)
        ? [
            {
              metadata: { name: 'data' },
              spec: {
                storageClassName: this.pick(CLASSES),
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: '1Gi' } },
              },
            },
          ]
        : [],
    };
  }

  private pod(s: LiveStores, ns: string): Raw {
    const ordinal = this.pick(ORDINALS);
    const name = `db-${ordinal}`;
    const owner = s.StatefulSet.get(ns, 'db');
    const ready = this.chance(0.6);
    const started = this.time(this.pick([30, 400, 4000]));
    const waiting = !ready && this.chance(0.4);
    return {
      metadata: this.meta('Pod', s, ns, name, {
        labels: {
          app: this.chance(0.85) ? 'db' : 'other',
          'controller-revision-hash': this.pick(['db-1', 'db-2']),
          'apps.kubernetes.io/pod-index': String(ordinal),
        },
        ...(owner && this.chance(0.9)
          ? {
              ownerReferences: [
                { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: owner.metadata.uid, controller: true },
              ],
            }
          : {}),
        ...(this.chance(0.08) ? { deletionTimestamp: this.time(5) } : {}),
      }),
      spec: {
        hostname: name,
        subdomain: 'db-hl',
        nodeName: this.chance(0.9) ? 'node-1' : undefined,
        containers: [
          {
            name: 'db',
            image: 'postgres:16',
            env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }],
          },
        ],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: `data-db-${ordinal}` } },
          { name: 'cfg', configMap: { name: 'cfg' } },
        ],
      },
      status: {
        phase: this.pick(['Pending', 'Running', 'Running', 'Running', 'Failed']),
        podIP: `10.0.0.${ordinal + 1}`,
        startTime: started,
        conditions: [
          {
            type: 'Ready',
            status: ready ? 'True' : 'False',
            lastTransitionTime: this.time(this.pick([10, 300, 3000])),
          },
          ...(this.chance(0.1)
            ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }]
            : []),
        ],
        containerStatuses: [
          {
            name: 'db',
            ready,
            restartCount: this.pick([0, 0, 3]),
            image: 'postgres:16',
            state: waiting
              ? { waiting: { reason: this.pick(['CrashLoopBackOff', 'ImagePullBackOff']) } }
              : { running: { startedAt: started } },
          },
        ],
      },
    };
  }

  private revision(s: LiveStores, ns: string): Raw {
    const name = this.pick(['db-1', 'db-2']);
    const owner = s.StatefulSet.get(ns, 'db');
    return {
      metadata: this.meta('ControllerRevision', s, ns, name, {
        labels: { app: 'db' },
        ...(owner
          ? {
              ownerReferences: [
                { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: owner.metadata.uid, controller: true },
              ],
            }
          : {}),
      }),
      revision: name === 'db-1' ? 1 : 2,
      data: {
        spec: {
          template: { spec: { containers: [{ name: 'db', image: name === 'db-1' ? 'postgres:16' : 'postgres:17' }] } },
        },
      },
    };
  }

  private service(s: LiveStores, ns: string): Raw {
    const name = this.pick(['db-hl', 'db', 'metrics']);
    return {
      metadata: this.meta('Service', s, ns, name),
      spec: {
        ...(name === 'db-hl' ? { clusterIP: 'None' } : { clusterIP: '10.96.0.10', type: 'ClusterIP' }),
        ...(this.chance(0.9)
          ? { selector: { app: name === 'metrics' ? 'exporter' : this.pick(['db', 'db', 'other']) } }
          : {}),
        ports: [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }],
        ...(this.chance(0.1) ? { publishNotReadyAddresses: true } : {}),
      },
    };
  }

  private slice(s: LiveStores, ns: string): Raw {
    const service = this.pick(['db-hl', 'db']);
    const endpoints = ORDINALS.filter(() => this.chance(0.6)).map((o) => ({
      addresses: [`10.0.0.${o + 1}`],
      hostname: `db-${o}`,
      conditions: { ready: this.chance(0.7), serving: true, terminating: this.chance(0.1) },
      targetRef: { kind: 'Pod', name: `db-${o}`, namespace: ns, uid: this.uids.get(`Pod/${ns}/db-${o}`) },
    }));
    return {
      metadata: this.meta('EndpointSlice', s, ns, `${service}-abcde`, {
        labels: { 'kubernetes.io/service-name': service },
      }),
      addressType: 'IPv4',
      endpoints,
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    };
  }

  private event(s: LiveStores, ns: string): Raw {
    const about = this.pick([
      { kind: 'Pod', name: `db-${this.pick(ORDINALS)}` },
      { kind: 'PersistentVolumeClaim', name: `data-db-${this.pick(ORDINALS)}` },
      { kind: 'StatefulSet', name: 'db' },
    ]);
    const reason = this.pick(['Unhealthy', 'ProvisioningFailed', 'FailedCreate', 'Scheduled', 'BackOff']);
    return {
      metadata: this.meta('Event', s, ns, `${about.name}.${this.pick(['x1', 'x2'])}`),
      involvedObject: {
        kind: about.kind,
        namespace: ns,
        name: about.name,
        uid: this.uids.get(`${about.kind}/${ns}/${about.name}`),
      },
      reason,
      message: reason === 'Unhealthy' ? 'Readiness probe failed: connection refused' : `${reason} happened`,
      type: reason === 'Scheduled' ? 'Normal' : 'Warning',
      count: this.pick([1, 3]),
      firstTimestamp: this.time(900),
      lastTimestamp: this.time(this.pick([5, 120, 1200])),
    };
  }
}

const KINDS = Object.keys(WATCHED_KINDS) as WatchedKind[];

function store(stores: LiveStores, kind: string): ObjectStore {
  return stores[kind as WatchedKind] as unknown as ObjectStore;
}
