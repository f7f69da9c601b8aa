// One graph node per object: id, health, a reason when unhealthy, and its kind's facts (lib/wire/facts.ts).
import { findingHealth, type Finding } from '@/lib/wire/findings';
import { worstHealth } from '@/lib/wire/health';
import type { NodeKind } from '@/lib/wire/kinds';
import { nodeId, type Health, type NodeBase, type NodeFacts, type NodeOf } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type {
  ConfigMap,
  EndpointSlice,
  KObject,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  SecretLite,
  Service,
  StatefulSet,
  StorageClass,
} from '../cache/types';
import { lastAppliedDiff } from './drift';
import { assessService, endpointsOf, isHeadless, servicePorts } from './endpoints';
import { diagnose } from './ordinals';
import { isReady, podHealth, podState, podStuck, revisionOf } from './pods';
import { assessClaim, assessVolume, isDefaultClass } from './storage';
import { finding } from './wording';

/** A node with its findings and facts; `reason` is the first finding's sentence. */
function node<K extends NodeKind>(
  kind: K,
  o: { metadata: Pick<KObject['metadata'], 'namespace' | 'name'> },
  status: Health,
  findings: (Finding | undefined)[],
  info: NodeFacts[K],
): NodeOf<K> {
  const fs = findings.filter((f): f is Finding => !!f);
  const base: NodeBase = {
    id: nodeId(kind, o.metadata.namespace, o.metadata.name),
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name,
    status,
    ...(fs.length ? { reason: fs[0].message, findings: fs } : {}),
  };
  // NodeOf<K> is NodeBase & { kind: K; info: NodeFacts[K] } for every K; the compiler cannot see that for a generic K.
  return { ...base, kind, info } as NodeOf<K>;
}

/** Health from findings alone (none: ok). */
const healthOf = (findings: (Finding | undefined)[]): Health =>
  worstHealth(findings.filter((f): f is Finding => !!f).map(findingHealth));

export function statefulSetNode(sts: StatefulSet, s: Stores, now: number): NodeOf<'StatefulSet'> {
  const { findings, health } = diagnose(sts, s, now);
  return node('StatefulSet', sts, health, findings, {
    replicas: sts.spec.replicas ?? 1,
    ready: sts.status?.readyReplicas ?? 0,
    currentRevision: sts.status?.currentRevision ?? '',
    updateRevision: sts.status?.updateRevision ?? '',
    partition: sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0,
    podManagementPolicy: sts.spec.podManagementPolicy ?? 'OrderedReady',
  });
}

export function podNode(p: Pod, s: Stores, now: number, staleConfig?: number): NodeOf<'Pod'> {
  const { status, finding } = podHealth(p, s, now);
  const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return node('Pod', p, status, [finding], {
    phase: podState(p),
    ready: isReady(p),
    revision: revisionOf(p) ?? '',
    node: p.spec.nodeName ?? '',
    restarts,
    started: p.status?.startTime ?? '',
    ...(staleConfig ? { staleConfig } : {}),
  });
}

/** The StatefulSet a claim was created for (by template name), and what its retention policy says. */
export interface ClaimOwner {
  statefulSet: string;
  orphan: boolean;
  whenScaled: string;
  whenDeleted: string;
}

export function claimNode(
  c: PersistentVolumeClaim,
  s: Stores,
  now: number,
  owner?: ClaimOwner,
): NodeOf<'PersistentVolumeClaim'> {
  const a = assessClaim(c, s, now);
  const orphanOf = owner?.orphan ? owner.statefulSet : undefined;
  const whenScaled = owner?.whenScaled ?? 'Retain';
  const orphan = !orphanOf
    ? undefined
    : whenScaled === 'Retain'
      ? finding('claim.retained', 'info', { statefulSet: orphanOf, whenScaled })
      : finding('claim.orphaned', 'warning', { statefulSet: orphanOf, whenScaled });
  const findings = [a.finding, orphan];
  return node('PersistentVolumeClaim', c, healthOf(findings), findings, {
    phase: c.status?.phase ?? 'Pending',
    storageClass: c.spec?.storageClassName ?? '',
    capacity: c.status?.capacity?.storage ?? c.spec?.resources?.requests?.storage ?? '',
    volume: s.PersistentVolume.hidden() ? '' : (c.spec?.volumeName ?? ''),
    ...(c.spec?.volumeName && s.PersistentVolume.hidden() ? { volumeHidden: true } : {}),
    accessModes: (c.status?.accessModes ?? c.spec?.accessModes ?? []).join(','),
    ...(owner ? { statefulSet: owner.statefulSet, whenScaled: owner.whenScaled, whenDeleted: owner.whenDeleted } : {}),
    ...(orphanOf ? { orphan: true } : {}),
  });
}

export function volumeNode(v: PersistentVolume): NodeOf<'PersistentVolume'> {
  const a = assessVolume(v);
  const ref = v.spec?.claimRef;
  return node('PersistentVolume', v, a.status, [a.finding], {
    phase: v.status?.phase ?? 'Pending',
    reclaimPolicy: v.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
    capacity: v.spec?.capacity?.storage ?? '',
    storageClass: v.spec?.storageClassName ?? '',
    claim: ref?.name ? `${ref.namespace}/${ref.name}` : '',
  });
}

export function classNode(sc: StorageClass): NodeOf<'StorageClass'> {
  return node('StorageClass', sc, 'ok', [], {
    provisioner: sc.provisioner ?? '',
    reclaimPolicy: sc.reclaimPolicy ?? 'Delete',
    volumeBindingMode: sc.volumeBindingMode ?? 'Immediate',
    default: isDefaultClass(sc),
  });
}

/** A class that claims name but that does not exist: drawn, in error, so the break in the chain shows. */
export function missingClassNode(name: string): NodeOf<'StorageClass'> {
  const f = finding('storageClass.missing', 'error', { storageClass: name });
  return node('StorageClass', { metadata: { name } }, findingHealth(f), [f], { missing: true });
}

export function configMapNode(cm: ConfigMap, driftedPods: number): NodeOf<'ConfigMap'> {
  const diff = lastAppliedDiff(cm);
  const findings = [
    driftedPods ? finding('config.podsStale', 'warning', { pods: driftedPods }) : undefined,
    diff?.length ? finding('config.lastAppliedDiffers', 'info', { keys: diff.join(', ') }) : undefined,
  ];
  return node('ConfigMap', cm, healthOf(findings), findings, {
    keys: Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
    ...(diff ? { lastAppliedDiffers: diff.length > 0 } : {}),
    changed: cm.dataChange?.time ?? cm.lastChange?.time ?? '',
  });
}

export function secretNode(sec: SecretLite, driftedPods: number): NodeOf<'Secret'> {
  const stale = driftedPods ? finding('config.podsStale', 'warning', { pods: driftedPods }) : undefined;
  return node('Secret', sec, healthOf([stale]), [stale], {
    keys: Object.keys(sec.dataHashes).length,
    type: sec.type ?? 'Opaque',
    changed: sec.dataChange?.time ?? sec.lastChange?.time ?? '',
  });
}

export function serviceNode(svc: Service, s: Stores, now: number): NodeOf<'Service'> {
  const eps = endpointsOf(svc, s);
  const { status, findings } = assessService(svc, s, eps, now);
  const ready = eps.filter((e) => e.ready).length;
  return node('Service', svc, status, findings, {
    headless: isHeadless(svc),
    endpoints: eps.length,
    ready,
    type: svc.spec.type ?? 'ClusterIP',
    ports: servicePorts(svc),
  });
}

export function sliceNode(sl: EndpointSlice, s: Stores, now: number): NodeOf<'EndpointSlice'> {
  const eps = sl.endpoints ?? [];
  const notReadyEps = eps.filter((e) => !(e.conditions?.ready ?? true));
  const ready = eps.length - notReadyEps.length;
  const notReady = notReadyEps.length;
  // An endpoint whose pod is stuck makes the slice a warning, as the pod and the Service are.
  const stuck = notReadyEps.some((e) => {
    const pod =
      e.targetRef?.kind === 'Pod' && e.targetRef.name
        ? s.Pod.get(e.targetRef.namespace ?? sl.metadata.namespace, e.targetRef.name)
        : undefined;
    return !!pod && podStuck(pod, s, now);
  });
  const findings = [
    notReady
      ? finding('endpointSlice.endpointsNotReady', stuck ? 'warning' : 'info', { notReady, endpoints: eps.length })
      : undefined,
  ];
  return node('EndpointSlice', sl, healthOf(findings), findings, {
    endpoints: eps.length,
    ready,
    addressType: sl.addressType ?? '',
  });
}
