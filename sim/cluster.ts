import { createHash } from 'node:crypto';
import { EndpointSliceController } from './controllers/endpointslices';
import { EventRecorder } from './controllers/events';
import { GarbageCollector, NamespaceController } from './controllers/garbagecollector';
import { Kubelet } from './controllers/kubelet';
import { ControllerManager, DEMO_TIMING, type Timing } from './controllers/runtime';
import { Scheduler } from './controllers/scheduler';
import { StatefulSetController } from './controllers/statefulset';
import { VolumeController } from './controllers/volumes';
import { BOOTSTRAP_POLICY } from './auth/bootstrap';
import { nowTime } from './model/meta';
import { resources } from './registry/lookup';
import { Registry } from './registry/registry';
import { Store } from './store/store';

export interface ClusterOptions {
  controllers?: boolean;
  timing?: Partial<Timing>;
  historyCapacity?: number;
}

/** The cluster without its HTTP front: store, registry and controller manager (not yet started). */
export interface Cluster {
  store: Store;
  registry: Registry;
  controllers?: ControllerManager;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const store = new Store({ historyCapacity: opts.historyCapacity });
  const withControllers = opts.controllers ?? true;
  const registry = new Registry(store, { controllers: withControllers });
  for (const name of SYSTEM_NAMESPACES)
    registry.create(resources.namespaces, undefined, { metadata: { name } }, { manager: 'kube-apiserver' });
  for (const o of BOOTSTRAP_POLICY) {
    const r = o.kind === 'ClusterRole' ? resources.clusterroles : resources.clusterrolebindings;
    registry.create(r, undefined, o, { manager: 'kube-apiserver' });
  }
  if (!withControllers) return { store, registry };
  const timing = { ...DEMO_TIMING, ...opts.timing };
  const events = new EventRecorder(registry);
  const controllers = new ControllerManager({ registry, store, timing, events }, (ctx) => [
    new GarbageCollector(ctx),
    new NamespaceController(ctx),
    new StatefulSetController(ctx),
    new Scheduler(ctx),
    new Kubelet(ctx),
    new VolumeController(ctx),
    new EndpointSliceController(ctx),
  ]);
  return { store, registry, controllers };
}

/** A stable 32-hex-digit id per node, as /etc/machine-id and the boot id look. */
function idOf(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/** Adds Ready nodes `sim-node-1..count`, as a kind cluster would have. */
export function addNodes(c: Cluster, count: number): void {
  for (let i = 1; i <= count; i++) {
    const name = `sim-node-${i}`;
    if (c.store.get(resources.nodes, undefined, name)) continue;
    const n = c.registry.create(
      resources.nodes,
      undefined,
      {
        metadata: {
          name,
          labels: {
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'topology.kubernetes.io/zone': `zone-${String.fromCharCode(97 + ((i - 1) % 3))}`,
          },
        },
        spec: { podCIDR: `10.244.${i}.0/24` },
      },
      { manager: 'kubelet' },
    );
    c.registry.mutate(
      resources.nodes,
      n,
      (o) => {
        o.status = {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
              lastHeartbeatTime: nowTime(),
              lastTransitionTime: nowTime(),
            },
          ],
          addresses: [
            { type: 'InternalIP', address: `172.18.0.${i + 1}` },
            { type: 'Hostname', address: name },
          ],
          capacity: { cpu: '8', memory: '32Gi', pods: '110' },
          allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
          nodeInfo: {
            machineID: idOf(`machine-${name}`),
            systemUUID: idOf(`system-${name}`),
            bootID: idOf(`boot-${name}`),
            kernelVersion: '6.1.0',
            osImage: 'Debian GNU/Linux 12 (bookworm)',
            containerRuntimeVersion: 'containerd://1.7.24',
            kubeletVersion: 'v1.32.4',
            kubeProxyVersion: 'v1.32.4',
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
        };
      },
      { manager: 'kubelet', subresource: 'status' },
    );
  }
}

/** What a fresh kind cluster has: Ready nodes and a default StorageClass `standard` (local-path, WaitForFirstConsumer). */
export function freshCluster(c: Cluster, nodes = 1): void {
  addNodes(c, nodes);
  if (c.store.get(resources.storageclasses, undefined, 'standard')) return;
  c.registry.create(
    resources.storageclasses,
    undefined,
    {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    { manager: 'kubectl-client-side-apply' },
  );
}
