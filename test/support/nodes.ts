import { NODE_KINDS, type NodeKind } from '@/lib/wire/kinds';
import type { Health, NodeFacts, NodeOf } from '@/lib/wire/topology';

/** Plain facts per kind, for tests that build graph nodes by hand. */
const FACTS: { [K in NodeKind]: NodeFacts[K] } = {
  Service: { headless: false, endpoints: 0, ready: 0, type: 'ClusterIP', ports: [] },
  EndpointSlice: { endpoints: 0, ready: 0, addressType: 'IPv4' },
  StatefulSet: {
    replicas: 1,
    ready: 1,
    currentRevision: 'r1',
    updateRevision: 'r1',
    partition: 0,
    podManagementPolicy: 'OrderedReady',
  },
  Pod: { phase: 'Running', ready: true, revision: 'r1', node: 'n1', restarts: 0, started: '' },
  ConfigMap: { keys: 1, changed: '' },
  Secret: { keys: 1, type: 'Opaque', changed: '' },
  PersistentVolumeClaim: {
    phase: 'Bound',
    storageClass: 'standard',
    capacity: '1Gi',
    volume: '',
    accessModes: 'ReadWriteOnce',
  },
  PersistentVolume: { phase: 'Bound', reclaimPolicy: 'Delete', capacity: '1Gi', storageClass: 'standard', claim: '' },
  StorageClass: { provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', default: false },
};

/** A node of `kind` named `name` (in `namespace` unless the kind is cluster-scoped), with plain facts. */
export function testNode<K extends NodeKind>(
  kind: K,
  name: string,
  opts: { namespace?: string; status?: Health; info?: Partial<NodeFacts[K]> } = {},
): NodeOf<K> {
  const namespace = NODE_KINDS[kind].clusterScoped ? undefined : (opts.namespace ?? 'ns');
  const id = namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
  const info = { ...FACTS[kind], ...opts.info };
  const node = { id, kind, ...(namespace ? { namespace } : {}), name, status: opts.status ?? 'ok', info };
  // The same generic-K gap as in server/topology/nodes.ts: a spread of NodeFacts[K] is not seen as NodeFacts[K].
  return node as NodeOf<K>;
}
