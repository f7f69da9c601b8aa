import { isObject } from '../model/meta';
import type { JsonObject, JsonValue, KubeObject } from '../model/types';
import { formatSelector } from '../query/labels';
import { ageOf } from './age';

/**
 * Server-side printing (meta.k8s.io/v1 Table), which kubectl get asks for and prints
 * as is. Columns follow the apiserver's printers for each kind; priority 1 columns
 * are the extra `-o wide` ones.
 */
interface Column {
  name: string;
  type?: 'string' | 'integer' | 'date';
  priority?: number;
  cell: (o: Obj) => JsonValue;
}

type Obj = KubeObject & { spec?: JsonObject; status?: JsonObject; data?: JsonObject };

const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const rec = (v: JsonValue | undefined): JsonObject => (isObject(v) ? v : {});
const str = (v: JsonValue | undefined, dflt = '<none>'): string =>
  v === undefined || v === null || v === '' ? dflt : String(v);

const age: Column = { name: 'Age', type: 'date', cell: (o) => ageOf(o.metadata.creationTimestamp) };
const name: Column = { name: 'Name', cell: (o) => o.metadata.name };

function podStatus(o: Obj): string {
  const st = rec(o.status);
  let reason = str(st.reason, str(st.phase, 'Unknown'));
  for (const cs of arr(st.containerStatuses)) {
    const state = rec(rec(cs).state);
    const waiting = rec(state.waiting);
    const terminated = rec(state.terminated);
    if (waiting.reason) reason = String(waiting.reason);
    else if (terminated.reason) reason = String(terminated.reason);
  }
  if (o.metadata.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podReady(o: Obj): string {
  const statuses = arr(rec(o.status).containerStatuses).map(rec);
  const total = arr(rec(o.spec).containers).length;
  return `${statuses.filter((c) => c.ready === true).length}/${total}`;
}

function podRestarts(o: Obj): string {
  const statuses = arr(rec(o.status).containerStatuses).map(rec);
  const n = statuses.reduce((sum, c) => sum + (typeof c.restartCount === 'number' ? c.restartCount : 0), 0);
  const last = statuses
    .map((c) => rec(rec(c.lastState).terminated).finishedAt)
    .filter((t): t is string => typeof t === 'string')
    .sort()
    .pop();
  return n > 0 && last ? `${n} (${ageOf(last)} ago)` : String(n);
}

function servicePorts(o: Obj): string {
  const ports = arr(rec(o.spec).ports).map(rec);
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${str(p.protocol, 'TCP')}`).join(',');
}

function accessModes(v: JsonValue | undefined): string {
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return arr(v)
    .map((m) => short[String(m)] ?? String(m))
    .join(',');
}

function joinAddresses(addrs: string[], ports: string[]): string {
  if (addrs.length === 0) return '<none>';
  const all = addrs.flatMap((a) => (ports.length ? ports.map((p) => `${a}:${p}`) : [a]));
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

function nodeStatus(o: Obj): string {
  const ready = arr(rec(o.status).conditions)
    .map(rec)
    .find((c) => c.type === 'Ready');
  const s = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return rec(o.spec).unschedulable ? `${s},SchedulingDisabled` : s;
}

function eventObject(o: Obj): string {
  const io = rec((o as JsonObject).involvedObject as JsonValue);
  return `${String(io.kind ?? '').toLowerCase()}/${str(io.name, '')}`;
}

const COLUMNS: Record<string, Column[]> = {
  Namespace: [name, { name: 'Status', cell: (o) => str(rec(o.status).phase, 'Active') }, age],
  Node: [
    name,
    { name: 'Status', cell: nodeStatus },
    {
      name: 'Roles',
      cell: (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((k) => k.startsWith('node-role.kubernetes.io/'))
          .map((k) => k.split('/')[1])
          .join(',') || '<none>',
    },
    age,
    { name: 'Version', cell: (o) => str(rec(rec(o.status).nodeInfo).kubeletVersion, '') },
    {
      name: 'Internal-IP',
      priority: 1,
      cell: (o) =>
        str(
          arr(rec(o.status).addresses)
            .map(rec)
            .find((a) => a.type === 'InternalIP')?.address,
        ),
    },
    { name: 'OS-Image', priority: 1, cell: (o) => str(rec(rec(o.status).nodeInfo).osImage, '<unknown>') },
    {
      name: 'Container-Runtime',
      priority: 1,
      cell: (o) => str(rec(rec(o.status).nodeInfo).containerRuntimeVersion, '<unknown>'),
    },
  ],
  Pod: [
    name,
    { name: 'Ready', cell: podReady },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', cell: podRestarts },
    age,
    { name: 'IP', priority: 1, cell: (o) => str(rec(o.status).podIP) },
    { name: 'Node', priority: 1, cell: (o) => str(rec(o.spec).nodeName) },
    { name: 'Nominated Node', priority: 1, cell: (o) => str(rec(o.status).nominatedNodeName) },
    { name: 'Readiness Gates', priority: 1, cell: () => '<none>' },
  ],
  Service: [
    name,
    { name: 'Type', cell: (o) => str(rec(o.spec).type, 'ClusterIP') },
    { name: 'Cluster-IP', cell: (o) => str(rec(o.spec).clusterIP) },
    { name: 'External-IP', cell: () => '<none>' },
    { name: 'Port(s)', cell: servicePorts },
    age,
    {
      name: 'Selector',
      priority: 1,
      cell: (o) =>
        isObject(rec(o.spec).selector)
          ? formatSelector({ matchLabels: rec(o.spec).selector as Record<string, string> }) || '<none>'
          : '<none>',
    },
  ],
  Endpoints: [
    name,
    {
      name: 'Endpoints',
      cell: (o) => {
        const subsets = arr((o as JsonObject).subsets as JsonValue).map(rec);
        const addrs = subsets.flatMap((s) => arr(s.addresses).map((a) => String(rec(a).ip)));
        const ports = subsets.flatMap((s) => arr(s.ports).map((p) => String(rec(p).port)));
        return joinAddresses(addrs, [...new Set(ports)]);
      },
    },
    age,
  ],
  ConfigMap: [
    name,
    {
      name: 'Data',
      type: 'integer',
      cell: (o) => Object.keys(rec(o.data)).length + Object.keys(rec((o as JsonObject).binaryData as JsonValue)).length,
    },
    age,
  ],
  Secret: [
    name,
    { name: 'Type', cell: (o) => str((o as JsonObject).type as JsonValue, 'Opaque') },
    { name: 'Data', type: 'integer', cell: (o) => Object.keys(rec(o.data)).length },
    age,
  ],
  PersistentVolumeClaim: [
    name,
    {
      name: 'Status',
      cell: (o) => (o.metadata.deletionTimestamp ? 'Terminating' : str(rec(o.status).phase, 'Pending')),
    },
    { name: 'Volume', cell: (o) => str(rec(o.spec).volumeName, '') },
    { name: 'Capacity', cell: (o) => str(rec(rec(o.status).capacity).storage, '') },
    { name: 'Access Modes', cell: (o) => accessModes(rec(o.status).accessModes) },
    { name: 'StorageClass', cell: (o) => str(rec(o.spec).storageClassName, '<unset>') },
    { name: 'VolumeAttributesClass', cell: (o) => str(rec(o.spec).volumeAttributesClassName, '<unset>') },
    age,
    { name: 'VolumeMode', priority: 1, cell: (o) => str(rec(o.spec).volumeMode, 'Filesystem') },
  ],
  PersistentVolume: [
    name,
    { name: 'Capacity', cell: (o) => str(rec(rec(o.spec).capacity).storage, '') },
    { name: 'Access Modes', cell: (o) => accessModes(rec(o.spec).accessModes) },
    { name: 'Reclaim Policy', cell: (o) => str(rec(o.spec).persistentVolumeReclaimPolicy, 'Retain') },
    {
      name: 'Status',
      cell: (o) => (o.metadata.deletionTimestamp ? 'Terminating' : str(rec(o.status).phase, 'Pending')),
    },
    {
      name: 'Claim',
      cell: (o) => {
        const c = rec(rec(o.spec).claimRef);
        return c.name ? `${c.namespace}/${c.name}` : '';
      },
    },
    { name: 'StorageClass', cell: (o) => str(rec(o.spec).storageClassName, '<unset>') },
    { name: 'VolumeAttributesClass', cell: (o) => str(rec(o.spec).volumeAttributesClassName, '<unset>') },
    { name: 'Reason', cell: (o) => str(rec(o.status).reason, '') },
    age,
    { name: 'VolumeMode', priority: 1, cell: (o) => str(rec(o.spec).volumeMode, 'Filesystem') },
  ],
  Event: [
    {
      name: 'Last Seen',
      cell: (o) =>
        ageOf((o as JsonObject).lastTimestamp ?? (o as JsonObject).eventTime ?? o.metadata.creationTimestamp),
    },
    { name: 'Type', cell: (o) => str((o as JsonObject).type as JsonValue, 'Normal') },
    { name: 'Reason', cell: (o) => str((o as JsonObject).reason as JsonValue, '') },
    { name: 'Object', cell: eventObject },
    { name: 'Message', cell: (o) => str((o as JsonObject).message as JsonValue, '').trim() },
    { name: 'Source', priority: 1, cell: (o) => str(rec((o as JsonObject).source as JsonValue).component, '') },
    { name: 'First Seen', priority: 1, cell: (o) => ageOf((o as JsonObject).firstTimestamp) },
    { name: 'Count', priority: 1, cell: (o) => Number((o as JsonObject).count ?? 1) },
    { name: 'Name', priority: 1, cell: (o) => o.metadata.name },
  ],
  StatefulSet: [
    name,
    { name: 'Ready', cell: (o) => `${Number(rec(o.status).readyReplicas ?? 0)}/${Number(rec(o.spec).replicas ?? 1)}` },
    age,
    {
      name: 'Containers',
      priority: 1,
      cell: (o) =>
        arr(rec(rec(rec(o.spec).template).spec).containers)
          .map((c) => String(rec(c).name))
          .join(','),
    },
    {
      name: 'Images',
      priority: 1,
      cell: (o) =>
        arr(rec(rec(rec(o.spec).template).spec).containers)
          .map((c) => String(rec(c).image))
          .join(','),
    },
  ],
  ControllerRevision: [
    name,
    {
      name: 'Controller',
      cell: (o) => {
        const c = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
        return c ? `statefulset.apps/${c.name}` : '<none>';
      },
    },
    { name: 'Revision', type: 'integer', cell: (o) => Number((o as JsonObject).revision ?? 0) },
    age,
  ],
  EndpointSlice: [
    name,
    { name: 'AddressType', cell: (o) => str((o as JsonObject).addressType as JsonValue, '') },
    {
      name: 'Ports',
      cell: (o) =>
        arr((o as JsonObject).ports as JsonValue)
          .map((p) => String(rec(p).port))
          .join(',') || '<unset>',
    },
    {
      name: 'Endpoints',
      cell: (o) => {
        const addrs = arr((o as JsonObject).endpoints as JsonValue).flatMap((e) => arr(rec(e).addresses).map(String));
        return addrs.length === 0
          ? '<unset>'
          : addrs.length > 3
            ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...`
            : addrs.join(',');
      },
    },
    age,
  ],
  StorageClass: [
    {
      name: 'Name',
      cell: (o) =>
        o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true'
          ? `${o.metadata.name} (default)`
          : o.metadata.name,
    },
    { name: 'Provisioner', cell: (o) => str((o as JsonObject).provisioner as JsonValue, '') },
    { name: 'ReclaimPolicy', cell: (o) => str((o as JsonObject).reclaimPolicy as JsonValue, 'Delete') },
    { name: 'VolumeBindingMode', cell: (o) => str((o as JsonObject).volumeBindingMode as JsonValue, 'Immediate') },
    { name: 'AllowVolumeExpansion', cell: (o) => Boolean((o as JsonObject).allowVolumeExpansion) },
    age,
  ],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function columnsFor(kind: string): Column[] {
  return COLUMNS[kind] ?? [name, age];
}

function rowObject(o: KubeObject, include: IncludeObject): JsonValue | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return o as unknown as JsonValue;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata as unknown as JsonValue };
}

export function toTable(
  kind: string,
  objects: KubeObject[],
  opts: { include: IncludeObject; headers: boolean; resourceVersion?: string; continueToken?: string },
): JsonObject {
  const cols = columnsFor(kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      resourceVersion: opts.resourceVersion ?? '',
      ...(opts.continueToken ? { continue: opts.continueToken } : {}),
    },
    ...(opts.headers
      ? {
          columnDefinitions: cols.map((c) => ({
            name: c.name,
            type: c.type === 'date' ? 'string' : (c.type ?? 'string'),
            format: c.name === 'Name' ? 'name' : '',
            description: '',
            priority: c.priority ?? 0,
          })),
        }
      : {}),
    rows: objects.map((o) => {
      const obj = rowObject(o, opts.include);
      return { cells: cols.map((c) => c.cell(o as Obj)), ...(obj ? { object: obj } : {}) };
    }),
  };
}

/** Parses the Accept header: does the client want a Table? */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => /as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}
