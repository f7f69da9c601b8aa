import { isObject, nowTime } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';
import { resources } from '../registry/lookup';
import type { StoreEvent } from '../store/store';
import { claimNames, podSpec } from './podview';
import type { Controller, ControllerContext } from './runtime';
import { splitKey } from './runtime';

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const COMPONENT = 'default-scheduler';

/**
 * kube-scheduler, as far as storage and placement go: a pod waits while a claim is
 * missing or unbound (Immediate), triggers WaitForFirstConsumer provisioning by
 * selecting a node, and is bound to the least loaded Ready node otherwise.
 */
export class Scheduler implements Controller {
  readonly name = 'scheduler';
  private readonly reported = new Map<string, string>(); // pod uid -> last FailedScheduling message
  /** Pods per node and pending pods per claim, kept from observed changes: no scan per decision. */
  private readonly load = new Map<string, number>();
  private readonly waitingOn = new Map<string, Set<string>>(); // "ns/claim" -> pending pod keys
  /** Nodes chosen for a pod's WaitForFirstConsumer claims before the pod binds (the scheduler's "assume"). */
  private readonly reserved = new Map<string, string>(); // pod key -> node

  constructor(private readonly ctx: ControllerContext) {}

  initialKeys(): string[] {
    const keys: string[] = [];
    for (const p of this.ctx.store.list(resources.pods)) {
      this.track(undefined, p);
      if (!podSpec(p).nodeName) keys.push(`${p.metadata.namespace}/${p.metadata.name}`);
    }
    return keys;
  }

  private track(before: KubeObject | undefined, after: KubeObject | undefined): void {
    const key = `${(after ?? before)?.metadata.namespace}/${(after ?? before)?.metadata.name}`;
    const nodeBefore = before ? podSpec(before).nodeName : undefined;
    const nodeAfter = after ? podSpec(after).nodeName : undefined;
    if (typeof nodeBefore === 'string') this.load.set(nodeBefore, (this.load.get(nodeBefore) ?? 1) - 1);
    if (typeof nodeAfter === 'string') this.load.set(nodeAfter, (this.load.get(nodeAfter) ?? 0) + 1);
    for (const c of before ? claimNames(before) : [])
      this.waitingOn.get(`${before?.metadata.namespace}/${c}`)?.delete(key);
    if (after && !nodeAfter) {
      for (const c of claimNames(after)) {
        const k = `${after.metadata.namespace}/${c}`;
        const set = this.waitingOn.get(k) ?? new Set<string>();
        set.add(key);
        this.waitingOn.set(k, set);
      }
    }
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    const o = ev.object;
    if (ev.resource === resources.pods) {
      this.track(ev.previous, ev.type === 'DELETED' ? undefined : o);
      if (ev.type === 'DELETED') {
        this.reported.delete(String(o.metadata.uid));
        this.reserved.delete(`${o.metadata.namespace}/${o.metadata.name}`);
      }
      if (ev.type !== 'DELETED' && !podSpec(o).nodeName) enqueue(`${o.metadata.namespace}/${o.metadata.name}`);
    } else if (ev.resource === resources.persistentvolumeclaims) {
      for (const k of this.waitingOn.get(`${o.metadata.namespace}/${o.metadata.name}`) ?? []) enqueue(k);
    } else if (ev.resource === resources.nodes) {
      for (const p of this.ctx.store.list(resources.pods))
        if (!podSpec(p).nodeName) enqueue(`${p.metadata.namespace}/${p.metadata.name}`);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get(resources.pods, namespace, name);
    if (!pod || pod.metadata.deletionTimestamp || podSpec(pod).nodeName) return;
    const nodes = this.ctx.store.list(resources.nodes).filter(isNodeReady);
    if (nodes.length === 0)
      return this.unschedulable(pod, '0/0 nodes are available: no nodes available to schedule pods.');
    let selected: string | undefined;
    for (const claimName of claimNames(pod)) {
      const claim = this.ctx.store.get(resources.persistentvolumeclaims, namespace, claimName);
      const total = nodes.length;
      if (!claim)
        return this.unschedulable(
          pod,
          `0/${total} nodes are available: persistentvolumeclaim "${claimName}" not found. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
        );
      if (claim.metadata.deletionTimestamp)
        return this.unschedulable(
          pod,
          `0/${total} nodes are available: persistentvolumeclaim "${claimName}" is being deleted.`,
        );
      const phase = isObject((claim as JsonObject).status)
        ? ((claim as JsonObject).status as JsonObject).phase
        : undefined;
      if (phase === 'Bound') {
        selected ??= claim.metadata.annotations?.[SELECTED_NODE];
        continue;
      }
      const cls = this.storageClassOf(claim);
      if (cls?.volumeBindingMode === 'WaitForFirstConsumer') {
        if (!claim.metadata.annotations?.[SELECTED_NODE]) {
          const node = selected ?? this.reserved.get(key) ?? this.leastLoaded(nodes);
          this.reserved.set(key, node);
          this.ctx.registry.mutate(
            resources.persistentvolumeclaims,
            claim,
            (c) => {
              c.metadata.annotations = { ...c.metadata.annotations, [SELECTED_NODE]: node };
            },
            { manager: 'kube-scheduler' },
          );
        }
        return; // binding continues once the provisioner has bound the claim
      }
      return this.unschedulable(
        pod,
        `0/${total} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
      );
    }
    this.bind(pod, selected ?? this.leastLoaded(nodes));
  }

  private storageClassOf(claim: KubeObject): JsonObject | undefined {
    const spec = (claim as JsonObject).spec as JsonObject | undefined;
    const name = spec?.storageClassName;
    if (typeof name !== 'string' || !name) return undefined;
    return this.ctx.store.get(resources.storageclasses, undefined, name) as JsonObject | undefined;
  }

  private leastLoaded(nodes: KubeObject[]): string {
    const reservations = new Map<string, number>();
    for (const n of this.reserved.values()) reservations.set(n, (reservations.get(n) ?? 0) + 1);
    const load = nodes.map(
      (n) =>
        [n.metadata.name, (this.load.get(n.metadata.name) ?? 0) + (reservations.get(n.metadata.name) ?? 0)] as const,
    );
    return [...load].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0][0];
  }

  private bind(pod: KubeObject, node: string): void {
    this.reported.delete(String(pod.metadata.uid));
    this.reserved.delete(`${pod.metadata.namespace}/${pod.metadata.name}`);
    const updated = this.ctx.registry.mutate(
      resources.pods,
      pod,
      (p) => {
        podSpec(p).nodeName = node;
      },
      { manager: 'kube-scheduler' },
    );
    this.ctx.registry.mutate(
      resources.pods,
      updated,
      (p) => {
        setCondition(p, { type: 'PodScheduled', status: 'True' });
      },
      { manager: 'kube-scheduler', subresource: 'status' },
    );
    this.ctx.events.record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      COMPONENT,
    );
  }

  private unschedulable(pod: KubeObject, message: string): void {
    const uid = String(pod.metadata.uid);
    if (this.reported.get(uid) === message) return;
    this.reported.set(uid, message);
    this.ctx.registry.mutate(
      resources.pods,
      pod,
      (p) => {
        setCondition(p, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message });
      },
      { manager: 'kube-scheduler', subresource: 'status' },
    );
    this.ctx.events.record(pod, 'Warning', 'FailedScheduling', message, COMPONENT);
  }
}

export function isNodeReady(n: KubeObject): boolean {
  const st = (n as JsonObject).status as JsonObject | undefined;
  const conds = Array.isArray(st?.conditions) ? (st.conditions as JsonObject[]) : [];
  return (
    conds.some((c) => c.type === 'Ready' && c.status === 'True') &&
    !((n as JsonObject).spec as JsonObject | undefined)?.unschedulable
  );
}

/** Sets a pod condition, moving lastTransitionTime only when the status changes. */
export function setCondition(
  p: KubeObject,
  c: { type: string; status: string; reason?: string; message?: string },
): void {
  const o = p as JsonObject;
  const status = (isObject(o.status) ? o.status : (o.status = {})) as JsonObject;
  const conds = Array.isArray(status.conditions) ? (status.conditions as JsonObject[]) : [];
  const i = conds.findIndex((x) => x.type === c.type);
  const prev = i >= 0 ? conds[i] : undefined;
  const next: JsonObject = {
    type: c.type,
    status: c.status,
    lastProbeTime: null,
    lastTransitionTime: prev && prev.status === c.status ? (prev.lastTransitionTime ?? nowTime()) : nowTime(),
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  };
  if (i >= 0) conds[i] = next;
  else conds.push(next);
  status.conditions = conds;
}
