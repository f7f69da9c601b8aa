import { findingHealth, type Finding } from '@/lib/wire/findings';
import { worstHealth } from '@/lib/wire/health';
import { nodeId, type GraphNode, type Health } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { ConfigMap, EndpointSlice, KObject, PersistentVolume, PersistentVolumeClaim, Pod, SecretLite, Service, StatefulSet, StorageClass } from '../cache/types';
import { lastAppliedDiff } from './drift';
import { assessService, endpointsOf, isHeadless } from './endpoints';
import { diagnose } from './ordinals';
import { isReady, podHealth, podState, revisionOf } from './pods';
import { assessClaim, assessVolume, isDefaultClass } from './storage';
import { finding } from './wording';

/** One graph node per object: id, health, a reason when unhealthy, and the facts worth drawing. */

/** A node with its findings; `reason` is the first one's sentence. */
function base(kind: GraphNode['kind'], o: KObject, status: Health, findings: (Finding | undefined)[] = []): GraphNode {
  const fs = findings.filter((f): f is Finding => !!f);
  const id = nodeId(kind, o.metadata.namespace, o.metadata.name);
  return { id, kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name, status, ...(fs.length ? { reason: fs[0].message, findings: fs } : {}) };
}

/** Health from findings alone (none: ok). */
const healthOf = (findings: (Finding | undefined)[]): Health => worstHealth(findings.filter((f): f is Finding => !!f).map(findingHealth));

export function statefulSetNode(sts: StatefulSet, s: Stores, now: number): GraphNode {
  const { findings, health } = diagnose(sts, s, now);
  return {
    ...base('StatefulSet', sts, health, findings),
    info: {
      replicas: sts.spec.replicas ?? 1,
      ready: sts.status?.readyReplicas ?? 0,
      currentRevision: sts.status?.currentRevision ?? '',
      updateRevision: sts.status?.updateRevision ?? '',
      partition: sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0,
      podManagementPolicy: sts.spec.podManagementPolicy ?? 'OrderedReady',
    },
  };
}

export function podNode(p: Pod, s: Stores, now: number): GraphNode {
  const { status, finding } = podHealth(p, s, now);
  const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return {
    ...base('Pod', p, status, [finding]),
    info: { phase: podState(p), ready: isReady(p), revision: revisionOf(p) ?? '', node: p.spec.nodeName ?? '', restarts, started: p.status?.startTime ?? '' },
  };
}


/** The StatefulSet a claim was created for (by template name), and what its retention policy says. */
export interface ClaimOwner {
  statefulSet: string;
  orphan: boolean;
  whenScaled: string;
  whenDeleted: string;
}

export function claimNode(c: PersistentVolumeClaim, s: Stores, now: number, owner?: ClaimOwner): GraphNode {
  const a = assessClaim(c, s, now);
  const orphanOf = owner?.orphan ? owner.statefulSet : undefined;
  const orphan = orphanOf ? finding('claim.orphaned', 'warning', { statefulSet: orphanOf, whenScaled: owner?.whenScaled ?? 'Retain' }) : undefined;
  const findings = [a.finding, orphan];
  return {
    ...base('PersistentVolumeClaim', c, healthOf(findings), findings),
    info: {
      phase: c.status?.phase ?? 'Pending',
      storageClass: c.spec?.storageClassName ?? '',
      capacity: c.status?.capacity?.storage ?? c.spec?.resources?.requests?.storage ?? '',
      volume: c.spec?.volumeName ?? '',
      accessModes: (c.status?.accessModes ?? c.spec?.accessModes ?? []).join(','),
      ...(owner ? { statefulSet: owner.statefulSet, whenScaled: owner.whenScaled, whenDeleted: owner.whenDeleted } : {}),
      ...(orphanOf ? { orphan: true } : {}),
    },
  };
}

export function volumeNode(v: PersistentVolume): GraphNode {
  const a = assessVolume(v);
  const ref = v.spec?.claimRef;
  return {
    ...base('PersistentVolume', v, a.status, [a.finding]),
    info: {
      phase: v.status?.phase ?? 'Pending',
      reclaimPolicy: v.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
      capacity: v.spec?.capacity?.storage ?? '',
      storageClass: v.spec?.storageClassName ?? '',
      claim: ref?.name ? `${ref.namespace}/${ref.name}` : '',
    },
  };
}

export function classNode(sc: StorageClass): GraphNode {
  return {
    ...base('StorageClass', sc, 'ok'),
    info: { provisioner: sc.provisioner ?? '', reclaimPolicy: sc.reclaimPolicy ?? 'Delete', volumeBindingMode: sc.volumeBindingMode ?? 'Immediate', default: isDefaultClass(sc) },
  };
}

/** A class that claims name but that does not exist: drawn, in error, so the break in the chain shows. */
export function missingClassNode(name: string): GraphNode {
  const f = finding('storageClass.missing', 'error', { storageClass: name });
  return { id: nodeId('StorageClass', undefined, name), kind: 'StorageClass', name, status: findingHealth(f), reason: f.message, findings: [f], info: { missing: true } };
}

export function configMapNode(cm: ConfigMap, driftedPods: number): GraphNode {
  const diff = lastAppliedDiff(cm);
  const findings = [
    driftedPods ? finding('config.podsStale', 'warning', { pods: driftedPods }) : undefined,
    diff?.length ? finding('config.lastAppliedDiffers', 'info', { keys: diff.join(', ') }) : undefined,
  ];
  return {
    ...base('ConfigMap', cm, healthOf(findings), findings),
    info: { keys: Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, ...(diff ? { lastAppliedDiffers: diff.length > 0 } : {}), changed: cm.dataChange?.time ?? cm.lastChange?.time ?? '' },
  };
}

export function secretNode(sec: SecretLite, driftedPods: number): GraphNode {
  return {
    ...base('Secret', sec, driftedPods ? 'warning' : 'ok', [driftedPods ? finding('config.podsStale', 'warning', { pods: driftedPods }) : undefined]),
    info: { keys: Object.keys(sec.dataHashes).length, type: sec.type ?? 'Opaque', changed: sec.dataChange?.time ?? sec.lastChange?.time ?? '' },
  };
}

export function serviceNode(svc: Service, s: Stores): GraphNode {
  const eps = endpointsOf(svc, s);
  const { status, findings } = assessService(svc, s, eps);
  const ready = eps.filter((e) => e.ready).length;
  return { ...base('Service', svc, status, findings), info: { headless: isHeadless(svc), endpoints: eps.length, ready, type: svc.spec.type ?? 'ClusterIP' } };
}

export function sliceNode(sl: EndpointSlice): GraphNode {
  const eps = sl.endpoints ?? [];
  const ready = eps.filter((e) => e.conditions?.ready ?? true).length;
  const findings = [eps.length > ready ? finding('endpointSlice.endpointsNotReady', 'info', { notReady: eps.length - ready, endpoints: eps.length }) : undefined];
  return { ...base('EndpointSlice', sl, healthOf(findings), findings), info: { endpoints: eps.length, ready, addressType: sl.addressType ?? '' } };
}
