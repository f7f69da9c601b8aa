import { deepEqual, isObject, nowTime } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';
import { matchesRequirements, type Requirement } from '../query/labels';
import { resources } from '../registry/lookup';
import type { StoreEvent } from '../store/store';
import { containers, isPodReady, podPhase, podSpec, podStatus } from './podview';
import type { Controller, ControllerContext } from './runtime';
import { splitKey } from './runtime';

const MANAGED_BY = 'endpointslice-controller.k8s.io';
const MANAGER = { manager: 'kube-controller-manager' };
const MAX_PER_SLICE = 100;

type Svc = KubeObject & { spec: JsonObject };

/** A Service's selector as label pairs; undefined when it selects nothing by itself (none, or empty). */
function selectorMap(svc: KubeObject): Record<string, string> | undefined {
  const sel = (svc as Svc).spec?.selector;
  if (!isObject(sel) || Object.keys(sel).length === 0) return undefined;
  return Object.fromEntries(Object.entries(sel).map(([k, v]) => [k, String(v)]));
}

function selectorOf(svc: KubeObject): Requirement[] | undefined {
  const sel = selectorMap(svc);
  return sel && Object.entries(sel).map(([key, v]) => ({ key, op: '=' as const, values: [v] }));
}

/** Resolves a Service targetPort (number or container port name) against a pod. */
function targetPort(port: JsonObject, pod: KubeObject | undefined): number | undefined {
  const t = port.targetPort ?? port.port;
  if (typeof t === 'number') return t;
  for (const c of pod ? containers(pod) : []) {
    for (const p of Array.isArray(c.ports) ? (c.ports as JsonObject[]) : [])
      if (p.name === t) return Number(p.containerPort);
  }
  return /^\d+$/.test(String(t)) ? Number(t) : undefined;
}

/**
 * The EndpointSlice controller and the legacy Endpoints controller: for each Service
 * with a selector, the pods it selects that have an IP, with ready/serving/terminating
 * conditions, targetRef, nodeName and — behind a headless Service governing a
 * StatefulSet — each pod's hostname.
 */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslices';

  constructor(private readonly ctx: ControllerContext) {}

  initialKeys(): string[] {
    return this.ctx.store.list(resources.services).map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    const o = ev.object;
    if (ev.resource === resources.services) {
      enqueue(`${o.metadata.namespace}/${o.metadata.name}`);
      return;
    }
    if (ev.resource !== resources.pods) return;
    for (const svc of this.ctx.store.list(resources.services, o.metadata.namespace)) {
      const sel = selectorOf(svc);
      if (!sel) continue;
      if (
        matchesRequirements(o.metadata.labels, sel) ||
        (ev.previous && matchesRequirements(ev.previous.metadata.labels, sel))
      ) {
        enqueue(`${svc.metadata.namespace}/${svc.metadata.name}`);
      }
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.get(resources.services, namespace, name) as Svc | undefined;
    const sel = svc && !svc.metadata.deletionTimestamp ? selectorMap(svc) : undefined;
    // The slices it made carry the Service as owner; a Service gone leaves them found by label.
    const existing = (
      svc
        ? this.ctx.store.ownedBy(resources.endpointslices, svc.metadata.uid)
        : this.ctx.store.list(resources.endpointslices, namespace)
    ).filter(
      (s) =>
        s.metadata.labels?.['kubernetes.io/service-name'] === name &&
        s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY,
    );
    if (!svc || !sel) {
      for (const s of existing) this.ctx.registry.delete(resources.endpointslices, namespace, s.metadata.name);
      const ep = this.ctx.store.get(resources.endpoints, namespace, name);
      if (ep && (!svc || ep.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller'))
        this.ctx.registry.delete(resources.endpoints, namespace, name);
      return;
    }
    const pods = this.ctx.store
      .selectedBy(resources.pods, namespace ?? '', sel)
      .filter((p) => podStatus(p).podIP && !['Succeeded', 'Failed'].includes(podPhase(p)));
    this.syncSlices(svc, pods, existing);
    this.syncEndpoints(svc, pods);
  }

  private endpoint(svc: Svc, pod: KubeObject): JsonObject {
    const publish = svc.spec.publishNotReadyAddresses === true;
    const terminating = !!pod.metadata.deletionTimestamp;
    const ready = publish || (isPodReady(pod) && !terminating);
    const spec = podSpec(pod);
    const hostname = spec.subdomain === svc.metadata.name && spec.hostname ? spec.hostname : undefined;
    return {
      addresses: [String(podStatus(pod).podIP)],
      conditions: { ready, serving: publish || isPodReady(pod), terminating },
      ...(hostname ? { hostname } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
    };
  }

  private ports(svc: Svc, pods: KubeObject[]): JsonObject[] {
    const ports = Array.isArray(svc.spec.ports) ? (svc.spec.ports as JsonObject[]) : [];
    if (pods.length === 0) return [];
    return ports.flatMap((p) => {
      const port = targetPort(p, pods[0]);
      return port === undefined
        ? []
        : [
            {
              name: p.name ?? '',
              port,
              protocol: p.protocol ?? 'TCP',
              ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
            },
          ];
    });
  }

  private syncSlices(svc: Svc, pods: KubeObject[], existing: KubeObject[]): void {
    const ns = svc.metadata.namespace;
    const endpoints = pods.map((p) => this.endpoint(svc, p));
    const chunks: JsonObject[][] = [];
    for (let i = 0; i < endpoints.length; i += MAX_PER_SLICE) chunks.push(endpoints.slice(i, i + MAX_PER_SLICE));
    if (chunks.length === 0) chunks.push([]);
    const ports = this.ports(svc, pods);
    const labels = {
      ...svc.metadata.labels,
      'kubernetes.io/service-name': svc.metadata.name,
      'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
    };
    const slices = [...existing].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    chunks.forEach((chunk, i) => {
      const body = { addressType: 'IPv4', endpoints: chunk, ports };
      const cur = slices[i];
      if (!cur) {
        this.ctx.registry.create(
          resources.endpointslices,
          ns,
          {
            metadata: {
              generateName: `${svc.metadata.name}-`,
              namespace: ns,
              labels,
              annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': nowTime() },
              ownerReferences: [
                {
                  apiVersion: 'v1',
                  kind: 'Service',
                  name: svc.metadata.name,
                  uid: String(svc.metadata.uid),
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            ...body,
          },
          MANAGER,
        );
      } else if (
        !deepEqual(
          {
            addressType: (cur as JsonObject).addressType,
            endpoints: (cur as JsonObject).endpoints ?? [],
            ports: (cur as JsonObject).ports ?? [],
          },
          body,
        ) ||
        !deepEqual(cur.metadata.labels, labels)
      ) {
        this.ctx.registry.mutate(
          resources.endpointslices,
          cur,
          (s) => {
            Object.assign(s, body);
            s.metadata.labels = labels;
            s.metadata.annotations = {
              ...s.metadata.annotations,
              'endpoints.kubernetes.io/last-change-trigger-time': nowTime(),
            };
          },
          MANAGER,
        );
      }
    });
    for (const extra of slices.slice(chunks.length))
      this.ctx.registry.delete(resources.endpointslices, ns, extra.metadata.name);
  }

  private syncEndpoints(svc: Svc, pods: KubeObject[]): void {
    const ns = svc.metadata.namespace;
    const publish = svc.spec.publishNotReadyAddresses === true;
    const addr = (p: KubeObject): JsonObject => {
      const spec = podSpec(p);
      const hostname = spec.subdomain === svc.metadata.name && spec.hostname ? spec.hostname : undefined;
      return {
        ip: String(podStatus(p).podIP),
        ...(hostname ? { hostname } : {}),
        ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      };
    };
    const live = pods.filter((p) => !p.metadata.deletionTimestamp || publish);
    const ready = live.filter((p) => publish || isPodReady(p)).map(addr);
    const notReady = live.filter((p) => !(publish || isPodReady(p))).map(addr);
    const ports = this.ports(svc, pods).map(({ name, port, protocol }) => ({
      ...(name ? { name } : {}),
      port,
      protocol,
    }));
    const subsets =
      ready.length || notReady.length
        ? [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports,
            },
          ]
        : [];
    const labels = { ...svc.metadata.labels, 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    const cur = this.ctx.store.get(resources.endpoints, ns, svc.metadata.name);
    if (!cur) {
      this.ctx.registry.create(
        resources.endpoints,
        ns,
        { metadata: { name: svc.metadata.name, namespace: ns, labels }, ...(subsets.length ? { subsets } : {}) },
        MANAGER,
      );
    } else if (!deepEqual((cur as JsonObject).subsets ?? [], subsets) || !deepEqual(cur.metadata.labels, labels)) {
      this.ctx.registry.mutate(
        resources.endpoints,
        cur,
        (e) => {
          if (subsets.length) (e as JsonObject).subsets = subsets;
          else delete (e as JsonObject).subsets;
          e.metadata.labels = labels;
        },
        MANAGER,
      );
    }
  }
}
