import { nodeId, type GraphNode, type Health } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { ConfigMap, EndpointSlice, KObject, PersistentVolume, PersistentVolumeClaim, Pod, SecretLite, Service, StatefulSet, StorageClass } from '../cache/types';
import { lastAppliedDiff } from './drift';
import { endpointsOf, isHeadless, serviceDiagnosis } from './endpoints';
import { diagnose } from './ordinals';
import { isReady, podHealth, podState, revisionOf } from './pods';
import { assessClaim, assessVolume, isDefaultClass } from './storage';

/** One graph node per object: id, health, a reason when unhealthy, and the facts worth drawing. */

function base(kind: GraphNode['kind'], o: KObject, status: Health, reason?: string): GraphNode {
  return { id: nodeId(kind, o.metadata.namespace, o.metadata.name), kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name, status, ...(reason ? { reason } : {}) };
}

export function statefulSetNode(sts: StatefulSet, s: Stores, now: number): GraphNode {
  const { diagnosis, health } = diagnose(sts, s, now);
  return {
    ...base('StatefulSet', sts, health, diagnosis[0]),
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
  const { status, reason } = podHealth(p, s, now);
  const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return {
    ...base('Pod', p, status, reason),
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
  const orphan = orphanOf ? { status: 'warning' as Health, reason: `orphaned: ordinal no longer part of StatefulSet ${orphanOf}; the claim (and its data) is kept (whenScaled: ${owner?.whenScaled})` } : undefined;
  const status = orphan && a.status === 'ok' ? orphan.status : a.status;
  return {
    ...base('PersistentVolumeClaim', c, status, a.reason ?? orphan?.reason),
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
    ...base('PersistentVolume', v, a.status, a.reason),
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
  return { id: nodeId('StorageClass', undefined, name), kind: 'StorageClass', name, status: 'error', reason: `StorageClass ${name} does not exist`, info: { missing: true } };
}

export function configMapNode(cm: ConfigMap, driftedPods: number): GraphNode {
  const diff = lastAppliedDiff(cm);
  const reason = driftedPods ? `${driftedPods} pod(s) run with an older version` : diff?.length ? `live data differs from last-applied in ${diff.join(', ')}` : undefined;
  return {
    ...base('ConfigMap', cm, driftedPods ? 'warning' : 'ok', reason),
    info: { keys: Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, ...(diff ? { lastAppliedDiffers: diff.length > 0 } : {}), changed: cm.dataChange?.time ?? cm.lastChange?.time ?? '' },
  };
}

export function secretNode(sec: SecretLite, driftedPods: number): GraphNode {
  return {
    ...base('Secret', sec, driftedPods ? 'warning' : 'ok', driftedPods ? `${driftedPods} pod(s) run with an older version` : undefined),
    info: { keys: Object.keys(sec.dataHashes).length, type: sec.type ?? 'Opaque', changed: sec.dataChange?.time ?? sec.lastChange?.time ?? '' },
  };
}

export function serviceNode(svc: Service, s: Stores): GraphNode {
  const eps = endpointsOf(svc, s);
  const diag = serviceDiagnosis(svc, s, eps);
  const ready = eps.filter((e) => e.ready).length;
  const hasSelector = Object.keys(svc.spec.selector ?? {}).length > 0;
  const status: Health = hasSelector && ready === 0 ? (eps.length ? 'error' : 'warning') : eps.length > ready ? 'progressing' : 'ok';
  return { ...base('Service', svc, status, diag[0]), info: { headless: isHeadless(svc), endpoints: eps.length, ready, type: svc.spec.type ?? 'ClusterIP' } };
}

export function sliceNode(sl: EndpointSlice): GraphNode {
  const eps = sl.endpoints ?? [];
  const ready = eps.filter((e) => e.conditions?.ready ?? true).length;
  return { ...base('EndpointSlice', sl, eps.length > ready ? 'progressing' : 'ok'), info: { endpoints: eps.length, ready, addressType: sl.addressType ?? '' } };
}
