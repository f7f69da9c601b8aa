import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiServer } from './api/server';
import { EndpointSliceController } from './controllers/endpointslices';
import { EventRecorder } from './controllers/events';
import { GarbageCollector, NamespaceController } from './controllers/garbagecollector';
import { Kubelet } from './controllers/kubelet';
import { ControllerManager, DEMO_TIMING, type Timing } from './controllers/runtime';
import { Scheduler } from './controllers/scheduler';
import { StatefulSetController } from './controllers/statefulset';
import { VolumeController } from './controllers/volumes';
import { renderKubeconfig } from './kubeconfig';
import { nowTime } from './model/meta';
import { resources } from './registry/lookup';
import { Registry } from './registry/registry';
import { Store } from './store/store';
import { generateTls } from './tls';

export interface SimOptions {
  port?: number;
  host?: string;
  kubeconfigPath?: string;
  controllers?: boolean;
  timing?: Partial<Timing>;
  bookmarkIntervalMs?: number;
  historyCapacity?: number;
  token?: string;
}

export interface Sim {
  url: string;
  port: number;
  token: string;
  caCert: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  store: Store;
  registry: Registry;
  api: ApiServer;
  controllers?: ControllerManager;
  close(): Promise<void>;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Boots an empty cluster: system namespaces, the API server and (unless frozen) the controllers. */
export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  const store = new Store({ historyCapacity: opts.historyCapacity });
  const withControllers = opts.controllers ?? true;
  const registry = new Registry(store, { controllers: withControllers });
  for (const name of SYSTEM_NAMESPACES) registry.create(resources.namespaces, undefined, { metadata: { name } }, { manager: 'kube-apiserver' });
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tls = generateTls();
  const api = new ApiServer({ registry, token, key: tls.key, cert: tls.cert, bookmarkIntervalMs: opts.bookmarkIntervalMs });
  const port = await api.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  const url = `https://${opts.host ?? '127.0.0.1'}:${port}`;
  const kubeconfig = renderKubeconfig({ server: url, caCert: tls.caCert, token });
  if (opts.kubeconfigPath) {
    mkdirSync(dirname(opts.kubeconfigPath), { recursive: true });
    writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  let controllers: ControllerManager | undefined;
  if (withControllers) {
    const timing = { ...DEMO_TIMING, ...opts.timing };
    const events = new EventRecorder(registry);
    controllers = new ControllerManager({ registry, store, timing, events }, (ctx) => [
      new GarbageCollector(ctx),
      new NamespaceController(ctx),
      new StatefulSetController(ctx),
      new Scheduler(ctx),
      new Kubelet(ctx),
      new VolumeController(ctx),
      new EndpointSliceController(ctx),
    ]);
  }
  return {
    url,
    port,
    token,
    caCert: tls.caCert,
    kubeconfig,
    kubeconfigPath: opts.kubeconfigPath,
    store,
    registry,
    api,
    controllers,
    async close() {
      controllers?.stop();
      await api.close();
    },
  };
}

/** Adds Ready nodes, as a kind cluster would have. */
export function addNodes(sim: Sim, count: number): void {
  for (let i = 1; i <= count; i++) {
    const name = `sim-node-${i}`;
    if (sim.store.get(resources.nodes, undefined, name)) continue;
    const n = sim.registry.create(resources.nodes, undefined, {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': `zone-${String.fromCharCode(97 + ((i - 1) % 3))}` } },
      spec: { podCIDR: `10.244.${i}.0/24` },
    }, { manager: 'kubelet' });
    sim.registry.mutate(resources.nodes, n, (o) => {
      o.status = {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: nowTime(), lastTransitionTime: nowTime() }],
        addresses: [{ type: 'InternalIP', address: `172.18.0.${i + 1}` }, { type: 'Hostname', address: name }],
        capacity: { cpu: '8', memory: '32Gi', pods: '110' },
        allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Debian GNU/Linux 12 (bookworm)', containerRuntimeVersion: 'containerd://1.7.24', kernelVersion: '6.1.0', architecture: 'amd64', operatingSystem: 'linux' },
      };
    }, { manager: 'kubelet', subresource: 'status' });
  }
}
