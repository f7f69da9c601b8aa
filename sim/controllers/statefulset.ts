import { clone, controllerOf, isObject } from '../model/meta';
import type { JsonObject, KubeObject, OwnerReference } from '../model/types';
import { resources } from '../registry/lookup';
import type { StoreEvent } from '../store/store';
import { isRunningAndReady, podPhase } from './podview';
import {
  revisionData,
  revisionHash,
  revisionName,
  revisionNumber,
  templateFromRevision,
  templateOf,
} from './revisions';
import type { Controller, ControllerContext } from './runtime';
import { splitKey } from './runtime';

const COMPONENT = 'statefulset-controller';
const MANAGER = { manager: 'kube-controller-manager' };

type Sts = KubeObject & { spec: JsonObject; status?: JsonObject };

interface SetState {
  sts: Sts;
  start: number;
  replicas: number;
  monotonic: boolean;
  current: KubeObject; // ControllerRevision
  update: KubeObject; // ControllerRevision
  pods: Map<number, KubeObject>;
}

export function ordinalOf(sts: KubeObject, pod: KubeObject): number | undefined {
  const prefix = `${sts.metadata.name}-`;
  const n = pod.metadata.name;
  if (!n.startsWith(prefix)) return undefined;
  const rest = n.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

export function claimName(template: JsonObject, sts: KubeObject, ordinal: number): string {
  return `${(template.metadata as JsonObject).name}-${sts.metadata.name}-${ordinal}`;
}

function ownerRef(sts: KubeObject, controller: boolean): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: sts.metadata.name,
    uid: String(sts.metadata.uid),
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  };
}

function claimTemplates(sts: Sts): JsonObject[] {
  return Array.isArray(sts.spec.volumeClaimTemplates) ? (sts.spec.volumeClaimTemplates as JsonObject[]) : [];
}

function retention(sts: Sts): { whenDeleted: string; whenScaled: string } {
  const r = isObject(sts.spec.persistentVolumeClaimRetentionPolicy)
    ? (sts.spec.persistentVolumeClaimRetentionPolicy as JsonObject)
    : {};
  return { whenDeleted: String(r.whenDeleted ?? 'Retain'), whenScaled: String(r.whenScaled ?? 'Retain') };
}

/**
 * The StatefulSet controller (pkg/controller/statefulset): revisions, ordered or
 * parallel creation and deletion, rolling updates from the highest ordinal down to
 * the partition, OnDelete, claim creation and retention, and status.
 */
export class StatefulSetController implements Controller {
  readonly name = 'statefulset';

  constructor(private readonly ctx: ControllerContext) {}

  initialKeys(): string[] {
    return this.ctx.store.list(resources.statefulsets).map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    const o = ev.object;
    if (ev.resource === resources.statefulsets && ev.type !== 'DELETED')
      enqueue(`${o.metadata.namespace}/${o.metadata.name}`);
    if (ev.resource === resources.pods || ev.resource === resources.persistentvolumeclaims) {
      const ref = (o.metadata.ownerReferences ?? []).find((r) => r.kind === 'StatefulSet');
      if (ref) enqueue(`${o.metadata.namespace}/${ref.name}`);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const sts = this.ctx.store.get(resources.statefulsets, namespace, name) as Sts | undefined;
    if (!sts || sts.metadata.deletionTimestamp) return;
    const state = this.load(sts);
    this.sync(state);
    this.updateStatus(state);
    this.truncateHistory(state);
  }

  private load(sts: Sts): SetState {
    const ns = sts.metadata.namespace;
    const revisions = this.ctx.store
      .ownedBy(resources.controllerrevisions, sts.metadata.uid)
      .filter((r) => controllerOf(r) === sts.metadata.uid);
    const update = this.ensureRevision(sts, revisions);
    const currentName = sts.status?.currentRevision;
    const current = revisions.find((r) => r.metadata.name === currentName) ?? update;
    const pods = new Map<number, KubeObject>();
    for (const p of this.ctx.store.ownedBy(resources.pods, sts.metadata.uid)) {
      if (controllerOf(p) !== sts.metadata.uid || p.metadata.namespace !== ns) continue;
      const ord = ordinalOf(sts, p);
      if (ord !== undefined) pods.set(ord, p);
    }
    const ordinals = isObject(sts.spec.ordinals) ? (sts.spec.ordinals as JsonObject) : {};
    return {
      sts,
      start: Number(ordinals.start ?? 0),
      replicas: Number(sts.spec.replicas ?? 1),
      monotonic: sts.spec.podManagementPolicy !== 'Parallel',
      current,
      update,
      pods,
    };
  }

  private ensureRevision(sts: Sts, revisions: KubeObject[]): KubeObject {
    const template = templateOf(sts);
    const hash = revisionHash(template);
    const name = revisionName(sts, hash);
    const max = revisions.reduce((m, r) => Math.max(m, revisionNumber(r)), 0);
    const existing = revisions.find((r) => r.metadata.name === name);
    if (existing) {
      if (revisionNumber(existing) < max) {
        // Rolling back to an older template re-uses its revision with the next number.
        return this.ctx.registry.mutate(
          resources.controllerrevisions,
          existing,
          (r) => {
            (r as JsonObject).revision = max + 1;
          },
          MANAGER,
        );
      }
      return existing;
    }
    const selector = isObject(sts.spec.selector)
      ? ((sts.spec.selector as JsonObject).matchLabels as Record<string, string> | undefined)
      : undefined;
    return this.ctx.registry.create(
      resources.controllerrevisions,
      sts.metadata.namespace,
      {
        metadata: {
          name,
          namespace: sts.metadata.namespace,
          labels: { ...selector, 'controller.kubernetes.io/hash': hash },
          ownerReferences: [ownerRef(sts, true)],
        },
        data: revisionData(template),
        revision: max + 1,
      },
      MANAGER,
    );
  }

  private sync(s: SetState): void {
    const end = s.start + s.replicas;
    for (let ord = s.start; ord < end; ord++) {
      const pod = s.pods.get(ord);
      if (pod && !pod.metadata.deletionTimestamp && ['Failed', 'Succeeded'].includes(podPhase(pod))) {
        this.deletePod(s, pod, `delete Pod ${pod.metadata.name} in StatefulSet ${s.sts.metadata.name} successful`);
        if (s.monotonic) return;
        continue;
      }
      if (!pod) {
        if (!this.createPod(s, ord) || s.monotonic) return;
        continue;
      }
      if (s.monotonic && (pod.metadata.deletionTimestamp || !isRunningAndReady(pod))) return;
    }
    const condemned = [...s.pods.entries()].filter(([ord]) => ord < s.start || ord >= end).sort((a, b) => b[0] - a[0]);
    for (const [ord, pod] of condemned) {
      if (pod.metadata.deletionTimestamp) {
        if (s.monotonic) return;
        continue;
      }
      if (
        s.monotonic &&
        [...s.pods.values()].some((p) => p !== pod && !p.metadata.deletionTimestamp && !isRunningAndReady(p))
      )
        return;
      if (retention(s.sts).whenScaled === 'Delete') this.handOverClaims(s, ord, pod);
      this.deletePod(s, pod, `delete Pod ${pod.metadata.name} in StatefulSet ${s.sts.metadata.name} successful`);
      if (s.monotonic) return;
    }
    if (condemned.length > 0) return;
    this.rollingUpdate(s, end);
  }

  /** RollingUpdate: once every pod is Running and Ready, replace the highest ordinal not yet updated, down to the partition. */
  private rollingUpdate(s: SetState, end: number): void {
    const strategy = isObject(s.sts.spec.updateStrategy) ? (s.sts.spec.updateStrategy as JsonObject) : {};
    if (strategy.type === 'OnDelete') return;
    const partition = Number(
      (isObject(strategy.rollingUpdate) ? (strategy.rollingUpdate as JsonObject).partition : 0) ?? 0,
    );
    for (let ord = s.start; ord < end; ord++) {
      const p = s.pods.get(ord);
      if (!p || !isRunningAndReady(p)) return;
    }
    for (let ord = end - 1; ord >= s.start + partition; ord--) {
      const pod = s.pods.get(ord) as KubeObject;
      if (pod.metadata.labels?.['controller-revision-hash'] !== s.update.metadata.name) {
        this.deletePod(s, pod, `delete Pod ${pod.metadata.name} in StatefulSet ${s.sts.metadata.name} successful`);
        return;
      }
    }
  }

  /** Creates the claims and then the pod of one ordinal; false when it has to wait. */
  private createPod(s: SetState, ord: number): boolean {
    const sts = s.sts;
    const ns = sts.metadata.namespace;
    for (const t of claimTemplates(sts)) {
      const cname = claimName(t, sts, ord);
      const existing = this.ctx.store.get(resources.persistentvolumeclaims, ns, cname);
      if (existing?.metadata.deletionTimestamp) return false;
      if (!existing) this.createClaim(s, t, cname);
    }
    const strategy = isObject(sts.spec.updateStrategy) ? (sts.spec.updateStrategy as JsonObject) : {};
    const partition = Number(
      (isObject(strategy.rollingUpdate) ? (strategy.rollingUpdate as JsonObject).partition : 0) ?? 0,
    );
    const useCurrent = strategy.type !== 'OnDelete' && ord < s.start + partition;
    const rev = useCurrent ? s.current : s.update;
    const template = templateFromRevision(rev) ?? templateOf(sts);
    const pod = this.ctx.registry.create(resources.pods, ns, newPod(sts, template, ord, rev.metadata.name), MANAGER);
    s.pods.set(ord, pod);
    this.ctx.events.record(
      sts,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
      COMPONENT,
    );
    return true;
  }

  private createClaim(s: SetState, t: JsonObject, cname: string): void {
    const sts = s.sts;
    const meta = isObject(t.metadata) ? (t.metadata as JsonObject) : {};
    const selector = isObject(sts.spec.selector)
      ? ((sts.spec.selector as JsonObject).matchLabels as Record<string, string> | undefined)
      : undefined;
    const owners = retention(sts).whenDeleted === 'Delete' ? [ownerRef(sts, false)] : undefined;
    this.ctx.registry.create(
      resources.persistentvolumeclaims,
      sts.metadata.namespace,
      {
        metadata: {
          name: cname,
          namespace: sts.metadata.namespace,
          labels: { ...selector, ...(meta.labels as Record<string, string> | undefined) },
          ...(meta.annotations ? { annotations: meta.annotations } : {}),
          ...(owners ? { ownerReferences: owners } : {}),
        },
        spec: clone(t.spec ?? {}),
      },
      MANAGER,
    );
    const podName = `${sts.metadata.name}-${cname.slice(cname.lastIndexOf('-') + 1)}`;
    this.ctx.events.record(
      sts,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${cname} Pod ${podName} in StatefulSet ${sts.metadata.name} success`,
      COMPONENT,
    );
  }

  /** whenScaled: Delete — the condemned pod becomes the claims' owner, so they go with it. */
  private handOverClaims(s: SetState, ord: number, pod: KubeObject): void {
    for (const t of claimTemplates(s.sts)) {
      const claim = this.ctx.store.get(
        resources.persistentvolumeclaims,
        s.sts.metadata.namespace,
        claimName(t, s.sts, ord),
      );
      if (!claim || (claim.metadata.ownerReferences ?? []).some((r) => r.uid === pod.metadata.uid)) continue;
      this.ctx.registry.mutate(
        resources.persistentvolumeclaims,
        claim,
        (c) => {
          c.metadata.ownerReferences = [
            ...(c.metadata.ownerReferences ?? []),
            { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: String(pod.metadata.uid) },
          ];
        },
        MANAGER,
      );
    }
  }

  private deletePod(s: SetState, pod: KubeObject, message: string): void {
    this.ctx.registry.delete(resources.pods, pod.metadata.namespace, pod.metadata.name);
    this.ctx.events.record(s.sts, 'Normal', 'SuccessfulDelete', message, COMPONENT);
  }

  private updateStatus(s: SetState): void {
    const sts = this.ctx.store.get(resources.statefulsets, s.sts.metadata.namespace, s.sts.metadata.name);
    if (!sts) return;
    const pods = this.ctx.store
      .ownedBy(resources.pods, sts.metadata.uid)
      .filter((p) => controllerOf(p) === sts.metadata.uid && ordinalOf(sts, p) !== undefined);
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const rev = (p: KubeObject) => p.metadata.labels?.['controller-revision-hash'];
    const ready = live.filter(isRunningAndReady).length;
    const status: JsonObject = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: live.filter((p) => rev(p) === s.current.metadata.name).length,
      updatedReplicas: live.filter((p) => rev(p) === s.update.metadata.name).length,
      currentRevision: s.current.metadata.name,
      updateRevision: s.update.metadata.name,
      collisionCount: 0,
      availableReplicas: ready,
    };
    const strategy = isObject((sts as Sts).spec.updateStrategy) ? ((sts as Sts).spec.updateStrategy as JsonObject) : {};
    if (
      strategy.type !== 'OnDelete' &&
      status.updatedReplicas === status.replicas &&
      status.readyReplicas === status.replicas &&
      live.length === s.replicas
    ) {
      status.currentRevision = status.updateRevision;
      status.currentReplicas = status.updatedReplicas;
    }
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'] as const)
      if (status[k] === 0 && k !== 'availableReplicas') delete status[k];
    this.ctx.registry.mutate(
      resources.statefulsets,
      sts,
      (o) => {
        (o as JsonObject).status = status;
      },
      { ...MANAGER, subresource: 'status' },
    );
  }

  private truncateHistory(s: SetState): void {
    const limit = Number(s.sts.spec.revisionHistoryLimit ?? 10);
    const live = new Set([
      s.current.metadata.name,
      s.update.metadata.name,
      ...[...s.pods.values()].map((p) => p.metadata.labels?.['controller-revision-hash']),
    ]);
    const old = this.ctx.store
      .ownedBy(resources.controllerrevisions, s.sts.metadata.uid)
      .filter((r) => controllerOf(r) === s.sts.metadata.uid && !live.has(r.metadata.name))
      .sort((a, b) => revisionNumber(a) - revisionNumber(b));
    for (const r of old.slice(0, Math.max(0, old.length - limit))) {
      this.ctx.registry.delete(resources.controllerrevisions, r.metadata.namespace, r.metadata.name);
    }
  }
}

/** newStatefulSetPod: template + identity (name, hostname, subdomain), labels, claims and owner. */
export function newPod(sts: KubeObject, template: JsonObject, ord: number, revision: string): Record<string, unknown> {
  const spec = (sts as JsonObject).spec as JsonObject;
  const name = `${sts.metadata.name}-${ord}`;
  const tmeta = isObject(template.metadata) ? (template.metadata as JsonObject) : {};
  const podSpec = clone(isObject(template.spec) ? (template.spec as JsonObject) : {});
  const claims = claimTemplates(sts as Sts);
  const claimVolumes = claims.map((t) => ({
    name: String((t.metadata as JsonObject).name),
    persistentVolumeClaim: { claimName: claimName(t, sts, ord) },
  }));
  const names = new Set(claimVolumes.map((v) => v.name));
  const volumes = [
    ...claimVolumes,
    ...(Array.isArray(podSpec.volumes) ? (podSpec.volumes as JsonObject[]) : []).filter(
      (v) => !names.has(String(v.name)),
    ),
  ];
  if (volumes.length) podSpec.volumes = volumes;
  podSpec.hostname = name;
  if (spec.serviceName) podSpec.subdomain = spec.serviceName;
  return {
    metadata: {
      name,
      namespace: sts.metadata.namespace,
      labels: {
        ...(tmeta.labels as Record<string, string> | undefined),
        'apps.kubernetes.io/pod-index': String(ord),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': name,
      },
      ...(tmeta.annotations ? { annotations: clone(tmeta.annotations) } : {}),
      ownerReferences: [ownerRef(sts, true)],
    },
    spec: podSpec,
  };
}
